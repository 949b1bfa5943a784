/**
 * Error reports for IT (docs/operations.md §7 "Reportes de errores"): an unexpected error of the API or of a desk is
 * reduced to what groups it — its code and the top frame of its stack — plus the app version and the office. Nothing
 * else leaves: no message (free text, names, cédulas), no arguments, no ids, no folders (a Windows profile folder is a
 * person's name). The desk reduces before sending, and the server reduces again what it receives.
 */
import { z } from 'zod';

/** A code: the API's stable error code (ERROR_INTERNO) or an error class name (TypeError, SqliteError). */
const CODIGO = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;
/** What a top frame is reduced to: `función@archivo:línea:columna`, identifier characters only. */
const MARCO = /^[\w$.<>-]{0,80}@[\w.-]{0,80}:\d{1,7}:\d{1,7}$|^desconocido$/;

export function codigoDeError(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown } | null;
  for (const candidato of [e?.code, e?.name])
    if (typeof candidato === 'string' && CODIGO.test(candidato)) return candidato;
  return 'Error';
}

/**
 * The first stack frame in the application's own code (outside node_modules and Node's internals; the first frame of
 * all when there is none), as `función@archivo:línea:columna` with the file's base name only.
 */
export function marcoSuperior(stack: string | undefined): string {
  const marcos = (stack ?? '')
    .split('\n')
    .map((l) => /^\s*at (?:(?:async )?([^\s(]+) \()?(.*?):(\d+):(\d+)\)?\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);
  const propio = marcos.find((m) => !/node_modules|^node:|^internal\//.test(m[2]!)) ?? marcos[0];
  if (!propio) return 'desconocido';
  const funcion = (propio[1] ?? '<anonima>').replace(/[^\w$.<>-]/g, '').slice(0, 80) || '<anonima>';
  const archivo = (propio[2]!.split(/[\\/]/).pop() ?? '').replace(/[^\w.-]/g, '').slice(0, 80);
  return `${funcion}@${archivo}:${propio[3]}:${propio[4]}`;
}

/** FNV-1a over the text, twice with different offsets: 16 hex characters, no Node crypto (shared runs anywhere). */
export function huellaDeError(codigo: string, marco: string): string {
  const fnv = (texto: string, base: number) => {
    let h = base >>> 0;
    for (let i = 0; i < texto.length; i++) {
      h ^= texto.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  const texto = `${codigo}|${marco}`;
  return fnv(texto, 0x811c9dc5) + fnv(texto, 0x050c5d1f);
}

/** One grouped report from a desk: how many times this fingerprint happened since the last one it sent. */
export const ReporteErrorEscritorio = z.strictObject({
  codigo: z.string().regex(CODIGO),
  marco: z.string().regex(MARCO),
  version: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[\w.]{1,20})?$/),
  veces: z.number().int().min(1).max(1_000_000),
  /** First and last time it happened (UTC ISO). */
  primera: z.iso.datetime(),
  ultima: z.iso.datetime(),
});
export type ReporteErrorEscritorio = z.infer<typeof ReporteErrorEscritorio>;

/** At most this many fingerprints per POST: a desk keeps no more than that many pending (main/src/core/errores/). */
export const MAX_REPORTES_POR_ENVIO = 20;

export const EnvioReportesError = z.strictObject({
  reportes: z.array(ReporteErrorEscritorio).min(1).max(MAX_REPORTES_POR_ENVIO),
});
export type EnvioReportesError = z.infer<typeof EnvioReportesError>;

export const RecepcionReportesError = z.strictObject({ recibidos: z.number().int() });

/**
 * The whole of a desk's store against the server: every mirrored table, row by row and field by field, compared with
 * what the server holds for the desk user's office (a complete pull from the start, which is the server's own statement
 * of those rows, cross-checked against the server database's office cases).
 */
import Database from 'better-sqlite3';
import { CURSOR_INICIAL, LIMITE_PULL, RUTAS_SYNC, type PullRespuesta } from '#shared/sync/protocolo';
import { TABLAS_EXPEDIENTE } from '../../../main/src/core/store/tablas.js';
import type { ServidorDePrueba } from '../../helpers/servidor.js';

/** tabla → id → row as JSON values. */
export type Filas = Record<string, Record<string, Record<string, unknown>>>;

export interface Store {
  integridad: unknown;
  filas: Filas;
  /** Rows showing a local change not settled yet. */
  sucias: number;
  outbox: number;
}

/** Reads the desk's SQLite file (read-only, closed before returning: no handle outlives the check). */
export function leerStore(archivo: string): Store {
  const db = new Database(archivo, { readonly: true });
  try {
    const filas: Filas = {};
    let sucias = 0;
    for (const t of TABLAS_EXPEDIENTE) {
      const deTabla = db.prepare(`select id, datos, sucio from ${t}`).all() as {
        id: string;
        datos: string;
        sucio: number;
      }[];
      for (const r of deTabla) (filas[t] ??= {})[r.id] = JSON.parse(r.datos) as Record<string, unknown>;
      sucias += deTabla.filter((r) => r.sucio).length;
    }
    const catalogos = db.prepare('select tabla, clave, datos from catalogos').all() as Record<string, string>[];
    for (const r of catalogos) (filas[r.tabla!] ??= {})[r.clave!] = JSON.parse(r.datos!) as Record<string, unknown>;
    return {
      integridad: db.pragma('integrity_check', { simple: true }),
      filas,
      sucias,
      outbox: (db.prepare('select count(*) as n from outbox').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

/** Every row the server gives `usuario` today: a complete pull from the initial cursor, deletes applied. */
export async function filasDelServidor(s: Pick<ServidorDePrueba, 'api' | 'login'>, usuario: string): Promise<Filas> {
  const { access_token } = await s.login(usuario);
  const filas: Filas = {};
  for (let cursor = CURSOR_INICIAL, mas = true; mas;) {
    const q = new URLSearchParams({ cursor, limit: String(LIMITE_PULL.maximo) });
    const r = await fetch(`${s.api}${RUTAS_SYNC.pull}?${q}`, { headers: { authorization: `Bearer ${access_token}` } });
    if (r.status !== 200) throw new Error(`pull de referencia falló: ${r.status} ${await r.text()}`);
    const p = (await r.json()) as PullRespuesta;
    for (const c of p.changes) {
      const tabla = (filas[c.tabla] ??= {});
      if (c.op === 'upsert') tabla[c.id] = c.fila!;
      else delete tabla[c.id];
    }
    ({ nextCursor: cursor, hasMore: mas } = p);
  }
  for (const [t, deTabla] of Object.entries(filas)) if (!Object.keys(deTabla).length) delete filas[t];
  return filas;
}

/** The office's cases in the server database itself, id → version, for both kinds of case. */
export async function casosDeOficina(s: ServidorDePrueba, agencia: string): Promise<Record<string, number>> {
  const ppsh = await s.db
    .selectFrom('ppsh_solicitudes')
    .select(['id', 'version'])
    .where('cod_agencia', '=', agencia)
    .execute();
  const wf = await s.db
    .selectFrom('workflow_instancias')
    .select(['id', 'version'])
    .where('cod_agencia', '=', agencia)
    .execute();
  return Object.fromEntries([...ppsh, ...wf].map((f) => [f.id, f.version]));
}

export const versionesDeCasos = (f: Filas) =>
  Object.fromEntries(
    ['ppsh_solicitudes', 'workflow_instancias'].flatMap((t) =>
      Object.entries(f[t] ?? {}).map(([id, fila]) => [id, Number(fila.version)]),
    ),
  );

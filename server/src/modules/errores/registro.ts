/**
 * Error reports IT hears about (docs/operations.md §7 "Reportes de errores"): every API failure that answers 5xx and
 * every unexpected error a desk reports is counted in `tramites_errores_total` by fingerprint (code + top stack frame,
 * shared/src/errores/reporte.ts), with the app version and the office, and logged once with the same labels (a desk's
 * report at error level; an API failure at warn, beside its own error line). Prometheus' ErrorReportado alert fires for a fingerprint that is new or growing, and Alertmanager sends it to
 * IT's receiver. No message, argument or id is kept: only what the fingerprint is made of.
 */
import type { Request } from 'express';
import type { Logger } from 'pino';
import client from 'prom-client';
import { codigoDeError, huellaDeError, marcoSuperior, type ReporteErrorEscritorio } from '#shared/errores/reporte';
import type { Actor } from '../../contexto.js';

/**
 * Distinct label sets one process keeps: a flood of different stacks (a bug in a loop over varied data) must not grow
 * Prometheus' series without bound. Past it, reports are still counted, under the fingerprint "otras".
 */
export const MAX_SERIES = 300;

export interface ReporteError {
  origen: 'api' | 'escritorio';
  codigo: string;
  marco: string;
  version: string;
  agencia: string;
  veces: number;
}

export interface RegistroErrores {
  /** An API failure that answered `status` (only 5xx are reports: 4xx are the client's). */
  desdeLaApi(error: unknown, status: number, req: Request): void;
  /** Reports a desk sent; the office is the officer's, from the token, never from the body. */
  desdeEscritorio(reportes: ReporteErrorEscritorio[], actor: Actor): number;
}

export function crearRegistroErrores(registry: client.Registry, logger: Logger, version: string): RegistroErrores {
  const errores = new client.Counter({
    name: 'tramites_errores_total',
    help: 'Errores inesperados de la API (5xx) y de los escritorios, por huella (código + marco superior de la pila)',
    labelNames: ['origen', 'huella', 'codigo', 'marco', 'version', 'agencia'],
    registers: [registry],
  });
  const vistas = new Set<string>();

  function registrar(r: ReporteError): void {
    let huella = huellaDeError(r.codigo, r.marco);
    let { codigo, marco } = r;
    const clave = [r.origen, huella, r.version, r.agencia].join('|');
    if (!vistas.has(clave) && vistas.size >= MAX_SERIES) {
      huella = 'otras';
      codigo = 'otras';
      marco = 'otras';
    } else vistas.add(clave);
    errores.inc({ origen: r.origen, huella, codigo, marco, version: r.version, agencia: r.agencia }, r.veces);
    // The API's own failure already has its error line (respuesta-error.ts, with the stack): this one, at warn, only
    // carries the fingerprint, so daily_check.sh's count of error lines does not see each failure twice.
    logger[r.origen === 'api' ? 'warn' : 'error'](
      {
        reporteError: {
          origen: r.origen,
          huella,
          codigo,
          marco,
          version: r.version,
          agencia: r.agencia,
          veces: r.veces,
        },
      },
      'reporte de error',
    );
  }

  return {
    desdeLaApi(error, status, req) {
      if (status < 500) return;
      const e = error as { stack?: unknown } | null;
      registrar({
        origen: 'api',
        // The stable code of the answer (ERROR_INTERNO, SERVICIO_NO_DISPONIBLE) says more than the class when known.
        codigo: status === 500 ? codigoDeError(error) : `HTTP_${status}_${codigoDeError(error)}`.slice(0, 48),
        marco: marcoSuperior(typeof e?.stack === 'string' ? e.stack : undefined),
        version,
        agencia: req.ctx?.actor.cod_agencia ?? '-',
        veces: 1,
      });
    },
    desdeEscritorio(reportes, actor) {
      for (const r of reportes)
        registrar({
          origen: 'escritorio',
          codigo: r.codigo,
          marco: r.marco,
          version: r.version,
          agencia: actor.cod_agencia,
          veces: r.veces,
        });
      return reportes.length;
    },
  };
}

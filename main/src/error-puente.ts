/**
 * Any failure of a bridge call as the shared error shape (code, Spanish message, details), for IPC and the web shell.
 * Errors of the core and of the API client already carry a stable code; anything else is a defect of ours: the officer
 * gets a generic Spanish message and the detail goes to the log, never to the screen.
 */
import type { ErrorPuente } from '#shared/bridge/contrato';
import { CODIGOS_ERROR, type CodigoError } from '#shared/codigos-error';
import { ErrorRed } from './core/api/cliente.js';

const esCodigo = (c: unknown): c is CodigoError =>
  typeof c === 'string' && (CODIGOS_ERROR as readonly string[]).includes(c);

export function aErrorPuente(e: unknown, registrar: (e: unknown) => void = console.error): ErrorPuente {
  if (e instanceof Error) {
    const { code, details } = e as Error & { code?: unknown; details?: unknown };
    if (esCodigo(code)) return { code, message: e.message, ...(details === undefined ? {} : { details }) };
  }
  if (e instanceof ErrorRed) return { code: 'SERVICIO_NO_DISPONIBLE', message: e.message };
  registrar(e);
  return {
    code: 'ERROR_INTERNO',
    message: 'Error interno de la aplicación. Intente de nuevo; si persiste, avise a soporte.',
  };
}

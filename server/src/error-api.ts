/** Errors are values with a stable code and a Spanish message; the HTTP layer turns them into the API's one error shape. */
import { ESTADO_HTTP, type CodigoError } from '#shared/codigos-error';
import type { Rechazo } from '#shared/rechazo';

export class AppError extends Error {
  constructor(
    readonly code: CodigoError,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ESTADO_HTTP[this.code];
  }
}

export const noEncontrado = (que: string) => new AppError('NO_ENCONTRADO', `${que} no existe o no está en su oficina`);
export const permisoDenegado = (detalle = 'Su rol no permite esta acción') => new AppError('PERMISO_DENEGADO', detalle);

/** A refusal of a rule shared with the desk (shared/src/rechazo.ts) becomes the API's error, word for word. */
export function cumplir(r: Rechazo | null): asserts r is null {
  if (r) throw new AppError(r.code, r.message, r.details);
}

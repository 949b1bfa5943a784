/** Errors of the desktop core: a stable code (shared/src/codigos-error.ts) and a Spanish message, as the API's, for the renderer. */
import type { CodigoError } from '#shared/codigos-error';
import type { Rechazo } from '#shared/rechazo';

export class ErrorCore extends Error {
  constructor(
    readonly code: CodigoError,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ErrorCore';
  }
}

export const noEncontradoLocal = (que: string) => new ErrorCore('NO_ENCONTRADO', `${que} no existe en esta estación`);

/** A refusal of a shared rule (shared/src/rechazo.ts) becomes the desk's error with the server's code and words. */
export function cumplir(r: Rechazo | null): asserts r is null {
  if (r) throw new ErrorCore(r.code, r.message, r.details);
}

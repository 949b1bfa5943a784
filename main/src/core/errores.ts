/** Errors of the desktop core: a stable code (shared/errores.ts) and a Spanish message, as the API's, for the renderer. */
import type { CodigoError } from '../../../shared/src/errores.js';

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

/** Errors are values with a stable code and a Spanish message; the HTTP layer turns them into the API's one error shape. */
import type { CodigoError } from '../../shared/src/errores.js';
import type { Rechazo } from '../../shared/src/rechazo.js';

const ESTADO_HTTP: Record<CodigoError, number> = {
  VALIDACION: 422,
  PETICION_MALFORMADA: 400,
  CUERPO_DEMASIADO_GRANDE: 413,
  TIPO_NO_SOPORTADO: 415,
  NO_AUTENTICADO: 401,
  TOKEN_INVALIDO: 401,
  CREDENCIALES_INVALIDAS: 401,
  CUENTA_BLOQUEADA: 423,
  CUENTA_INACTIVA: 401,
  PERMISO_DENEGADO: 403,
  NO_ENCONTRADO: 404,
  TRANSICION_NO_PERMITIDA: 409,
  EDICION_NO_PERMITIDA: 409,
  CONFLICTO_VERSION: 409,
  DUPLICADO: 409,
  REGLA_NEGOCIO: 400,
  ARCHIVO_NO_PERMITIDO: 415,
  ARCHIVO_DEMASIADO_GRANDE: 413,
  LIMITE_EXCEDIDO: 429,
  SERVICIO_NO_DISPONIBLE: 503,
  ERROR_INTERNO: 500,
};

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

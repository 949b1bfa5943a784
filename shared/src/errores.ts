/** Stable error codes of the API (and of commands the desktop queues offline). Clients branch on `code`, people read `message`. */
export const CODIGOS_ERROR = [
  'VALIDACION',
  'NO_AUTENTICADO',
  'TOKEN_INVALIDO',
  'CREDENCIALES_INVALIDAS',
  'CUENTA_BLOQUEADA',
  'CUENTA_INACTIVA',
  'PERMISO_DENEGADO',
  'NO_ENCONTRADO',
  'TRANSICION_NO_PERMITIDA',
  'EDICION_NO_PERMITIDA',
  'CONFLICTO_VERSION',
  'DUPLICADO',
  'REGLA_NEGOCIO',
  'ARCHIVO_NO_PERMITIDO',
  'ARCHIVO_DEMASIADO_GRANDE',
  'LIMITE_EXCEDIDO',
  'SERVICIO_NO_DISPONIBLE',
  'ERROR_INTERNO',
] as const;
export type CodigoError = (typeof CODIGOS_ERROR)[number];

/** The one error shape of the API: `{ error: ErrorApi }`. */
export interface ErrorApi {
  code: CodigoError;
  message: string;
  details?: unknown;
  requestId?: string;
}

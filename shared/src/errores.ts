/** Stable error codes of the API (and of commands the desktop queues offline). Clients branch on `code`, people read `message`. */
export const CODIGOS_ERROR = [
  'VALIDACION',
  /** The request itself is broken (bad JSON, percent-encoding or multipart; nested too deep): 400. */
  'PETICION_MALFORMADA',
  /** The body is larger than the endpoint takes: 413. */
  'CUERPO_DEMASIADO_GRANDE',
  /** Unknown content type, charset or content encoding: 415. */
  'TIPO_NO_SOPORTADO',
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

import { z } from 'zod';

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

/** The HTTP status of each code, for the API and the desktop's web shell alike. */
export const ESTADO_HTTP: Record<CodigoError, number> = {
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

/**
 * The one error shape of the API, `{ error: {code, message, details?, requestId} }`: the server's error handler builds
 * it and every operation of the OpenAPI document declares it (docs/contrato-api.md).
 */
export const ErrorApi = z.strictObject({
  code: z.enum(CODIGOS_ERROR),
  message: z.string(),
  /** Which fields failed and why (validation), or what the rule refused. */
  details: z.unknown().optional(),
  /** The request's id, as in the server's log line: what an officer reads to IT. */
  requestId: z.string(),
});
export type ErrorApi = z.infer<typeof ErrorApi>;
export const ErrorRespuesta = z.strictObject({ error: ErrorApi });
export type ErrorRespuesta = z.infer<typeof ErrorRespuesta>;

/** The last middleware: every failure leaves as `{error:{code,message,details?,requestId}}`, never a stack trace or SQL. */
import type { Server } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import { v7 as uuidv7 } from 'uuid';
import type { CodigoError, ErrorRespuesta } from '#shared/codigos-error';
import { AppError } from '../error-api.js';
import { MAX_ANIDAMIENTO } from './cuerpo.js';

/** Errors of the request parsers (body-parser, zlib, the router's percent-decoding) by their `type`: the client's fault. */
const ERRORES_DE_PARSER: Record<string, [CodigoError, string]> = {
  // Kept as VALIDACION (422): clients already branch on it for a body that is not JSON.
  'entity.parse.failed': ['VALIDACION', 'El cuerpo de la petición no es JSON válido'],
  'entity.too.deep': [
    'PETICION_MALFORMADA',
    `El cuerpo de la petición está anidado a más de ${MAX_ANIDAMIENTO} niveles`,
  ],
  'entity.too.large': ['CUERPO_DEMASIADO_GRANDE', 'El cuerpo de la petición es demasiado grande'],
  'charset.unsupported': ['TIPO_NO_SOPORTADO', 'Juego de caracteres no admitido; envíe el cuerpo en UTF-8'],
  'encoding.unsupported': [
    'TIPO_NO_SOPORTADO',
    'Codificación de contenido no admitida; use gzip, deflate, br o ninguna',
  ],
  'request.aborted': ['PETICION_MALFORMADA', 'La petición se interrumpió antes de terminar el cuerpo'],
  'request.size.invalid': ['PETICION_MALFORMADA', 'El cuerpo no tiene el tamaño que anuncia Content-Length'],
};

/** A parser error without a known type, by the status it carries (http-errors style). */
const POR_ESTADO: Record<number, [CodigoError, string]> = {
  413: ['CUERPO_DEMASIADO_GRANDE', 'El cuerpo de la petición es demasiado grande'],
  415: ['TIPO_NO_SOPORTADO', 'Tipo de contenido no admitido'],
};

function errorDeCliente(e: { type?: string; status?: number; code?: unknown; name?: string }): AppError | undefined {
  const porTipo = e.type ? ERRORES_DE_PARSER[e.type] : undefined;
  if (porTipo) return new AppError(...porTipo);
  if (typeof e.status !== 'number' || e.status < 400 || e.status > 499) return undefined;
  if (e.name === 'URIError')
    return new AppError('PETICION_MALFORMADA', 'La ruta contiene una codificación por ciento (%) inválida');
  // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR): a body that does not decompress.
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return new AppError(
      'PETICION_MALFORMADA',
      'El cuerpo comprimido está dañado o no corresponde a su Content-Encoding',
    );
  return new AppError(...(POR_ESTADO[e.status] ?? ['PETICION_MALFORMADA', 'La petición está mal formada']));
}

/**
 * Failures of what the server stands on, not of the request: the database busy, locked or unreachable, the disk full.
 * The officer's desk retries a 503 later; nothing was stored (each write is one transaction, files are temp + rename).
 */
const CODIGOS_SQLITE_NO_DISPONIBLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|PROTOCOL)/;
const CODIGOS_MSSQL_NO_DISPONIBLE = new Set([
  'ESOCKET',
  'ETIMEOUT',
  'ECONNCLOSED',
  'ECONNRESET',
  'ELOGIN',
  'EINSTLOOKUP',
]);
const DISCO_LLENO = new Set(['ENOSPC', 'EDQUOT']);

function errorDeInfraestructura(e: { code?: unknown; name?: string }): AppError | undefined {
  const code = typeof e.code === 'string' ? e.code : '';
  if (DISCO_LLENO.has(code) || code === 'SQLITE_FULL')
    return new AppError(
      'SERVICIO_NO_DISPONIBLE',
      'El servidor se quedó sin espacio en disco y no guardó nada; avise al equipo de TI e intente más tarde',
    );
  if (
    CODIGOS_SQLITE_NO_DISPONIBLE.test(code) ||
    (e.name === 'ConnectionError' && CODIGOS_MSSQL_NO_DISPONIBLE.has(code))
  )
    return new AppError(
      'SERVICIO_NO_DISPONIBLE',
      'La base de datos no está disponible en este momento; no se guardó nada, intente de nuevo en unos segundos',
    );
  return undefined;
}

function traducir(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new AppError('ARCHIVO_DEMASIADO_GRANDE', 'El archivo supera el tamaño máximo permitido (10 MB)');
    return new AppError('VALIDACION', `Envío de archivo inválido (${err.code})`);
  }
  return (
    (err && typeof err === 'object' ? (errorDeCliente(err) ?? errorDeInfraestructura(err)) : undefined) ??
    new AppError('ERROR_INTERNO', 'Error interno del servidor; el equipo de TI fue notificado')
  );
}

/** The HTTP status an error leaves with (the error reports count the 5xx: modules/errores/registro.ts). */
export const estadoDeError = (err: unknown): number => traducir(err).status;

/** The body of every error, typed by the schema the OpenAPI document declares (ErrorRespuesta): one definition. */
export const cuerpoDeError = (e: AppError, requestId: string): ErrorRespuesta => ({
  error: {
    code: e.code,
    message: e.message,
    ...(e.details !== undefined ? { details: e.details } : {}),
    requestId,
  },
});

export const manejarErrores: ErrorRequestHandler = (err, req, res, _next) => {
  const e = traducir(err);
  if (e.code === 'ERROR_INTERNO') req.log?.error({ err }, 'error no controlado');
  else if (e.code === 'SERVICIO_NO_DISPONIBLE') req.log?.warn({ err }, 'dependencia no disponible');
  if (res.headersSent) return res.destroy();
  if (e.code === 'SERVICIO_NO_DISPONIBLE') res.setHeader('Retry-After', '5');
  res.status(e.status).json(cuerpoDeError(e, String(req.id)));
};

export const rutaNoEncontrada: RequestHandler = (req, _res, next) =>
  next(new AppError('NO_ENCONTRADO', `Ruta no encontrada: ${req.method} ${req.path}`));

/** Node's own answers to requests it cannot parse (before Express sees them), by the parser's error code. */
const ERRORES_DE_CONEXION: Record<string, [number, string, AppError]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    new AppError('CUERPO_DEMASIADO_GRANDE', 'Las cabeceras de la petición son demasiado grandes'),
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    new AppError('PETICION_MALFORMADA', 'La petición tardó demasiado en llegar completa'),
  ],
};
const MALFORMADA: [number, string, AppError] = [
  400,
  'Bad Request',
  new AppError('PETICION_MALFORMADA', 'La petición HTTP está mal formada'),
];

/**
 * Replaces Node's bare "400 Bad Request" / "431" (no body) with the API's error shape. The error's status line stays
 * Node's (431 is not one of our codes' statuses), the body is the one every client already reads.
 */
export function responderErroresDeConexion(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // Node's own rule: once a response has started on this socket, nothing more can be written to it.
    const enCurso = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || enCurso) return socket.destroy();
    const [status, texto, e] = ERRORES_DE_CONEXION[err.code ?? ''] ?? MALFORMADA;
    const cuerpo = JSON.stringify(cuerpoDeError(e, uuidv7()));
    socket.end(
      `HTTP/1.1 ${status} ${texto}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(cuerpo)}\r\nConnection: close\r\n\r\n${cuerpo}`,
    );
  });
}

/** The last middleware: every failure leaves as `{error:{code,message,details?,requestId}}`, never a stack trace or SQL. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../errors.js';

function traducir(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new AppError('ARCHIVO_DEMASIADO_GRANDE', 'El archivo supera el tamaño máximo permitido (10 MB)');
    return new AppError('VALIDACION', `Envío de archivo inválido (${err.code})`);
  }
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed')
    return new AppError('VALIDACION', 'El cuerpo de la petición no es JSON válido');
  if (e?.type === 'entity.too.large') return new AppError('VALIDACION', 'El cuerpo de la petición es demasiado grande');
  return new AppError('ERROR_INTERNO', 'Error interno del servidor; el equipo de TI fue notificado');
}

export const manejarErrores: ErrorRequestHandler = (err, req, res, _next) => {
  const e = traducir(err);
  if (e.code === 'ERROR_INTERNO') req.log?.error({ err }, 'error no controlado');
  if (res.headersSent) return res.destroy();
  res.status(e.status).json({
    error: {
      code: e.code,
      message: e.message,
      ...(e.details !== undefined ? { details: e.details } : {}),
      requestId: req.id,
    },
  });
};

export const rutaNoEncontrada: RequestHandler = (req, _res, next) =>
  next(new AppError('NO_ENCONTRADO', `Ruta no encontrada: ${req.method} ${req.path}`));

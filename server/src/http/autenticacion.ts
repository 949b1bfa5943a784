import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { actorDe, type ServicioAuth } from '../modules/auth/service.js';

/** Bearer access token → req.ctx; the role and office come from the database, so a change takes effect at once. */
export function middlewareAutenticacion(auth: ServicioAuth): RequestHandler {
  return async (req, _res, next) => {
    const cabecera = req.headers.authorization ?? '';
    const [esquema, token] = cabecera.split(' ');
    if (esquema?.toLowerCase() !== 'bearer' || !token) {
      return next(new AppError('NO_AUTENTICADO', 'Debe iniciar sesión (falta el token de acceso)'));
    }
    try {
      const { usuario, familia } = await auth.usuarioDeToken(token);
      req.ctx = { actor: actorDe(usuario), requestId: String(req.id), cliente: req.ip, sesion: familia };
      next();
    } catch (e) {
      next(e);
    }
  };
}

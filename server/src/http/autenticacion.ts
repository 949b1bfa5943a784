import type { RequestHandler } from 'express';
import { AppError } from '../error-api.js';
import { actorDe, type ServicioAuth } from '../modules/auth/service.js';

/** Exactly `Bearer <token>` (RFC 6750 token68): anything before or after the token is refused, not ignored. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Bearer access token → req.ctx; the role and office come from the database, so a change takes effect at once. */
export function middlewareAutenticacion(auth: ServicioAuth): RequestHandler {
  return async (req, _res, next) => {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) {
      return next(
        new AppError(
          'NO_AUTENTICADO',
          'Debe iniciar sesión (falta el token de acceso o la cabecera no es "Bearer <token>")',
        ),
      );
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

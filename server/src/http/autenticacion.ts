import type { RequestHandler } from 'express';
import { AppError } from '../error-api.js';
import type { LectorRevision } from '../memoria/revision.js';
import { Recientes } from '../memoria/recientes.js';
import { actorDe, type ServicioAuth } from '../modules/auth/service.js';

/** Exactly `Bearer <token>` (RFC 6750 token68): anything before or after the token is refused, not ignored. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Access tokens whose check this process remembers (a few hundred bytes each). */
const SESIONES_MAXIMAS = 10_000;

type Comprobada = Awaited<ReturnType<ServicioAuth['usuarioDeToken']>> & { acceso: number };

/**
 * Bearer access token → req.ctx. The role and office come from the database, so a change takes effect at once: the
 * full check (signature, user, session) is remembered per token only under the access revision read by this request
 * (memoria/revision.ts), which database triggers move on every change to a user's access or a session's revocation,
 * from any process. A demoted, disabled or logged-out officer is therefore re-checked on their very next request;
 * everyone else costs the one revision query the caseload cache reads anyway (docs/rendimiento-api.md).
 */
export function middlewareAutenticacion(auth: ServicioAuth, revision: LectorRevision): RequestHandler {
  const comprobadas = new Recientes<Comprobada>(SESIONES_MAXIMAS);
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
      // Read before the check: an access change committed during a full check leaves this entry behind the revision.
      const { acceso } = await revision(req);
      let c = comprobadas.get(token);
      if (!c || c.acceso !== acceso || Date.now() >= c.expira) {
        comprobadas.delete(token);
        c = { ...(await auth.usuarioDeToken(token)), acceso };
        comprobadas.set(token, c);
      }
      req.ctx = { actor: actorDe(c.usuario), requestId: String(req.id), cliente: req.ip, sesion: c.familia };
      next();
    } catch (e) {
      next(e);
    }
  };
}

import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import {
  Avisos,
  AvisosLeidos,
  CambioPassword,
  CierreDeSesiones,
  Sesion,
  SesionesAbiertas,
  SesionesCerradas,
  UsuarioPublico,
} from '#shared/auth/schemas';
import { PASSWORD_MAXIMO } from '#shared/auth/politica';
import type { Api } from '../../http/api.js';
import { AppError } from '../../error-api.js';
import type { Procedencia, ServicioAuth } from './service.js';
import { normalizarOrigen, usuarioPublico } from './service.js';

const Login = z.strictObject({
  username: z.string().min(1).max(50),
  // Characters, not UTF-16 units, are what the policy counts: a 128-character password of emoji is 256 units.
  password: z
    .string()
    .min(1)
    .max(PASSWORD_MAXIMO * 4),
  /** How the desk names itself in the officer's list of sessions (else its User-Agent). */
  dispositivo: z.string().min(1).max(100).optional(),
});
const Refresh = z.strictObject({ refresh_token: z.string().min(1).max(4096) });
const Logout = z.strictObject({ refresh_token: z.string().min(1).max(4096).optional() });
const LeerAvisos = z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) });

/** Exactly `Bearer <token>`, as the authentication middleware reads it. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The address throttles and notices use: Express's req.ip, which is the socket's address unless TRUST_PROXY names
 * the proxy in front (http/limite.ts confianzaProxy): a client's own X-Forwarded-For never picks its address.
 */
const procedencia = (req: Request, dispositivo?: string): Procedencia => ({
  origen: normalizarOrigen(req.ip ?? req.socket.remoteAddress),
  dispositivo: dispositivo ?? req.get('user-agent')?.slice(0, 200) ?? null,
});

export function rutasAuth(api: Api, auth: ServicioAuth, limiteLogin: RequestHandler) {
  const etiqueta = 'Autenticación';
  api.ruta(
    {
      method: 'post',
      path: '/auth/login',
      resumen: 'Iniciar sesión (devuelve también los avisos sin leer)',
      etiqueta,
      body: Login,
      publica: true,
      antes: limiteLogin,
      respuesta: Sesion,
    },
    ({ body, req }) =>
      auth.login(body.username, body.password, procedencia(req, body.dispositivo), {
        requestId: String(req.id),
        cliente: req.ip,
      }),
  );
  api.ruta(
    {
      method: 'post',
      path: '/auth/refresh',
      resumen: 'Renovar la sesión (rota el token de actualización)',
      etiqueta,
      body: Refresh,
      publica: true,
      respuesta: Sesion,
    },
    ({ body }) => auth.refrescar(body.refresh_token),
  );
  api.ruta(
    {
      method: 'post',
      path: '/auth/logout',
      resumen: 'Cerrar la sesión: la del token de acceso y/o la del token de actualización enviado en el cuerpo',
      etiqueta,
      body: Logout,
      publica: true,
      respuesta: null,
    },
    async ({ body, req }) => {
      const acceso = BEARER.exec(req.headers.authorization ?? '')?.[1];
      if (!acceso && !body.refresh_token)
        throw new AppError(
          'NO_AUTENTICADO',
          'Envíe el token de acceso o el de actualización de la sesión que quiere cerrar',
        );
      await auth.logout({
        deAcceso: acceso ? await auth.familiaDeAcceso(acceso) : undefined,
        refreshToken: body.refresh_token,
      });
    },
  );
  api.ruta(
    { method: 'get', path: '/auth/me', resumen: 'Usuario de la sesión', etiqueta, respuesta: UsuarioPublico },
    async ({ ctx }) => usuarioPublico(await auth.usuario(ctx.actor.id)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/auth/sesiones',
      resumen: 'Mis sesiones abiertas (escritorio o navegador, desde cuándo, último uso)',
      etiqueta,
      respuesta: SesionesAbiertas,
    },
    async ({ ctx }) => ({ sesiones: await auth.sesionesAbiertas(ctx.actor.id, ctx.sesion) }),
  );
  api.ruta(
    {
      method: 'post',
      path: '/auth/sesiones/cerrar',
      resumen: 'Cerrar una de mis sesiones (id) o todas menos esta (sin id), con mi contraseña',
      etiqueta,
      body: CierreDeSesiones,
      respuesta: SesionesCerradas,
    },
    async ({ ctx, body, req }) => ({
      cerradas: await auth.cerrarSesiones(ctx, body.password, procedencia(req), body.id),
    }),
  );
  api.ruta(
    {
      method: 'post',
      path: '/auth/cambiar-password',
      resumen: 'Cambiar mi contraseña (con la actual); cierra todas mis sesiones y abre una nueva en este equipo',
      etiqueta,
      body: CambioPassword,
      respuesta: Sesion,
    },
    ({ ctx, body, req }) => auth.cambiarPassword(ctx, body.actual, body.nueva, procedencia(req)),
  );
  api.ruta(
    { method: 'get', path: '/auth/avisos', resumen: 'Mis avisos sin leer', etiqueta, respuesta: Avisos },
    async ({ ctx }) => ({ avisos: await auth.avisosPendientes(ctx.actor.id) }),
  );
  api.ruta(
    {
      method: 'post',
      path: '/auth/avisos/leidos',
      resumen: 'Marcar mis avisos como leídos',
      etiqueta,
      body: LeerAvisos,
      respuesta: AvisosLeidos,
    },
    async ({ ctx, body }) => ({ leidos: await auth.leerAvisos(ctx.actor.id, body.ids) }),
  );
}

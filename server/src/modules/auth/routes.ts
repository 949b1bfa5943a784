import type { RequestHandler } from 'express';
import { z } from 'zod';
import { Sesion, UsuarioPublico } from '#shared/auth/schemas';
import type { Api } from '../../http/api.js';
import type { ServicioAuth } from './service.js';
import { usuarioPublico } from './service.js';

const Login = z.strictObject({ username: z.string().min(1).max(50), password: z.string().min(1).max(200) });
const Refresh = z.strictObject({ refresh_token: z.string().min(1) });

export function rutasAuth(api: Api, auth: ServicioAuth, limiteLogin: RequestHandler) {
  const etiqueta = 'Autenticación';
  api.ruta(
    {
      method: 'post',
      path: '/auth/login',
      resumen: 'Iniciar sesión',
      etiqueta,
      body: Login,
      publica: true,
      antes: limiteLogin,
      respuesta: Sesion,
    },
    ({ body, req }) => auth.login(body.username, body.password, { requestId: String(req.id), cliente: req.ip }),
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
      resumen: 'Cerrar la sesión (revoca sus tokens)',
      etiqueta,
      respuesta: null,
    },
    async ({ ctx }) => {
      if (ctx.sesion) await auth.logout(ctx.sesion);
    },
  );
  api.ruta(
    { method: 'get', path: '/auth/me', resumen: 'Usuario de la sesión', etiqueta, respuesta: UsuarioPublico },
    async ({ ctx }) => usuarioPublico(await auth.usuario(ctx.actor.id)),
  );
}

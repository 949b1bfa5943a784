/**
 * Response bodies of /auth (docs/contrato-api.md): the session a login or refresh opens and the user it belongs to.
 * Strict: a field added or renamed without its schema fails the contract test.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';

export const UsuarioPublico = z.strictObject({
  id: z.uuid(),
  username: z.string(),
  nombre: z.string(),
  email: z.string().nullable(),
  rol: z.enum(ROLES),
  cod_agencia: z.string(),
});
export type UsuarioPublico = z.infer<typeof UsuarioPublico>;

export const Sesion = z.strictObject({
  access_token: z.string(),
  /** Rotated on every refresh: keep only the latest. */
  refresh_token: z.string(),
  token_type: z.literal('bearer'),
  /** Seconds the access token lives. */
  expires_in: z.number().int().positive(),
  user: UsuarioPublico,
});
export type Sesion = z.infer<typeof Sesion>;

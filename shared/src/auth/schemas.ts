/**
 * Request and response bodies of /auth (docs/contrato-api.md, docs/security.md): the session a login or refresh opens,
 * the user it belongs to, her sessions and the notices about her account.
 * Strict: a field added or renamed without its schema fails the contract test.
 */
import { z } from 'zod';
import { ROLES } from '../roles.js';
import { PASSWORD_MAXIMO } from './politica.js';

export const UsuarioPublico = z.strictObject({
  id: z.uuid(),
  username: z.string(),
  nombre: z.string(),
  email: z.string().nullable(),
  rol: z.enum(ROLES),
  cod_agencia: z.string(),
});
export type UsuarioPublico = z.infer<typeof UsuarioPublico>;

export const TIPOS_AVISO = [
  /** An administrator reset her password (every session was ended). */
  'PASSWORD_RESTABLECIDA',
  /** Her password was changed from one of her sessions (every other session was ended). */
  'PASSWORD_CAMBIADA',
  /** Wrong passwords for her username blocked an address (or, from many addresses, the username). */
  'BLOQUEO',
  /** She logged in from an address she had never used. */
  'ACCESO_NUEVO_ORIGEN',
  /** Her password (set before today's policy) is too short or too common: she should change it. */
  'PASSWORD_DEBIL',
  /** IT set her password: it stops opening at a date, she must choose her own before. */
  'PASSWORD_PROVISIONAL',
] as const;
export type TipoAviso = (typeof TIPOS_AVISO)[number];

/** A notice to show the officer until she marks it read (POST /auth/avisos/leidos). */
export const Aviso = z.strictObject({
  id: z.uuid(),
  tipo: z.enum(TIPOS_AVISO),
  /** Spanish, ready to show. */
  mensaje: z.string(),
  /** The source address involved (a block, a new login), when there is one. */
  origen: z.string().nullable(),
  created_at: z.string(),
});
export type Aviso = z.infer<typeof Aviso>;

export const Sesion = z.strictObject({
  access_token: z.string(),
  /** Rotated on every refresh: keep only the latest. */
  refresh_token: z.string(),
  token_type: z.literal('bearer'),
  /** Seconds the access token lives. */
  expires_in: z.number().int().positive(),
  user: UsuarioPublico,
  /** Unread notices about her account: on a password login and a password change, not on a refresh. */
  avisos: z.array(Aviso).optional(),
});
export type Sesion = z.infer<typeof Sesion>;

/** One of the officer's open sessions (a desk, a browser): GET /auth/sesiones. */
export const SesionAbierta = z.strictObject({
  /** The session's id (DELETE /auth/sesiones/{id} ends it). */
  id: z.string(),
  /** What the desk called itself at login, or its User-Agent. */
  dispositivo: z.string().nullable(),
  /** The source address of the login. */
  origen: z.string().nullable(),
  creada_en: z.string(),
  /** The last renewal (a desk renews every quarter of an hour while in use). */
  ultimo_uso: z.string(),
  /** When it ends whatever happens (absolute limit). */
  expira_en: z.string().nullable(),
  /** The session making this request. */
  actual: z.boolean(),
});
export type SesionAbierta = z.infer<typeof SesionAbierta>;

export const SesionesAbiertas = z.strictObject({ sesiones: z.array(SesionAbierta) });
export const SesionesCerradas = z.strictObject({ cerradas: z.number().int().nonnegative() });
export const Avisos = z.strictObject({ avisos: z.array(Aviso) });
export const AvisosLeidos = z.strictObject({ leidos: z.number().int().nonnegative() });

/** Ending one of her sessions (`id`) or all but this one (no `id`), her password typed again (ASVS 3.3.4). */
export const CierreDeSesiones = z.strictObject({
  password: z
    .string()
    .min(1)
    .max(PASSWORD_MAXIMO * 4),
  id: z.string().min(1).max(64).optional(),
});

export const CambioPassword = z.strictObject({
  actual: z
    .string()
    .min(1)
    .max(PASSWORD_MAXIMO * 4),
  /** The policy (shared/src/auth/politica.ts) is checked by the server, with a Spanish reason. */
  nueva: z
    .string()
    .min(1)
    .max(PASSWORD_MAXIMO * 4),
});

/** Login, refresh-token rotation with reuse detection, logout, lockout after repeated failures. */
import { v7 as uuidv7 } from 'uuid';
// Session and user bodies: the response schemas' types (shared/src/auth/schemas.ts), one definition.
import type { Sesion, UsuarioPublico } from '#shared/auth/schemas';
import type { Rol } from '#shared/roles';
import type { Actor, Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, auditar } from '../../db/escritura.js';
import { insertar } from '../../escritor.js';
import type { RefreshTokenRow, UsuarioRow } from '../../db/schema.js';
import { AppError } from '../../error-api.js';
import { crearBloqueo } from './bloqueo.js';
import { hashPassword, senuelo, verificarPassword } from './passwords.js';
import { firmar, verificar, type ClavesJwt } from './tokens.js';

export interface OpcionesAuth {
  claves: ClavesJwt;
  maxIntentos: number;
  bloqueoMinutos: number;
}

export const usuarioPublico = (u: UsuarioRow): UsuarioPublico => ({
  id: u.id,
  username: u.username,
  nombre: u.nombre,
  email: u.email,
  rol: u.rol as Rol,
  cod_agencia: u.cod_agencia,
});

export const actorDe = (u: UsuarioRow): Actor => ({
  id: u.id,
  username: u.username,
  nombre: u.nombre,
  rol: u.rol as Rol,
  cod_agencia: u.cod_agencia,
});

/**
 * How long after a rotation the previous refresh token may still rotate, if the token that replaced it was never used: a
 * desk killed between our answer and storing the new token comes back with the old one, and must not be locked out.
 */
export const GRACIA_REFRESH_MS = 2 * 60_000;

const credencialesInvalidas = () => new AppError('CREDENCIALES_INVALIDAS', 'Usuario o contraseña incorrectos');
/** The same answer whether or not the username exists (no details that only a real account would have). */
const cuentaBloqueada = () =>
  new AppError('CUENTA_BLOQUEADA', 'Cuenta bloqueada temporalmente por intentos fallidos; intente más tarde');

export function crearServicioAuth(db: Db, o: OpcionesAuth) {
  const bloqueo = crearBloqueo(db, o);
  async function emitirSesion(u: UsuarioRow, familia: string): Promise<Sesion> {
    const access = await firmar(o.claves, 'access', u.id, familia);
    const refresh = await firmar(o.claves, 'refresh', u.id, familia);
    await db
      .insertInto('refresh_tokens')
      .values({
        jti: refresh.jti,
        familia_id: familia,
        usuario_id: u.id,
        expira_en: refresh.expira.toISOString(),
        revocado_en: null,
        reemplazado_por: null,
        created_at: ahora(),
      })
      .execute();
    return {
      access_token: access.token,
      refresh_token: refresh.token,
      token_type: 'bearer',
      expires_in: o.claves.accessMinutos * 60,
      user: usuarioPublico(u),
    };
  }

  /**
   * The previous refresh token, used again within GRACIA_REFRESH_MS of its rotation while its successor was never used:
   * returns that lost successor's jti. Otherwise null, which is reuse.
   */
  async function sucesorEnGracia(fila: RefreshTokenRow): Promise<string | null> {
    const sucesor = await db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('jti', '=', fila.reemplazado_por!)
      .executeTakeFirst();
    if (!sucesor || sucesor.reemplazado_por || sucesor.revocado_en) return null;
    return Date.now() - Date.parse(sucesor.created_at) <= GRACIA_REFRESH_MS ? sucesor.jti : null;
  }

  /** The ordinary rotation; false if another use of the same token won the race. */
  const reemplazar = async (previo: string, nuevo: string) =>
    Number(
      (
        await db
          .updateTable('refresh_tokens')
          .set({ reemplazado_por: nuevo })
          .where('jti', '=', previo)
          .where('reemplazado_por', 'is', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1;

  /**
   * The grace rotation: the lost successor is retired for good (it now points back at its predecessor, which is replaced
   * again, so any later use of it is reuse) and the previous token leads to the new one. False if another use raced it.
   */
  const retirarPerdido = (previo: string, perdido: string, nuevo: string) =>
    db.transaction().execute(async (trx) => {
      const encadenado = await trx
        .updateTable('refresh_tokens')
        .set({ reemplazado_por: nuevo })
        .where('jti', '=', previo)
        .where('reemplazado_por', '=', perdido)
        .executeTakeFirst();
      if (Number(encadenado.numUpdatedRows) !== 1) return false;
      const retirado = await trx
        .updateTable('refresh_tokens')
        .set({ reemplazado_por: previo })
        .where('jti', '=', perdido)
        .where('reemplazado_por', 'is', null)
        .executeTakeFirst();
      // Zero: the lost token was used meanwhile after all; the caller ends the family.
      return Number(retirado.numUpdatedRows) === 1;
    });

  const revocarFamilia = (familia: string) =>
    db
      .updateTable('refresh_tokens')
      .set({ revocado_en: ahora() })
      .where('familia_id', '=', familia)
      .where('revocado_en', 'is', null)
      .execute();

  return {
    async login(username: string, password: string, ctx: Omit<Contexto, 'actor'>): Promise<Sesion> {
      const nombre = username.trim().toLowerCase();
      if (!(await bloqueo.contarIntento(nombre))) throw cuentaBloqueada();
      const u = await db.selectFrom('usuarios').selectAll().where('username', '=', nombre).executeTakeFirst();
      // An unknown name costs the same password check as a known one: the timing does not tell them apart either.
      const correcta = await verificarPassword(u?.password_hash ?? (await senuelo()), password);
      if (!u || !correcta) {
        const bloqueada = await bloqueo.fallo(nombre);
        if (u)
          await db
            .transaction()
            .execute((trx) =>
              auditar(
                trx,
                { ...ctx, actor: actorDe(u) },
                bloqueada ? 'CUENTA_BLOQUEADA' : 'LOGIN_FALLIDO',
                'usuarios',
                u.id,
                null,
                null,
              ),
            );
        throw credencialesInvalidas();
      }
      const actor = actorDe(u);
      if (!(await bloqueo.exito(nombre))) {
        await db
          .transaction()
          .execute((trx) => auditar(trx, { ...ctx, actor }, 'CUENTA_BLOQUEADA', 'usuarios', u.id, null, null));
        throw cuentaBloqueada();
      }
      if (!u.activo) throw new AppError('CUENTA_INACTIVA', 'La cuenta está desactivada; contacte a su supervisor');
      await db.updateTable('usuarios').set({ ultimo_acceso: ahora() }).where('id', '=', u.id).execute();
      await db.transaction().execute((trx) => auditar(trx, { ...ctx, actor }, 'LOGIN', 'usuarios', u.id, null, null));
      return emitirSesion(u, uuidv7());
    },

    async refrescar(refreshToken: string): Promise<Sesion> {
      const claims = await verificar(o.claves, refreshToken, 'refresh');
      const fila = await db.selectFrom('refresh_tokens').selectAll().where('jti', '=', claims.jti).executeTakeFirst();
      if (!fila || fila.familia_id !== claims.sid)
        throw new AppError('TOKEN_INVALIDO', 'Token de actualización desconocido');
      const u = await db.selectFrom('usuarios').selectAll().where('id', '=', fila.usuario_id).executeTakeFirstOrThrow();
      // Checked first: disabling an account also closes its sessions, and the officer must hear the real reason.
      if (!u.activo) {
        await revocarFamilia(fila.familia_id);
        throw new AppError('CUENTA_INACTIVA', 'La cuenta está desactivada; contacte a su supervisor');
      }
      if (fila.revocado_en) throw new AppError('TOKEN_INVALIDO', 'La sesión fue cerrada; inicie sesión de nuevo');
      const perdido = fila.reemplazado_por ? await sucesorEnGracia(fila) : null;
      if (fila.reemplazado_por && !perdido) {
        // A refresh token used twice means it leaked: end every session of this family.
        await revocarFamilia(fila.familia_id);
        throw new AppError('TOKEN_INVALIDO', 'Token de actualización reutilizado; por seguridad se cerró la sesión');
      }
      const sesion = await emitirSesion(u, fila.familia_id);
      const nuevo = await verificar(o.claves, sesion.refresh_token, 'refresh');
      const rotado = perdido
        ? await retirarPerdido(fila.jti, perdido, nuevo.jti)
        : await reemplazar(fila.jti, nuevo.jti);
      if (!rotado) {
        // Two refreshes raced with the same token: the same reuse rule applies.
        await revocarFamilia(fila.familia_id);
        throw new AppError('TOKEN_INVALIDO', 'Token de actualización reutilizado; por seguridad se cerró la sesión');
      }
      return sesion;
    },

    async logout(familia: string): Promise<void> {
      await revocarFamilia(familia);
    },

    usuario: (id: string) => db.selectFrom('usuarios').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),

    /**
     * The user behind a valid access token, if the account is active and the session family not revoked; `expira` is
     * when the token lapses (the authentication middleware keeps the answer until then or until access changes).
     */
    async usuarioDeToken(accessToken: string): Promise<{ usuario: UsuarioRow; familia: string; expira: number }> {
      const claims = await verificar(o.claves, accessToken, 'access');
      const [usuario, revocado] = await Promise.all([
        db.selectFrom('usuarios').selectAll().where('id', '=', claims.sub).executeTakeFirst(),
        db
          .selectFrom('refresh_tokens')
          .select('jti')
          .where('familia_id', '=', claims.sid)
          .where('revocado_en', 'is not', null)
          .limit(1)
          .executeTakeFirst(),
      ]);
      if (!usuario) throw new AppError('TOKEN_INVALIDO', 'La sesión fue cerrada; inicie sesión de nuevo');
      // Before the revocation check: disabling an account also revokes its sessions, the account is the reason.
      if (!usuario.activo)
        throw new AppError('CUENTA_INACTIVA', 'La cuenta está desactivada; contacte a su supervisor');
      if (revocado) throw new AppError('TOKEN_INVALIDO', 'La sesión fue cerrada; inicie sesión de nuevo');
      return { usuario, familia: claims.sid, expira: claims.expira };
    },
  };
}

export type ServicioAuth = ReturnType<typeof crearServicioAuth>;

export interface UsuarioNuevo {
  username: string;
  nombre: string;
  rol: Rol;
  cod_agencia: string;
  password: string;
  email?: string;
  cedula?: string;
}

export async function crearUsuario(db: Db, ctx: Contexto, n: UsuarioNuevo): Promise<UsuarioRow> {
  if (n.password.length < 8) throw new AppError('VALIDACION', 'La contraseña debe tener al menos 8 caracteres');
  const username = n.username.trim().toLowerCase();
  const existe = await db.selectFrom('usuarios').select('id').where('username', '=', username).executeTakeFirst();
  if (existe) throw new AppError('DUPLICADO', `El usuario ${username} ya existe`);
  const password_hash = await hashPassword(n.password);
  return db.transaction().execute((trx) =>
    insertar(trx, ctx, 'usuarios', {
      id: uuidv7(),
      username,
      nombre: n.nombre,
      email: n.email ?? null,
      cedula: n.cedula ?? null,
      rol: n.rol,
      cod_agencia: n.cod_agencia,
      password_hash,
      activo: 1,
      intentos_fallidos: 0,
      bloqueado_hasta: null,
      ultimo_acceso: null,
      created_at: ahora(),
    }),
  );
}

/**
 * Login (throttled before any password check), sessions, the officer's own password change and her notices
 * (docs/security.md). Sessions live in sesiones.ts, throttles in bloqueo.ts, notices in avisos.ts.
 */
import { v7 as uuidv7 } from 'uuid';
// Session and user bodies: the response schemas' types (shared/src/auth/schemas.ts), one definition.
import type { Sesion, UsuarioPublico } from '#shared/auth/schemas';
import { problemaDePassword } from '#shared/auth/politica';
import type { Rol } from '#shared/roles';
import type { Actor, Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, auditar } from '../../db/escritura.js';
import { actualizar, insertar } from '../../escritor.js';
import type { UsuarioRow } from '../../db/schema.js';
import { AppError } from '../../error-api.js';
import { crearAvisos } from './avisos.js';
import { crearBloqueo, type OpcionesBloqueo } from './bloqueo.js';
import { comprobarPassword, hashPassword, provisional, senuelo } from './passwords.js';
import { crearSesiones, type DatosSesion, type OpcionesSesion, type TokensEmitidos } from './sesiones.js';
import { verificar, type ClavesJwt } from './tokens.js';

export { GRACIA_REFRESH_MS } from './sesiones.js';

export interface OpcionesAuth {
  claves: ClavesJwt;
  bloqueo: OpcionesBloqueo;
  sesion: OpcionesSesion;
  /** PASSWORD_PEPPER (passwords.ts). */
  pepper?: string;
  /** Every password this service checks, and every attempt refused before one (the login metrics). */
  alVerificar?: (correcta: boolean) => void;
  alRechazar?: () => void;
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

/** Where a login comes from: the address (the socket's, or the trusted proxy's word for it) and the desk's name. */
export interface Procedencia {
  origen: string;
  dispositivo: string | null;
}

/** `::ffff:127.0.0.5` and `127.0.0.5` are one address. */
export const normalizarOrigen = (ip: string | undefined) => (ip ?? 'desconocido').replace(/^::ffff:/i, '').slice(0, 64);

const credencialesInvalidas = () => new AppError('CREDENCIALES_INVALIDAS', 'Usuario o contraseña incorrectos');
/**
 * Every attempt over a limit gets exactly this, right password or wrong, real username or not: it is decided before any
 * password is checked.
 */
const cuentaBloqueada = () =>
  new AppError(
    'CUENTA_BLOQUEADA',
    'Demasiados intentos fallidos desde este equipo; espere unos minutos e intente de nuevo',
  );
const cuentaInactiva = () => new AppError('CUENTA_INACTIVA', 'La cuenta está desactivada; contacte a su supervisor');

/** An instant as officers read it (Panama time). */
const fechaLegible = (iso: string) =>
  new Date(iso).toLocaleString('es-PA', { timeZone: 'America/Panama', dateStyle: 'long', timeStyle: 'short' });

export function crearServicioAuth(db: Db, o: OpcionesAuth) {
  const bloqueo = crearBloqueo(db, o.bloqueo);
  const sesiones = crearSesiones(db, o.claves, o.sesion);
  const avisos = crearAvisos(db);
  const usuario = (id: string) => db.selectFrom('usuarios').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  const sesion = (u: UsuarioRow, t: TokensEmitidos, extra: Partial<Sesion> = {}): Sesion => ({
    access_token: t.access,
    refresh_token: t.refresh,
    token_type: 'bearer',
    expires_in: o.claves.accessMinutos * 60,
    user: usuarioPublico(u),
    ...extra,
  });

  async function comprobar(hash: string, password: string) {
    const v = await comprobarPassword(hash, password, o.pepper);
    o.alVerificar?.(v.correcta);
    return v;
  }

  const conocido = async (u: UsuarioRow | undefined, origen: string) =>
    Boolean(
      u &&
      (await db
        .selectFrom('origenes_conocidos')
        .select('origen')
        .where('usuario_id', '=', u.id)
        .where('origen', '=', origen)
        .executeTakeFirst()),
    );

  /** Remembers the address; a new one (when she had others) is a notice. */
  async function recordarOrigen(u: UsuarioRow, p: Procedencia, yaConocido: boolean): Promise<void> {
    const instante = ahora();
    if (yaConocido) {
      await db
        .updateTable('origenes_conocidos')
        .set({ ultimo_acceso: instante })
        .where('usuario_id', '=', u.id)
        .where('origen', '=', p.origen)
        .execute();
      return;
    }
    const otro = await db
      .selectFrom('origenes_conocidos')
      .select('origen')
      .where('usuario_id', '=', u.id)
      .executeTakeFirst();
    try {
      await db
        .insertInto('origenes_conocidos')
        .values({ usuario_id: u.id, origen: p.origen, primer_acceso: instante, ultimo_acceso: instante })
        .execute();
    } catch {
      return; // A concurrent login from the same address recorded it (and its notice).
    }
    if (otro)
      await avisos.avisar(
        u.id,
        'ACCESO_NUEVO_ORIGEN',
        `Se inició sesión con su usuario desde un equipo nuevo (${p.origen}${p.dispositivo ? `, ${p.dispositivo}` : ''}). Si no fue usted, cambie su contraseña y avise a TI`,
        { origen: p.origen },
      );
  }

  /**
   * Her password typed again before a sensitive change (her password, ending sessions: ASVS 3.3.4, 3.7.1), checked
   * under the login throttle of her address: a stolen access token is no guessing oracle.
   */
  async function confirmar(ctx: Contexto, password: string, p: Procedencia, campo: string): Promise<UsuarioRow> {
    const u = await usuario(ctx.actor.id);
    if (!(await bloqueo.reservar(u.username, p.origen, true))) {
      o.alRechazar?.();
      throw cuentaBloqueada();
    }
    const v = await comprobar(u.password_hash, password);
    if (!v.correcta) {
      await bloqueo.fallo(u.username, p.origen, true);
      throw new AppError('VALIDACION', 'La contraseña actual no es correcta', { campo });
    }
    await bloqueo.exito(u.username, p.origen, true);
    return u;
  }

  const auditarUsuario = (u: UsuarioRow, ctx: Omit<Contexto, 'actor'>, accion: string) =>
    db
      .transaction()
      .execute((trx) => auditar(trx, { ...ctx, actor: actorDe(u) }, accion, 'usuarios', u.id, null, null));

  return {
    async login(username: string, password: string, p: Procedencia, ctx: Omit<Contexto, 'actor'>): Promise<Sesion> {
      const nombre = username.trim().toLowerCase();
      const u = await db.selectFrom('usuarios').selectAll().where('username', '=', nombre).executeTakeFirst();
      const deConfianza = await conocido(u, p.origen);
      if (!(await bloqueo.reservar(nombre, p.origen, deConfianza))) {
        o.alRechazar?.();
        throw cuentaBloqueada();
      }
      // An unknown name costs the same password check as a known one: the timing does not tell them apart either.
      const v = await comprobar(u?.password_hash ?? (await senuelo()), password);
      if (!u || !v.correcta) {
        const bloqueados = await bloqueo.fallo(nombre, p.origen, deConfianza);
        if (u) {
          const bloqueada = bloqueados.origen || bloqueados.cuenta;
          await auditarUsuario(u, ctx, bloqueada ? 'CUENTA_BLOQUEADA' : 'LOGIN_FALLIDO');
          if (bloqueada)
            await avisos.avisar(
              u.id,
              'BLOQUEO',
              bloqueados.cuenta
                ? 'Su usuario recibió demasiadas contraseñas equivocadas desde muchos equipos: se bloqueó por un tiempo en equipos desde los que usted nunca entró. Si no fue usted, avise a TI'
                : `Se bloqueó por un tiempo el acceso a su usuario desde ${p.origen} tras varias contraseñas equivocadas. Si no fue usted, avise a TI`,
              { origen: p.origen },
            );
        }
        throw credencialesInvalidas();
      }
      await bloqueo.exito(nombre, p.origen, deConfianza);
      if (!u.activo) throw cuentaInactiva();
      // Told only to whoever typed it right: the password is of no use any more.
      if (v.provisionalHasta && v.provisionalHasta <= ahora())
        throw new AppError(
          'CREDENCIALES_INVALIDAS',
          'La contraseña provisional que le dio TI venció sin que la cambiara; pida a TI una nueva',
        );
      const cambios: Partial<UsuarioRow> = { ultimo_acceso: ahora() };
      // Today's pepper and parameters, for the same password: no session ends (password_cambiada_en stays).
      if (v.rehacer) {
        const nuevo = await hashPassword(password, o.pepper);
        cambios.password_hash = v.provisionalHasta ? provisional(nuevo, new Date(v.provisionalHasta)) : nuevo;
      }
      await db.updateTable('usuarios').set(cambios).where('id', '=', u.id).execute();
      await auditarUsuario(u, ctx, 'LOGIN');
      await recordarOrigen(u, p, deConfianza);
      // ASVS 2.1.7 at login: a password from before the policy still opens, and she is told to change it.
      if (v.provisionalHasta)
        await avisos.avisar(
          u.id,
          'PASSWORD_PROVISIONAL',
          `Su contraseña es provisional: cámbiela por una suya antes del ${fechaLegible(v.provisionalHasta)}; después ya no servirá`,
          { unaVez: true },
        );
      const debil = v.provisionalHasta ? null : problemaDePassword(password, u.username);
      if (debil)
        await avisos.avisar(
          u.id,
          'PASSWORD_DEBIL',
          `Cambie su contraseña: ${debil.charAt(0).toLowerCase()}${debil.slice(1)}`,
          {
            unaVez: true,
          },
        );
      const tokens = await sesiones.abrir(u, p);
      return sesion(u, tokens, { avisos: await avisos.pendientes(u.id) });
    },

    async refrescar(refreshToken: string): Promise<Sesion> {
      const { usuario: u, tokens } = await sesiones.renovar(refreshToken, usuario);
      return sesion(u, tokens);
    },

    /** Ends the session of the access token and/or of the refresh token (a desk that kept only the latter). */
    async logout(familias: { deAcceso?: string; refreshToken?: string }): Promise<void> {
      if (familias.deAcceso) await sesiones.revocar({ familia: familias.deAcceso });
      if (familias.refreshToken) {
        const familia = await sesiones.familiaDe(familias.refreshToken);
        if (familia) await sesiones.revocar({ familia });
      }
    },

    /** The session an access token belongs to, for a public route that honours one when sent (logout). */
    async familiaDeAcceso(accessToken: string): Promise<string> {
      return (await verificar(o.claves, accessToken, 'access', { aunqueExpirado: true })).sid;
    },

    usuario,

    sesionesAbiertas: (usuarioId: string, actual?: string) => sesiones.abiertas(usuarioId, actual),

    /**
     * Her password typed again, ends session `familia` of hers (NO_ENCONTRADO if not hers or already ended) or, without
     * it, every one but this; how many were open.
     */
    async cerrarSesiones(ctx: Contexto, password: string, p: Procedencia, familia?: string): Promise<number> {
      await confirmar(ctx, password, p, 'password');
      if (!familia) return sesiones.revocar({ usuarioId: ctx.actor.id, ...(ctx.sesion ? { salvo: ctx.sesion } : {}) });
      const n = await sesiones.revocar({ familia, usuarioId: ctx.actor.id });
      if (!n) throw new AppError('NO_ENCONTRADO', 'Esa sesión no existe o ya terminó');
      return n;
    },

    /**
     * Her own change, with her current password (throttled like a login: a stolen access token must not become a
     * guessing oracle). Every session of hers ends, this one too (the trigger of migration 0028); she gets a new one
     * on this desk, in the answer.
     */
    async cambiarPassword(ctx: Contexto, actual: string, nueva: string, p: Procedencia): Promise<Sesion> {
      const u = await confirmar(ctx, actual, p, 'actual');
      const problema =
        problemaDePassword(nueva, u.username) ??
        (nueva === actual ? 'La contraseña nueva debe ser distinta de la actual' : null);
      if (problema) throw new AppError('VALIDACION', problema, { campo: 'nueva' });
      const password_hash = await hashPassword(nueva, o.pepper);
      const cambiado = await db
        .transaction()
        .execute((trx) =>
          actualizar(trx, ctx, 'usuarios', u, { password_hash, password_cambiada_en: ahora() }, 'CAMBIO_PASSWORD'),
        );
      await avisos.avisar(
        u.id,
        'PASSWORD_CAMBIADA',
        'Su contraseña se cambió y se cerraron sus demás sesiones. Si no fue usted, avise a TI de inmediato',
        { origen: p.origen },
      );
      await avisos.retirar(u.id, 'PASSWORD_DEBIL');
      await avisos.retirar(u.id, 'PASSWORD_PROVISIONAL');
      const datos: DatosSesion = ctx.sesion ? await sesiones.datos(ctx.sesion) : p;
      const tokens = await sesiones.abrir(cambiado, {
        origen: datos.origen ?? p.origen,
        dispositivo: datos.dispositivo,
      });
      return sesion(cambiado, tokens, { avisos: await avisos.pendientes(u.id) });
    },

    avisosPendientes: (usuarioId: string) => avisos.pendientes(usuarioId),
    leerAvisos: (usuarioId: string, ids: string[]) => avisos.leer(usuarioId, ids),

    /**
     * The user behind a valid access token, if the account is active and the session still has its live row; `expira`
     * is when the token lapses (the authentication middleware keeps the answer until then or until access changes).
     */
    async usuarioDeToken(accessToken: string): Promise<{ usuario: UsuarioRow; familia: string; expira: number }> {
      const claims = await verificar(o.claves, accessToken, 'access');
      const [u, viva] = await Promise.all([
        db.selectFrom('usuarios').selectAll().where('id', '=', claims.sub).executeTakeFirst(),
        sesiones.viva(claims.sid),
      ]);
      if (!u) throw new AppError('TOKEN_INVALIDO', 'La sesión fue cerrada; inicie sesión de nuevo');
      // Before the session check: disabling an account also ends its sessions, the account is the reason.
      if (!u.activo) throw cuentaInactiva();
      if (!viva) throw new AppError('TOKEN_INVALIDO', 'La sesión fue cerrada; inicie sesión de nuevo');
      return { usuario: u, familia: claims.sid, expira: claims.expira };
    },

    /** An administrator's reset (npm run users): the notice her next login shows. */
    async avisarRestablecimiento(usuarioId: string): Promise<void> {
      await avisos.retirar(usuarioId, 'PASSWORD_DEBIL');
      await avisos.retirar(usuarioId, 'PASSWORD_PROVISIONAL');
      await avisos.avisar(
        usuarioId,
        'PASSWORD_RESTABLECIDA',
        'TI restableció su contraseña y se cerraron todas sus sesiones. Si usted no lo pidió, avise a su supervisor',
      );
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

/**
 * Stores a new officer with the password given. The policy for a password a person chose (politica.ts) is checked by
 * whoever takes it from her (`npm run users -- create`, validarPasswordNueva); the demo's known password and test
 * fixtures come here directly. Eight characters stay the floor for everyone.
 */
export async function crearUsuario(
  db: Db,
  ctx: Contexto,
  n: UsuarioNuevo,
  { pepper, provisionalHasta }: { pepper?: string; provisionalHasta?: Date } = {},
): Promise<UsuarioRow> {
  if ([...n.password].length < 8) throw new AppError('VALIDACION', 'La contraseña debe tener al menos 8 caracteres');
  const username = n.username.trim().toLowerCase();
  const existe = await db.selectFrom('usuarios').select('id').where('username', '=', username).executeTakeFirst();
  if (existe) throw new AppError('DUPLICADO', `El usuario ${username} ya existe`);
  const hash = await hashPassword(n.password, pepper);
  const password_hash = provisionalHasta ? provisional(hash, provisionalHasta) : hash;
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
      password_cambiada_en: null,
    }),
  );
}

/** The policy for a password a person chooses (create, reset, change), as a VALIDACION error with its reason. */
export function validarPasswordNueva(password: string, username?: string): void {
  const problema = problemaDePassword(password, username);
  if (problema) throw new AppError('VALIDACION', problema, { campo: 'password' });
}

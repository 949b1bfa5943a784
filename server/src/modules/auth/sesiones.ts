/**
 * Server sessions (docs/security.md, "Sesiones"): a session is a refresh-token family. It starts at a password login
 * and ends at the first of: its absolute limit (`maxHoras` after the login, never slid), its idle limit (no renewal
 * for `inactivaMinutos`), a logout, the officer ending it from another session, a change to her role, office, active
 * flag or password (database triggers, migration 0028), reuse of a rotated refresh token, or its row deleted by SQL.
 *
 * Each refresh token is single-use and rotates inside its family. Every row carries the session's facts (login time,
 * absolute end, address, device) so the live row answers alone. The live row is neither revoked nor replaced; an
 * access token is honoured only while its family has one.
 */
import { v7 as uuidv7 } from 'uuid';
import type { SesionAbierta } from '#shared/auth/schemas';
import type { Db } from '../../db/connect.js';
import { ahora } from '../../db/escritura.js';
import type { RefreshTokenRow, UsuarioRow } from '../../db/schema.js';
import { AppError } from '../../error-api.js';
import { firmar, verificar, type ClavesJwt } from './tokens.js';

export interface OpcionesSesion {
  /** Absolute limit from the password login (a shift). */
  maxHoras: number;
  /** A session not renewed for this long is over (a desk off, offline or abandoned). */
  inactivaMinutos: number;
}

/** Where and on what a session was opened. */
export interface DatosSesion {
  origen: string | null;
  dispositivo: string | null;
}

/**
 * How long after a rotation the previous refresh token may still rotate, if the token that replaced it was never used: a
 * desk killed between our answer and storing the new token comes back with the old one, and must not be locked out.
 */
export const GRACIA_REFRESH_MS = 2 * 60_000;

export interface TokensEmitidos {
  access: string;
  refresh: string;
}

const sesionCerrada = (mensaje = 'La sesión fue cerrada; inicie sesión de nuevo') =>
  new AppError('TOKEN_INVALIDO', mensaje);
const reutilizado = () =>
  new AppError('TOKEN_INVALIDO', 'Token de actualización reutilizado; por seguridad se cerró la sesión');

export function crearSesiones(db: Db, claves: ClavesJwt, o: OpcionesSesion) {
  /** A new refresh row of the family (copying the session's facts) and the two tokens. */
  async function emitir(
    usuarioId: string,
    familia: string,
    sesion: { inicio: string; expira: string } & DatosSesion,
  ): Promise<TokensEmitidos> {
    const fin = new Date(sesion.expira);
    const access = await firmar(claves, 'access', usuarioId, familia, fin);
    const inactiva = new Date(Date.now() + o.inactivaMinutos * 60_000);
    const refresh = await firmar(claves, 'refresh', usuarioId, familia, inactiva < fin ? inactiva : fin);
    await db
      .insertInto('refresh_tokens')
      .values({
        jti: refresh.jti,
        familia_id: familia,
        usuario_id: usuarioId,
        expira_en: refresh.expira.toISOString(),
        revocado_en: null,
        reemplazado_por: null,
        created_at: ahora(),
        sesion_inicio: sesion.inicio,
        sesion_expira: sesion.expira,
        origen: sesion.origen?.slice(0, 64) ?? null,
        dispositivo: sesion.dispositivo?.slice(0, 200) ?? null,
      })
      .execute();
    return { access: access.token, refresh: refresh.token };
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

  /** Ends sessions (by family, or every one of an officer but `salvo`); how many sessions were open. */
  async function revocar(filtro: { familia?: string; usuarioId?: string; salvo?: string }): Promise<number> {
    let q = db.updateTable('refresh_tokens').set({ revocado_en: ahora() }).where('revocado_en', 'is', null);
    if (filtro.familia) q = q.where('familia_id', '=', filtro.familia);
    if (filtro.usuarioId) q = q.where('usuario_id', '=', filtro.usuarioId);
    if (filtro.salvo) q = q.where('familia_id', '<>', filtro.salvo);
    let abiertas = db
      .selectFrom('refresh_tokens')
      .select('familia_id')
      .where('revocado_en', 'is', null)
      .where('reemplazado_por', 'is', null);
    if (filtro.familia) abiertas = abiertas.where('familia_id', '=', filtro.familia);
    if (filtro.usuarioId) abiertas = abiertas.where('usuario_id', '=', filtro.usuarioId);
    if (filtro.salvo) abiertas = abiertas.where('familia_id', '<>', filtro.salvo);
    const n = new Set((await abiertas.execute()).map((f) => f.familia_id)).size;
    await q.execute();
    return n;
  }

  /** When the session of this row ends whatever happens (rows from before migration 0028 count from their rotation). */
  const finAbsoluto = (f: RefreshTokenRow) =>
    f.sesion_expira ?? new Date(Date.parse(f.sesion_inicio ?? f.created_at) + o.maxHoras * 3_600_000).toISOString();

  return {
    /** Opens a session at a password login. */
    abrir(u: UsuarioRow, datos: DatosSesion): Promise<TokensEmitidos> {
      const inicio = ahora();
      const expira = new Date(Date.parse(inicio) + o.maxHoras * 3_600_000).toISOString();
      return emitir(u.id, uuidv7(), { inicio, expira, ...datos });
    },

    /** Rotates a refresh token: the user and the new tokens of the same session. */
    async renovar(refreshToken: string, usuario: (id: string) => Promise<UsuarioRow>) {
      const claims = await verificar(claves, refreshToken, 'refresh');
      const fila = await db.selectFrom('refresh_tokens').selectAll().where('jti', '=', claims.jti).executeTakeFirst();
      if (!fila || fila.familia_id !== claims.sid) throw sesionCerrada('Token de actualización desconocido');
      const u = await usuario(fila.usuario_id);
      // Checked first: disabling an account also closes its sessions, and the officer must hear the real reason.
      if (!u.activo) {
        await revocar({ familia: fila.familia_id });
        throw new AppError('CUENTA_INACTIVA', 'La cuenta está desactivada; contacte a su supervisor');
      }
      if (fila.revocado_en) throw sesionCerrada();
      const fin = finAbsoluto(fila);
      if (fin <= ahora()) {
        await revocar({ familia: fila.familia_id });
        throw sesionCerrada(`La sesión llegó a su duración máxima (${o.maxHoras} h); inicie sesión de nuevo`);
      }
      if (Date.now() - Date.parse(fila.created_at) > o.inactivaMinutos * 60_000) {
        await revocar({ familia: fila.familia_id });
        throw sesionCerrada('La sesión estuvo inactiva demasiado tiempo; inicie sesión de nuevo');
      }
      const perdido = fila.reemplazado_por ? await sucesorEnGracia(fila) : null;
      if (fila.reemplazado_por && !perdido) {
        // A refresh token used twice means it leaked: end every session of this family.
        await revocar({ familia: fila.familia_id });
        throw reutilizado();
      }
      const tokens = await emitir(u.id, fila.familia_id, {
        inicio: fila.sesion_inicio ?? fila.created_at,
        expira: fin,
        origen: fila.origen,
        dispositivo: fila.dispositivo,
      });
      const nuevo = await verificar(claves, tokens.refresh, 'refresh');
      const rotado = perdido
        ? await retirarPerdido(fila.jti, perdido, nuevo.jti)
        : await reemplazar(fila.jti, nuevo.jti);
      if (!rotado) {
        // Two refreshes raced with the same token: the same reuse rule applies.
        await revocar({ familia: fila.familia_id });
        throw reutilizado();
      }
      return { usuario: u, tokens };
    },

    /** The session of a refresh token, signature checked (an expired one names its session too: logout still ends it). */
    async familiaDe(refreshToken: string): Promise<string | null> {
      const claims = await verificar(claves, refreshToken, 'refresh', { aunqueExpirado: true });
      const fila = await db
        .selectFrom('refresh_tokens')
        .select('familia_id')
        .where('jti', '=', claims.jti)
        .executeTakeFirst();
      return fila?.familia_id === claims.sid ? fila.familia_id : null;
    },

    /** True while the family has its live row (not revoked, not replaced, not deleted). */
    async viva(familia: string): Promise<boolean> {
      const fila = await db
        .selectFrom('refresh_tokens')
        .select('jti')
        .where('familia_id', '=', familia)
        .where('revocado_en', 'is', null)
        .where('reemplazado_por', 'is', null)
        .limit(1)
        .executeTakeFirst();
      return Boolean(fila);
    },

    revocar,

    /** The officer's open sessions, newest first. */
    async abiertas(usuarioId: string, actual: string | undefined): Promise<SesionAbierta[]> {
      const filas = await db
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('usuario_id', '=', usuarioId)
        .where('revocado_en', 'is', null)
        .where('reemplazado_por', 'is', null)
        .execute();
      const ahoraIso = ahora();
      const limiteInactiva = Date.now() - o.inactivaMinutos * 60_000;
      return filas
        .filter((f) => finAbsoluto(f) > ahoraIso && Date.parse(f.created_at) >= limiteInactiva)
        .map((f) => ({
          id: f.familia_id,
          dispositivo: f.dispositivo,
          origen: f.origen,
          creada_en: f.sesion_inicio ?? f.created_at,
          ultimo_uso: f.created_at,
          expira_en: f.sesion_expira,
          actual: f.familia_id === actual,
        }))
        .sort((a, b) => b.creada_en.localeCompare(a.creada_en) || b.id.localeCompare(a.id));
    },

    /** The facts of a session, to open its successor after a password change on the same desk. */
    async datos(familia: string): Promise<DatosSesion> {
      const f = await db
        .selectFrom('refresh_tokens')
        .select(['origen', 'dispositivo'])
        .where('familia_id', '=', familia)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return { origen: f?.origen ?? null, dispositivo: f?.dispositivo ?? null };
    },
  };
}

export type Sesiones = ReturnType<typeof crearSesiones>;

/**
 * Lockout after repeated failed logins, counted per username in intentos_login whether or not an account has that
 * name, so the answers (and their timing) never tell a real username from a made-up one.
 *
 * Every attempt is counted BEFORE its password is checked, by one atomic UPDATE that also refuses a locked name: a burst
 * of concurrent attempts cannot all read the same old count, and the right password sent inside a burst of wrong ones
 * finds the others already counted. A success forgives the count only while it is within the maximum (attempts still in
 * flight count as failures); otherwise it locks. Failures older than the lockout period are forgotten.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';
import { ahora } from '../../db/escritura.js';
import type { Database } from '../../db/schema.js';

export interface OpcionesBloqueo {
  maxIntentos: number;
  bloqueoMinutos: number;
}

/** The stale-row sweep runs at most this often per process. */
const BARRIDO_MS = 60_000;

const sinBloqueo = (instante: string) => (eb: ExpressionBuilder<Database, 'intentos_login'>) =>
  eb.or([eb('bloqueado_hasta', 'is', null), eb('bloqueado_hasta', '<=', instante)]);

export function crearBloqueo(db: Db, o: OpcionesBloqueo) {
  let ultimoBarrido = 0;
  const hasta = () => new Date(Date.now() + o.bloqueoMinutos * 60_000).toISOString();

  async function barrer(instante: string): Promise<void> {
    if (Date.now() - ultimoBarrido < BARRIDO_MS) return;
    ultimoBarrido = Date.now();
    await db
      .deleteFrom('intentos_login')
      .where('updated_at', '<', new Date(Date.now() - o.bloqueoMinutos * 60_000).toISOString())
      .where(sinBloqueo(instante))
      .execute();
  }

  async function asegurarFila(username: string, instante: string): Promise<void> {
    const existe = () =>
      db.selectFrom('intentos_login').select('username').where('username', '=', username).executeTakeFirst();
    if (await existe()) return;
    try {
      await db
        .insertInto('intentos_login')
        .values({ username, intentos: 0, bloqueado_hasta: null, updated_at: instante })
        .execute();
    } catch (e) {
      // A concurrent attempt inserted it first: the row is there, which is all we need.
      if (!(await existe())) throw e;
    }
  }

  /** Locks the name now (if not locked already); true when this call locked it. */
  async function bloquear(username: string, condicion: { intentosDesde?: number } = {}): Promise<boolean> {
    const instante = ahora();
    let q = db
      .updateTable('intentos_login')
      .set({ intentos: 0, bloqueado_hasta: hasta(), updated_at: instante })
      .where('username', '=', username)
      .where(sinBloqueo(instante));
    if (condicion.intentosDesde !== undefined) q = q.where('intentos', '>=', condicion.intentosDesde);
    return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
  }

  return {
    /** Counts an attempt before its password is checked; false when the name is locked (the attempt is refused). */
    async contarIntento(username: string): Promise<boolean> {
      const instante = ahora();
      await barrer(instante);
      await asegurarFila(username, instante);
      const r = await db
        .updateTable('intentos_login')
        .set((eb) => ({ intentos: eb('intentos', '+', 1), updated_at: instante }))
        .where('username', '=', username)
        .where(sinBloqueo(instante))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** A wrong password: the name is locked once the maximum is reached; true when this attempt locked it. */
    fallo: (username: string) => bloquear(username, { intentosDesde: o.maxIntentos }),

    /** The right password: true if the count is forgiven; false if more attempts than allowed were counted (locked). */
    async exito(username: string): Promise<boolean> {
      const instante = ahora();
      const r = await db
        .updateTable('intentos_login')
        .set({ intentos: 0, updated_at: instante })
        .where('username', '=', username)
        .where('intentos', '<=', o.maxIntentos)
        .where(sinBloqueo(instante))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return true;
      await bloquear(username);
      return false;
    },
  };
}

/** An administrator's unlock (a password reset): the name starts again with no failures. */
export const desbloquear = (db: Db, username: string) =>
  db.deleteFrom('intentos_login').where('username', '=', username.trim().toLowerCase()).execute();

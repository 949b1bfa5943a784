/**
 * Notices to the officer about her own account (docs/security.md, "Avisos"): a password reset or change, a block of her
 * username, a login from an address she never used. The login answer and GET /auth/avisos carry the unread ones; the
 * desk shows them until she marks them read.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Aviso, TipoAviso } from '#shared/auth/schemas';
import type { Db } from '../../db/connect.js';
import { ahora } from '../../db/escritura.js';

/** Unread notices kept per officer: an attacker blocking her name from a thousand addresses fills no table. */
const PENDIENTES_MAXIMOS = 50;

export function crearAvisos(db: Db) {
  return {
    /** `unaVez`: not again while one of the same kind is unread (a weak password is told once, not at every login). */
    async avisar(
      usuarioId: string,
      tipo: TipoAviso,
      mensaje: string,
      { origen = null, unaVez = false }: { origen?: string | null; unaVez?: boolean } = {},
    ): Promise<void> {
      const pendientes = await db
        .selectFrom('avisos_usuario')
        .select('tipo')
        .where('usuario_id', '=', usuarioId)
        .where('leido_en', 'is', null)
        .execute();
      if (pendientes.length >= PENDIENTES_MAXIMOS || (unaVez && pendientes.some((p) => p.tipo === tipo))) return;
      await db
        .insertInto('avisos_usuario')
        .values({
          id: uuidv7(),
          usuario_id: usuarioId,
          tipo,
          mensaje: mensaje.slice(0, 300),
          origen,
          created_at: ahora(),
          leido_en: null,
        })
        .execute();
    },

    async pendientes(usuarioId: string): Promise<Aviso[]> {
      const filas = await db
        .selectFrom('avisos_usuario')
        .select(['id', 'tipo', 'mensaje', 'origen', 'created_at'])
        .where('usuario_id', '=', usuarioId)
        .where('leido_en', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return filas.map((f) => ({ ...f, tipo: f.tipo as TipoAviso }));
    },

    /** A notice that no longer holds (her weak password was replaced): read for her. */
    retirar: (usuarioId: string, tipo: TipoAviso) =>
      db
        .updateTable('avisos_usuario')
        .set({ leido_en: ahora() })
        .where('usuario_id', '=', usuarioId)
        .where('tipo', '=', tipo)
        .where('leido_en', 'is', null)
        .execute(),

    /** Marks her own notices read (ids of another officer's notices are ignored); how many were marked. */
    async leer(usuarioId: string, ids: string[]): Promise<number> {
      if (!ids.length) return 0;
      const r = await db
        .updateTable('avisos_usuario')
        .set({ leido_en: ahora() })
        .where('usuario_id', '=', usuarioId)
        .where('id', 'in', ids)
        .where('leido_en', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}

export type Avisos = ReturnType<typeof crearAvisos>;

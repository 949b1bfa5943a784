/**
 * Comments on a case; internal ones (also those other use cases leave, e.g. on assignment) only for roles that see
 * them.
 */
import { v7 as uuidv7 } from 'uuid';
import type { ComentarioNuevo } from '#shared/ppsh/schemas';
import { tienePermiso } from '#shared/roles';
import { momentoDe, type Contexto } from '../../../contexto.js';
import type { Trx } from '../../../db/escritura.js';
import { insertar } from '../../../escritor.js';
import { solicitudVisible } from '../repo.js';
import { exigir, type Entorno, type In } from '../../../entorno.js';

/** Writes a comment in the caller's transaction, with no checks of its own: the caller has made them. */
export async function comentarEn(
  trx: Trx,
  ctx: Contexto,
  solicitudId: string,
  c: { id?: string; comentario: string; es_interno: boolean },
) {
  return insertar(trx, ctx, 'ppsh_comentarios', {
    id: c.id ?? uuidv7(),
    solicitud_id: solicitudId,
    user_id: ctx.actor.id,
    comentario: c.comentario,
    es_interno: c.es_interno ? 1 : 0,
    created_at: momentoDe(ctx),
  });
}

export function metodos(e: Entorno) {
  return {
    comentarEn,

    async comentar(ctx: Contexto, id: string, c: In<typeof ComentarioNuevo>) {
      exigir(ctx, 'comentario.crear');
      return e.enTransaccion(async (trx) => {
        await solicitudVisible(trx, ctx.actor, id);
        return comentarEn(trx, ctx, id, c);
      });
    },

    async comentarios(ctx: Contexto, id: string, incluirInternos: boolean) {
      await solicitudVisible(e.db, ctx.actor, id);
      let q = e.db.selectFrom('ppsh_comentarios').selectAll().where('solicitud_id', '=', id);
      if (!incluirInternos || !tienePermiso(ctx.actor.rol, 'comentario.ver_internos'))
        q = q.where('es_interno', '=', 0);
      return q.orderBy('created_at').orderBy('id').execute();
    },
  };
}

/** Comments on a workflow case; other use cases leave them too (a transition's comment). */
import { v7 as uuidv7 } from 'uuid';
import type { ComentarioWorkflow } from '#shared/workflow/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import type { Trx } from '../../../db/escritura.js';
import { exigir, type Entorno } from '../../../entorno.js';
import { insertar } from '../../../escritor.js';
import { instanciaVisible } from '../repo.js';

/** Writes a comment in the caller's transaction, with no checks of its own: the caller has made them. */
export async function comentarEn(trx: Trx, ctx: Contexto, instanciaId: string, c: ComentarioWorkflow) {
  return insertar(trx, ctx, 'workflow_comentarios', {
    id: c.id ?? uuidv7(),
    instancia_id: instanciaId,
    comentario: c.comentario,
    es_interno: c.es_interno ? 1 : 0,
    es_notificacion: c.es_notificacion ? 1 : 0,
    archivos: null,
    created_at: momentoDe(ctx),
    created_by: ctx.actor.id,
  });
}

export function metodos(e: Entorno) {
  return {
    comentarEn,

    async comentar(ctx: Contexto, id: string, c: ComentarioWorkflow) {
      exigir(ctx, 'comentario.crear');
      return e.enTransaccion(async (trx) => {
        await instanciaVisible(trx, ctx.actor, id);
        return comentarEn(trx, ctx, id, c);
      });
    },
  };
}

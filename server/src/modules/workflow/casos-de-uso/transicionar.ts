/**
 * Moving a case along its template: the shared engine (#shared/workflow/transicion) picks the next stage from the
 * answers and the actor's role; the stage's answers are completed, the move recorded, an optional comment left.
 */
import { moverInstancia } from '#shared/workflow/transicion';
import type { TransicionInstancia } from '#shared/workflow/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import type { Entorno } from '../../../entorno.js';
import { cumplir } from '../../../error-api.js';
import { actualizar } from '../../../escritor.js';
import { comentarEn } from './comentarios.js';
import { etapaActual, guardarRespuestas } from './etapa-actual.js';
import { registrarHistorial } from './historial.js';
import { camposTitular } from './titular.js';

export function metodos(e: Entorno) {
  return {
    async transicionar(ctx: Contexto, id: string, t: TransicionInstancia): Promise<void> {
      await e.enTransaccion(async (trx) => {
        const { i, plantilla, etapa, valores } = await etapaActual(trx, ctx, id, t.respuestas, t.version);
        const instante = momentoDe(ctx, i.fecha_etapa);
        const m = moverInstancia({ def: plantilla.def, etapa, rol: ctx.actor.rol, valores, transicion: t, instante });
        if (!m.ok) cumplir(m);
        await guardarRespuestas(trx, ctx, i, etapa, t.respuestas, valores, true);
        await registrarHistorial(trx, ctx, i, 'TRANSICION', m.historial);
        await actualizar(
          trx,
          ctx,
          'workflow_instancias',
          i,
          { ...camposTitular(i, valores), ...m.columnas, updated_by: ctx.actor.id },
          'TRANSICION',
          t.version,
        );
        if (t.comentario)
          await comentarEn(trx, ctx, i.id, {
            comentario: t.comentario,
            es_interno: true,
            es_notificacion: false,
          });
      });
    },
  };
}

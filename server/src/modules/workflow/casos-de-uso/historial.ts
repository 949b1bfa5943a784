/**
 * A workflow case's history: one row per start, move, state change or reassignment, written in the caller's
 * transaction.
 */
import { v7 as uuidv7 } from 'uuid';
import { filaHistorial, type CambioWf, type TipoCambioWf } from '#shared/workflow/historial';
import { momentoDe, type Contexto } from '../../../contexto.js';
import type { Trx } from '../../../db/escritura.js';
import type { WorkflowInstanciaRow } from '../../../db/schema.js';
import { insertar } from '../../../escritor.js';

/** Records a change of case `i` (as it was before the change). */
export async function registrarHistorial(
  trx: Trx,
  ctx: Contexto,
  i: WorkflowInstanciaRow,
  tipo: TipoCambioWf,
  cambio: CambioWf,
) {
  await insertar(trx, ctx, 'workflow_historial', {
    id: uuidv7(),
    ...filaHistorial(i, tipo, cambio),
    created_at: momentoDe(ctx),
    created_by: ctx.actor.id,
  });
}

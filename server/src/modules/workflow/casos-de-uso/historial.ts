/**
 * A workflow case's history: one row per start, move, state change or reassignment, written in the caller's
 * transaction.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Contexto } from '../../../contexto.js';
import { ahora, type Trx } from '../../../db/escritura.js';
import type { WorkflowInstanciaRow } from '../../../db/schema.js';
import { insertar } from '../../../escritor.js';

/** Records a change of case `i` (as it was before the change). */
export async function registrarHistorial(
  trx: Trx,
  ctx: Contexto,
  i: WorkflowInstanciaRow,
  tipo: 'INICIO' | 'TRANSICION' | 'CAMBIO_ESTADO' | 'ASIGNACION',
  cambio: { destino?: string | null; estado_nuevo?: string; descripcion?: string; datos?: unknown },
) {
  await insertar(trx, ctx, 'workflow_historial', {
    id: uuidv7(),
    instancia_id: i.id,
    tipo_cambio: tipo,
    etapa_origen_id: tipo === 'INICIO' ? null : i.etapa_actual_id,
    etapa_destino_id: cambio.destino ?? null,
    estado_anterior: tipo === 'INICIO' ? null : i.estado,
    estado_nuevo: cambio.estado_nuevo ?? i.estado,
    descripcion: cambio.descripcion ?? null,
    datos_adicionales: cambio.datos === undefined ? null : JSON.stringify(cambio.datos),
    created_at: ahora(),
    created_by: ctx.actor.id,
  });
}

/** The current stage of an open case, and its answers: what responder.ts and transicionar.ts both work on. */
import { v7 as uuidv7 } from 'uuid';
import { preguntasVisibles, type EtapaDef, type Valores } from '#shared/workflow/motor';
import { rechazoSiTramiteCerrado } from '#shared/workflow/reglas';
import { slots, valoresDe } from '#shared/workflow/respuestas';
import type { Respuestas } from '#shared/workflow/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { comprobarVersion, type Trx } from '../../../db/escritura.js';
import type { WorkflowInstanciaRow } from '../../../db/schema.js';
import { AppError, cumplir } from '../../../error-api.js';
import { actualizar, insertar } from '../../../escritor.js';
import { cargarPlantilla, instanciaVisible, respuestasDe } from '../repo.js';

/** The case (at the version the caller saw), its template and the answers conditions see once `enviadas` apply. */
export async function etapaActual(
  trx: Trx,
  ctx: Contexto,
  id: string,
  enviadas: Respuestas,
  version: number | undefined,
) {
  const i = await instanciaVisible(trx, ctx.actor, id);
  comprobarVersion(i, version);
  cumplir(rechazoSiTramiteCerrado(i.estado));
  const plantilla = await cargarPlantilla(trx, i.workflow_id);
  const etapa = plantilla.def.etapas.find((e) => e.id === i.etapa_actual_id);
  if (!etapa) throw new AppError('REGLA_NEGOCIO', 'La etapa actual del trámite ya no está en su plantilla');
  const valores = { ...valoresDe(await respuestasDe(trx, i.id), etapa.id), ...enviadas };
  return { i, plantilla, etapa, valores };
}

/** Stores the visible answers of the current stage; hidden ones (mostrar_si) do not apply and are not kept. */
export async function guardarRespuestas(
  trx: Trx,
  ctx: Contexto,
  i: WorkflowInstanciaRow,
  etapa: EtapaDef,
  enviadas: Respuestas,
  valores: Valores,
  completar: boolean,
) {
  let re = await trx
    .selectFrom('workflow_respuestas_etapa')
    .selectAll()
    .where('instancia_id', '=', i.id)
    .where('etapa_id', '=', etapa.id)
    .executeTakeFirst();
  const instante = momentoDe(ctx);
  if (!re)
    re = await insertar(trx, ctx, 'workflow_respuestas_etapa', {
      id: uuidv7(),
      instancia_id: i.id,
      etapa_id: etapa.id,
      completada: 0,
      fecha_inicio: instante,
      fecha_completado: null,
      completado_por_user_id: null,
    });
  const visibles = new Map(preguntasVisibles(etapa, valores).map((p) => [p.codigo, p]));
  for (const [codigo, valor] of Object.entries(enviadas)) {
    const p = visibles.get(codigo);
    if (!p) continue;
    const previa = await trx
      .selectFrom('workflow_respuestas')
      .selectAll()
      .where('respuesta_etapa_id', '=', re.id)
      .where('pregunta_id', '=', p.id)
      .executeTakeFirst();
    if (previa) await actualizar(trx, ctx, 'workflow_respuestas', previa, slots(p.tipo_pregunta, valor), 'RESPONDER');
    else
      await insertar(
        trx,
        ctx,
        'workflow_respuestas',
        {
          id: uuidv7(),
          respuesta_etapa_id: re.id,
          pregunta_id: p.id,
          ...slots(p.tipo_pregunta, valor),
          created_at: instante,
          created_by: ctx.actor.id,
        },
        'RESPONDER',
      );
  }
  if (completar)
    await actualizar(trx, ctx, 'workflow_respuestas_etapa', re, {
      completada: 1,
      fecha_completado: instante,
      completado_por_user_id: ctx.actor.id,
    });
}

/**
 * A case's state history: one row per state it enters, the first one at registration (registrar.ts, cambiar-estado.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import { diasEntre, fechaPanama } from '#shared/calendario';
import { momentoDe, type Contexto } from '../../../contexto.js';
import type { Trx } from '../../../db/escritura.js';
import type { SolicitudRow } from '../../../db/schema.js';
import { insertar } from '../../../escritor.js';

/** Records that case `s` (as it was before the change) enters `nuevo`. */
export async function registrarHistorial(
  trx: Trx,
  ctx: Contexto,
  s: SolicitudRow,
  nuevo: string,
  extra: { observaciones?: string | null; tipo_dictamen?: string | null; dictamen_detalle?: string | null } = {},
) {
  const esInicial = s.estado_actual === nuevo && s.version === 1;
  const cuando = momentoDe(ctx, esInicial ? null : s.fecha_estado);
  await insertar(trx, ctx, 'ppsh_estado_historial', {
    id: uuidv7(),
    solicitud_id: s.id,
    estado_anterior: esInicial ? null : s.estado_actual,
    estado_nuevo: nuevo,
    fecha_cambio: cuando,
    user_id: ctx.actor.id,
    observaciones: extra.observaciones ?? null,
    es_dictamen: extra.tipo_dictamen ? 1 : 0,
    tipo_dictamen: extra.tipo_dictamen ?? null,
    dictamen_detalle: extra.dictamen_detalle ?? null,
    dias_en_estado_anterior: esInicial
      ? null
      : diasEntre(fechaPanama(new Date(s.fecha_estado)), fechaPanama(new Date(cuando))),
  });
}

/** The dashboard figures of DOMAIN.md §4.5, per office (ADMIN: all offices or one). */
import { ESTADOS_PPSH } from '#shared/ppsh/estados';
import { diasEntre, fechaPanama } from '#shared/calendario';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { filtrarOficina } from './repo.js';

const FINALES = ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod as string);

export async function estadisticas(db: Db, actor: Actor, agencia?: string) {
  let base = filtrarOficina(db.selectFrom('ppsh_solicitudes'), actor).where('activo', '=', 1);
  if (agencia) base = base.where('cod_agencia', '=', agencia);
  const [porEstado, resueltas] = await Promise.all([
    base
      .select((eb) => ['estado_actual', eb.fn.countAll<number>().as('total')])
      .groupBy('estado_actual')
      .execute(),
    base.select(['fecha_solicitud', 'fecha_resolucion']).where('fecha_resolucion', 'is not', null).execute(),
  ]);
  const hoy = fechaPanama();
  const conteo = new Map(porEstado.map((r) => [r.estado_actual, Number(r.total)]));
  const total = [...conteo.values()].reduce((a, b) => a + b, 0);
  const promedio = resueltas.length
    ? resueltas.reduce((acc, r) => acc + diasEntre(r.fecha_solicitud, r.fecha_resolucion!), 0) / resueltas.length
    : null;
  return {
    total_solicitudes: total,
    solicitudes_activas: total,
    // The reference counted only APROBADO; a case that went on to EN_EMISION or RESUELTO was approved too.
    aprobadas: (conteo.get('APROBADO') ?? 0) + (conteo.get('EN_EMISION') ?? 0) + (conteo.get('RESUELTO') ?? 0),
    rechazadas: conteo.get('RECHAZADO') ?? 0,
    en_proceso: [...conteo].filter(([e]) => !FINALES.includes(e)).reduce((a, [, n]) => a + n, 0),
    promedio_dias_procesamiento: promedio === null ? null : Math.round(promedio * 10) / 10,
    fecha_corte: hoy,
    por_estado: ESTADOS_PPSH.map((e, i) => ({
      cod_estado: e.cod,
      nombre_estado: e.nombre,
      color_hex: e.color,
      orden: i + 1,
      total: conteo.get(e.cod) ?? 0,
    })),
  };
}

/**
 * The dashboard figures, per office (ADMIN: all offices or one). Our names and the reference's
 * (solicitudes_aprobadas, por_estado[].total_solicitudes…) travel side by side in one answer (docs/compatibilidad.md).
 */
import { ESTADOS_PPSH } from '#shared/ppsh/estados';
import { diasEntre, fechaPanama } from '#shared/calendario';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { filtrarOficina } from './repo.js';

const FINALES = ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod as string);
const redondear = (n: number) => Math.round(n * 10) / 10;

/** Cases and summed days since filing, per state. */
interface PorEstado {
  total: number;
  dias: number;
}

export async function estadisticas(db: Db, actor: Actor, agencia?: string) {
  let base = filtrarOficina(db.selectFrom('ppsh_solicitudes'), actor).where('activo', '=', 1);
  if (agencia) base = base.where('cod_agencia', '=', agencia);
  const hoy = fechaPanama();
  // Grouped by filing date too: a few thousand rows at most (states × days), enough for the per-state average age.
  const [porEstadoYFecha, resueltas] = await Promise.all([
    base
      .select((eb) => ['estado_actual', 'fecha_solicitud', eb.fn.countAll<number>().as('total')])
      .groupBy(['estado_actual', 'fecha_solicitud'])
      .execute(),
    base.select(['fecha_solicitud', 'fecha_resolucion']).where('fecha_resolucion', 'is not', null).execute(),
  ]);
  const conteo = new Map<string, PorEstado>();
  for (const r of porEstadoYFecha) {
    const n = Number(r.total);
    const e = conteo.get(r.estado_actual) ?? { total: 0, dias: 0 };
    conteo.set(r.estado_actual, { total: e.total + n, dias: e.dias + n * diasEntre(r.fecha_solicitud, hoy) });
  }
  const en = (...estados: string[]) => estados.reduce((a, e) => a + (conteo.get(e)?.total ?? 0), 0);
  const total = en(...conteo.keys());
  const promedio = resueltas.length
    ? resueltas.reduce((acc, r) => acc + diasEntre(r.fecha_solicitud, r.fecha_resolucion!), 0) / resueltas.length
    : null;
  // The reference counted only APROBADO; a case that went on to EN_EMISION or RESUELTO was approved too.
  const aprobadas = en('APROBADO', 'EN_EMISION', 'RESUELTO');
  const rechazadas = en('RECHAZADO');
  const enProceso = en(...[...conteo.keys()].filter((e) => !FINALES.includes(e)));
  return {
    total_solicitudes: total,
    solicitudes_activas: total,
    aprobadas,
    rechazadas,
    en_proceso: enProceso,
    solicitudes_aprobadas: aprobadas,
    solicitudes_rechazadas: rechazadas,
    solicitudes_en_proceso: enProceso,
    promedio_dias_procesamiento: promedio === null ? null : redondear(promedio),
    fecha_corte: hoy,
    por_estado: ESTADOS_PPSH.map((e, i) => {
      const c = conteo.get(e.cod);
      return {
        cod_estado: e.cod,
        nombre_estado: e.nombre,
        color_hex: e.color,
        orden: i + 1,
        total: c?.total ?? 0,
        total_solicitudes: c?.total ?? 0,
        promedio_dias: c ? redondear(c.dias / c.total) : null,
      };
    }),
  };
}

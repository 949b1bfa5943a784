/**
 * Dashboard figures over both kinds of case, per office (ADMIN: all offices or one), for cases opened in a date range.
 * Aggregation is GROUP BY on indexed columns; date arithmetic (which differs per engine) is done here, on grouped rows.
 */
import { diasEntre, fechaPanama, sumarDias } from '#shared/calendario';
import { estadoCaso, type TipoCaso } from '#shared/casos/schemas';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { RAMAS, ramaFiltrada } from '../casos/repo.js';

export interface RangoReporte {
  desde?: string;
  hasta?: string;
  agencia?: string;
  tipo?: TipoCaso;
}

const PPSH_APROBADOS = ['APROBADO', 'EN_EMISION', 'RESUELTO'];
/** A workflow case counts as approved or rejected by the code of the final stage it ended in. */
const esAprobacion = (etapa: string | null) => /^APROB/.test(etapa ?? '');
const esRechazo = (etapa: string | null) => /^(RECHAZ|DENEG)/.test(etapa ?? '');

const redondear = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export async function resumen(db: Db, actor: Actor, rango: RangoReporte) {
  const hoy = fechaPanama();
  // Default: the last twelve months, from the first day of the month eleven months ago.
  const desde = rango.desde ?? `${sumarDias(`${hoy.slice(0, 7)}-01`, -334).slice(0, 7)}-01`;
  const hasta = rango.hasta ?? hoy;
  const tipos = rango.tipo ? [rango.tipo] : (['PPSH', 'WORKFLOW'] as const);
  const filtros = { fecha_desde: desde, fecha_hasta: hasta, agencia: rango.agencia, page: 1, page_size: 1 };

  const porTipo = await Promise.all(
    tipos.map(async (tipo) => {
      const c = RAMAS[tipo];
      const col = (n: string) => `${c.tabla}.${n}`;
      const base = () => ramaFiltrada(db, c, actor, { filtros }, hoy);
      const [estados, dias, agencias, vencidos, cierres] = await Promise.all([
        base()
          .select((eb) => [
            eb.ref(col(c.estado)).as('estado'),
            ...(c.etapa ? [eb.ref(col('etapa_actual_codigo')).as('etapa')] : []),
            eb.fn.countAll<number>().as('total'),
          ])
          .groupBy([col(c.estado), ...(c.etapa ? [col('etapa_actual_codigo')] : [])])
          .execute() as Promise<{ estado: string; etapa?: string | null; total: number }[]>,
        base()
          .select((eb) => [eb.ref(col(c.apertura)).as('fecha'), eb.fn.countAll<number>().as('total')])
          .groupBy(col(c.apertura))
          .execute() as Promise<{ fecha: string; total: number }[]>,
        base()
          .select((eb) => [eb.ref(col('cod_agencia')).as('agencia'), eb.fn.countAll<number>().as('total')])
          .groupBy(col('cod_agencia'))
          .execute() as Promise<{ agencia: string; total: number }[]>,
        ramaFiltrada(db, c, actor, { filtros: { ...filtros, vencido: true } }, hoy)
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow() as Promise<{ total: number }>,
        (tipo === 'PPSH'
          ? base()
              .select((eb) => [
                eb.ref(col('fecha_solicitud')).as('inicio'),
                eb.ref(col('fecha_resolucion')).as('fin'),
                eb.fn.countAll<number>().as('total'),
              ])
              .where(col('fecha_resolucion'), 'is not', null)
              .groupBy([col('fecha_solicitud'), col('fecha_resolucion')])
          : base()
              .select((eb) => [
                eb.ref(col('fecha_apertura')).as('inicio'),
                eb.ref(col('fecha_fin')).as('fin'),
                eb.fn.countAll<number>().as('total'),
              ])
              .where(col('estado'), '=', 'COMPLETADO')
              .groupBy([col('fecha_apertura'), col('fecha_fin')])
        ).execute() as Promise<{ inicio: string; fin: string; total: number }[]>,
      ]);
      let aprobados = 0;
      let rechazados = 0;
      for (const e of estados) {
        const n = Number(e.total);
        if (
          tipo === 'PPSH'
            ? PPSH_APROBADOS.includes(e.estado)
            : e.estado === 'COMPLETADO' && esAprobacion(e.etapa ?? null)
        )
          aprobados += n;
        if (tipo === 'PPSH' ? e.estado === 'RECHAZADO' : e.estado === 'COMPLETADO' && esRechazo(e.etapa ?? null))
          rechazados += n;
      }
      let diasTotal = 0;
      let cerrados = 0;
      for (const r of cierres) {
        const fin = r.fin.length > 10 ? fechaPanama(new Date(r.fin)) : r.fin;
        diasTotal += diasEntre(r.inicio, fin) * Number(r.total);
        cerrados += Number(r.total);
      }
      return {
        tipo,
        estados,
        dias,
        agencias,
        vencidos: Number(vencidos.total),
        aprobados,
        rechazados,
        diasTotal,
        cerrados,
      };
    }),
  );

  const porEstado = porTipo.flatMap((t) => {
    const suma = new Map<string, number>();
    for (const e of t.estados) suma.set(e.estado, (suma.get(e.estado) ?? 0) + Number(e.total));
    return [...suma].map(([estado, total]) => ({ tipo: t.tipo, ...estadoCaso(t.tipo, estado, null), total }));
  });
  const meses = new Map<string, Record<TipoCaso, number>>();
  for (const t of porTipo)
    for (const d of t.dias) {
      const m = meses.get(d.fecha.slice(0, 7)) ?? { PPSH: 0, WORKFLOW: 0 };
      m[t.tipo] += Number(d.total);
      meses.set(d.fecha.slice(0, 7), m);
    }
  const agencias = new Map<string, number>();
  for (const t of porTipo)
    for (const a of t.agencias) agencias.set(a.agencia, (agencias.get(a.agencia) ?? 0) + Number(a.total));
  const sum = (f: (t: (typeof porTipo)[number]) => number) => porTipo.reduce((a, t) => a + f(t), 0);
  const decididos = sum((t) => t.aprobados + t.rechazados);
  const cerrados = sum((t) => t.cerrados);

  return {
    desde,
    hasta,
    fecha_corte: hoy,
    agencia: rango.agencia ?? (actor.rol === 'ADMIN' ? null : actor.cod_agencia),
    total: porEstado.reduce((a, e) => a + e.total, 0),
    por_tipo: porTipo.map((t) => ({
      tipo: t.tipo,
      total: t.estados.reduce((a, e) => a + Number(e.total), 0),
      vencidos: t.vencidos,
      aprobados: t.aprobados,
      rechazados: t.rechazados,
      promedio_dias_procesamiento: redondear(t.cerrados ? t.diasTotal / t.cerrados : null),
    })),
    por_estado: porEstado.sort((a, b) => b.total - a.total),
    por_agencia: [...agencias]
      .map(([agencia, total]) => ({ agencia, total }))
      .sort((a, b) => a.agencia.localeCompare(b.agencia)),
    vencidos: sum((t) => t.vencidos),
    aprobados: sum((t) => t.aprobados),
    rechazados: sum((t) => t.rechazados),
    tasa_aprobacion: decididos ? redondear((100 * sum((t) => t.aprobados)) / decididos) : null,
    promedio_dias_procesamiento: redondear(cerrados ? sum((t) => t.diasTotal) / cerrados : null),
    tendencia_mensual: [...meses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([mes, n]) => ({ mes, ppsh: n.PPSH, workflow: n.WORKFLOW, total: n.PPSH + n.WORKFLOW })),
  };
}

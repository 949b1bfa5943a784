/**
 * The office dashboard from the local mirror (offline too): cases by state with its colour, open cases by priority,
 * overdue ones, cases opened on each of the last 30 days. The server's /reportes/resumen figures (twelve months, with
 * approval rate and processing days the desk cannot compute from a partial mirror) are added by the caller when online.
 *
 * One grouped scan per kind: every figure is a sum over groups of (state, priority, overdue, day if recent), so each
 * row's JSON is read once rather than once per figure (see bench/escritorio-vistas.ts).
 */
import type { CifrasTablero } from '#shared/bridge/tipos';
import { fechaPanama, sumarDias } from '#shared/calendario';
import { estadoCaso } from '#shared/casos/schemas';
import { FUENTES } from '../caseload/consultas.js';
import { condicionVencido } from '../caseload/vencidos.js';
import type { Sqlite } from '../store/abrir.js';

export const DIAS_REGISTRADOS = 30;

type CifrasLocales = Omit<CifrasTablero, 'pendientes_sync' | 'servidor' | 'actualizado'>;

interface Grupo {
  codigo: string;
  prioridad: string;
  vencido: number;
  dia: string | null;
  total: number;
}

/** Most urgent first (workflow cases also have URGENTE); an unknown priority goes last. */
const ORDEN_PRIORIDAD = ['URGENTE', 'ALTA', 'NORMAL', 'BAJA'];
const rangoPrioridad = (p: string) =>
  ORDEN_PRIORIDAD.includes(p) ? ORDEN_PRIORIDAD.indexOf(p) : ORDEN_PRIORIDAD.length;

const sumar = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);

export function cifrasLocales(db: Sqlite, hoy = fechaPanama()): CifrasLocales {
  const primerDia = sumarDias(hoy, -(DIAS_REGISTRADOS - 1));
  const porDia = new Map<string, number>();
  for (let d = primerDia; d <= hoy; d = sumarDias(d, 1)) porDia.set(d, 0);
  const porPrioridad = new Map<string, number>();
  const porEstado: CifrasTablero['por_estado'] = [];
  let vencidos = 0;
  let abiertos = 0;
  for (const f of FUENTES) {
    const v = condicionVencido(f.tipo, hoy);
    const grupos = db
      .prepare(
        `select ${f.estado} as codigo, prioridad, (${v.sql}) as vencido,
           case when ${f.fecha} between ? and ? then ${f.fecha} end as dia, count(*) as total
         from ${f.tabla} s where activo = 1 group by 1, 2, 3, 4`,
      )
      .all(...v.params, primerDia, hoy) as Grupo[];
    const estados = new Map<string, number>();
    for (const g of grupos) {
      sumar(estados, g.codigo, g.total);
      if (!estadoCaso(f.tipo, g.codigo, null).es_final) {
        abiertos += g.total;
        sumar(porPrioridad, g.prioridad, g.total);
      }
      if (g.vencido) vencidos += g.total;
      if (g.dia) sumar(porDia, g.dia, g.total);
    }
    for (const [codigo, total] of estados) porEstado.push({ tipo: f.tipo, ...estadoCaso(f.tipo, codigo, null), total });
  }
  return {
    total: porEstado.reduce((a, e) => a + e.total, 0),
    abiertos,
    por_estado: porEstado.sort((a, b) => b.total - a.total),
    por_prioridad: [...porPrioridad]
      .map(([prioridad, total]) => ({ prioridad, total }))
      .sort((a, b) => rangoPrioridad(a.prioridad) - rangoPrioridad(b.prioridad)),
    vencidos,
    registrados_por_dia: [...porDia].map(([fecha, total]) => ({ fecha, total })),
  };
}

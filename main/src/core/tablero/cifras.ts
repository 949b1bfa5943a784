/**
 * The office dashboard from the local mirror (offline too): cases by state with its colour, open cases by priority,
 * overdue ones, cases opened on each of the last 30 days. The server's /reportes/resumen figures (twelve months, with
 * approval rate and processing days the desk cannot compute from a partial mirror) are added by the caller when online.
 */
import type { CifrasTablero } from '../../../../shared/src/bridge/tipos.js';
import { fechaPanama, sumarDias } from '../../../../shared/src/calendario.js';
import { estadoCaso } from '../../../../shared/src/casos/schemas.js';
import { FUENTES } from '../caseload/consultas.js';
import { condicionAbierto, condicionVencido } from '../caseload/vencidos.js';
import type { Sqlite } from '../store/abrir.js';

export const DIAS_REGISTRADOS = 30;

type CifrasLocales = Omit<CifrasTablero, 'pendientes_sync' | 'servidor' | 'actualizado'>;

export function cifrasLocales(db: Sqlite, hoy = fechaPanama()): CifrasLocales {
  const primerDia = sumarDias(hoy, -(DIAS_REGISTRADOS - 1));
  const porDia = new Map<string, number>();
  for (let d = primerDia; d <= hoy; d = sumarDias(d, 1)) porDia.set(d, 0);
  const porPrioridad = new Map<string, number>();
  const porEstado: CifrasTablero['por_estado'] = [];
  let vencidos = 0;
  let abiertos = 0;
  for (const f of FUENTES) {
    const estados = db
      .prepare(`select ${f.estado} as codigo, count(*) as total from ${f.tabla} s where activo = 1 group by 1`)
      .all() as { codigo: string; total: number }[];
    for (const e of estados) {
      const estado = estadoCaso(f.tipo, e.codigo, null);
      porEstado.push({ tipo: f.tipo, ...estado, total: e.total });
      if (!estado.es_final) abiertos += e.total;
    }
    const abierto = condicionAbierto(f.tipo, f.estado);
    const prioridades = db
      .prepare(
        `select prioridad, count(*) as total from ${f.tabla} s where activo = 1 and ${abierto} group by prioridad`,
      )
      .all() as { prioridad: string; total: number }[];
    for (const p of prioridades) porPrioridad.set(p.prioridad, (porPrioridad.get(p.prioridad) ?? 0) + p.total);
    const v = condicionVencido(f.tipo, hoy);
    vencidos += (
      db.prepare(`select count(*) as n from ${f.tabla} s where activo = 1 and ${v.sql}`).get(...v.params) as {
        n: number;
      }
    ).n;
    const dias = db
      .prepare(
        `select ${f.fecha} as fecha, count(*) as total from ${f.tabla} s
         where activo = 1 and ${f.fecha} between ? and ? group by 1`,
      )
      .all(primerDia, hoy) as { fecha: string; total: number }[];
    for (const d of dias) porDia.set(d.fecha, (porDia.get(d.fecha) ?? 0) + d.total);
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

/** Most urgent first (workflow cases also have URGENTE); an unknown priority goes last. */
const ORDEN_PRIORIDAD = ['URGENTE', 'ALTA', 'NORMAL', 'BAJA'];
const rangoPrioridad = (p: string) =>
  ORDEN_PRIORIDAD.includes(p) ? ORDEN_PRIORIDAD.indexOf(p) : ORDEN_PRIORIDAD.length;

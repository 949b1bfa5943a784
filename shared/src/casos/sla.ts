/**
 * SLA of a case, the same on the server (caseload, reports, the overdue filter) and in the desktop. Business days skip
 * weekends and Panama's national holidays (calendario.ts). Rules, first that applies:
 * 1. a closed case has no SLA (CERRADO);
 * 2. PPSH INCOMPLETO: the applicant has PLAZO_SUBSANACION business days from entering the state; past them, VENCIDO;
 * 3. a workflow case with fecha_estimada_fin: VENCIDO after that date, POR_VENCER within AVISO business days of it;
 * 4. any other open case: resolved within PLAZO_CASO business days of opening (docs/decisiones.md §4: 15–20 business days);
 *    POR_VENCER after AVISO_CASO, VENCIDO after PLAZO_CASO.
 */
import { diasHabilesEntre, esDiaHabil, fechaPanama, sumarDias } from '../calendario.js';
import { PLAZO_SUBSANACION_DIAS_HABILES } from '../ppsh/estados.js';

export const PLAZO_CASO_DIAS_HABILES = 20;
export const AVISO_CASO_DIAS_HABILES = 15;
export const AVISO_FECHA_ESTIMADA_DIAS_HABILES = 2;

export const ESTADOS_SLA = ['EN_PLAZO', 'POR_VENCER', 'VENCIDO', 'CERRADO'] as const;
export type EstadoSla = (typeof ESTADOS_SLA)[number];

export interface DatosSla {
  tipo: 'PPSH' | 'WORKFLOW';
  estado: string;
  es_final: boolean;
  /** 'YYYY-MM-DD', Panama date the case was opened. */
  fecha_apertura: string;
  /** UTC instant the case entered its current state or stage. */
  fecha_estado: string;
  fecha_estimada_fin: string | null;
}

export interface Sla {
  estado: EstadoSla;
  regla: 'CERRADO' | 'SUBSANACION' | 'FECHA_ESTIMADA' | 'PLAZO_GENERAL';
  /** Business days counted by the rule that applies (null when closed). */
  dias_habiles: number | null;
}

export function calcularSla(c: DatosSla, hoy: string = fechaPanama()): Sla {
  if (c.es_final) return { estado: 'CERRADO', regla: 'CERRADO', dias_habiles: null };
  if (c.tipo === 'PPSH' && c.estado === 'INCOMPLETO') {
    const dias = diasHabilesEntre(fechaPanama(new Date(c.fecha_estado)), hoy);
    const estado =
      dias > PLAZO_SUBSANACION_DIAS_HABILES
        ? 'VENCIDO'
        : dias >= PLAZO_SUBSANACION_DIAS_HABILES - 1
          ? 'POR_VENCER'
          : 'EN_PLAZO';
    return { estado, regla: 'SUBSANACION', dias_habiles: dias };
  }
  if (c.fecha_estimada_fin) {
    const restantes = diasHabilesEntre(hoy, c.fecha_estimada_fin);
    const estado =
      hoy > c.fecha_estimada_fin
        ? 'VENCIDO'
        : restantes <= AVISO_FECHA_ESTIMADA_DIAS_HABILES
          ? 'POR_VENCER'
          : 'EN_PLAZO';
    return { estado, regla: 'FECHA_ESTIMADA', dias_habiles: diasHabilesEntre(c.fecha_apertura, hoy) };
  }
  const dias = diasHabilesEntre(c.fecha_apertura, hoy);
  const estado =
    dias > PLAZO_CASO_DIAS_HABILES ? 'VENCIDO' : dias > AVISO_CASO_DIAS_HABILES ? 'POR_VENCER' : 'EN_PLAZO';
  return { estado, regla: 'PLAZO_GENERAL', dias_habiles: dias };
}

/**
 * The latest date D with more than `n` business days from D to `hoy`: a clock started on D or earlier has run out.
 * This turns "past n business days" into a plain date comparison the database can filter and index.
 */
export function fechaCorte(n: number, hoy: string = fechaPanama()): string {
  let contados = 0;
  let d = hoy;
  while (contados <= n) {
    if (esDiaHabil(d)) contados++;
    d = sumarDias(d, -1);
  }
  return d;
}

/** The first UTC instant of a Panama calendar date (UTC-5 all year). */
export const inicioDiaPanama = (fecha: string) => `${fecha}T05:00:00.000Z`;

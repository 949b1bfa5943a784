/**
 * "Overdue" as a condition SQLite can count over the whole mirror (the dashboard), equal to the caseload row's
 * `vencido` flag, which applies calcularSla (shared/src/casos/sla.ts) to one row: the business-day clocks become
 * cut-off dates computed once per query, as the server's caseload filter does.
 */
import type { TipoCaso } from '#shared/casos/schemas';
import { fechaCorte, inicioDiaPanama, PLAZO_CASO_DIAS_HABILES } from '#shared/casos/sla';
import { sumarDias } from '#shared/calendario';
import { ESTADOS_PPSH, PLAZO_SUBSANACION_DIAS_HABILES } from '#shared/ppsh/estados';
import { ESTADOS_INSTANCIA_FINALES } from '#shared/workflow/schemas';

export const ESTADOS_FINALES: Record<TipoCaso, readonly string[]> = {
  PPSH: ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod as string),
  WORKFLOW: ESTADOS_INSTANCIA_FINALES,
};

/** `<state column> not in (<final states>)`, for open cases of one kind. */
export const condicionAbierto = (tipo: TipoCaso, columnaEstado: string) =>
  `${columnaEstado} not in (${ESTADOS_FINALES[tipo].map((e) => `'${e}'`).join(', ')})`;

/** The SQL condition (over a mirror row `s`) and its parameters for "open and past its deadline". */
export function condicionVencido(tipo: TipoCaso, hoy: string): { sql: string; params: string[] } {
  const corteGeneral = fechaCorte(PLAZO_CASO_DIAS_HABILES, hoy);
  if (tipo === 'PPSH') {
    const limiteSubsanacion = inicioDiaPanama(sumarDias(fechaCorte(PLAZO_SUBSANACION_DIAS_HABILES, hoy), 1));
    return {
      sql: `${condicionAbierto(tipo, 'estado_actual')} and (
        (estado_actual = 'INCOMPLETO' and s.datos->>'fecha_estado' < ?)
        or (estado_actual != 'INCOMPLETO' and fecha_solicitud <= ?))`,
      params: [limiteSubsanacion, corteGeneral],
    };
  }
  return {
    sql: `${condicionAbierto(tipo, 'estado')} and (
      (s.datos->>'fecha_estimada_fin' is not null and s.datos->>'fecha_estimada_fin' < ?)
      or (s.datos->>'fecha_estimada_fin' is null and fecha_apertura <= ?))`,
    params: [hoy, corteGeneral],
  };
}

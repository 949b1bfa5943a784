/**
 * When the officer acted (docs/sync.md "When the officer acted"). A desk records each command with its own clock and
 * its known offset from the server's clock; the server stores that time, corrected by the offset, beside the time it
 * received the command, once it has checked that the time can be true:
 *
 * - not in the future: a time later than the reception is the reception (a clock ahead by less than
 *   TOLERANCIA_FUTURO_MS is the offset's own error, a second or so: not flagged; more is flagged as adjusted);
 * - not before the desk's previous contact with the server minus the offline window: a desk works offline at most
 *   VENTANA_OFFLINE_DIAS after the server last vouched for it, so an earlier time is a clock set wrong and is raised to
 *   that bound (flagged).
 *
 * The command is never refused for its time: the officer's work counts, and the audit trail keeps the flag.
 */

/** Days a desk may work without the server (the offline unlock window of the desk's session, main/src/core/sesion). */
export const VENTANA_OFFLINE_DIAS = 7;
export const VENTANA_OFFLINE_MS = VENTANA_OFFLINE_DIAS * 86_400_000;
/** A desk's corrected time may run this far ahead of the server's without being flagged (Date headers count seconds). */
export const TOLERANCIA_FUTURO_MS = 2 * 60_000;

export interface HoraDeAccion {
  /** UTC ISO instant stored as the acted time. */
  hechoEn: string;
  /** The desk's time fell outside the bounds and was clamped to them. */
  ajustada: boolean;
}

/**
 * The acted time of a command: `hechoEn` (desk clock) + `desfaseMs` (server − desk), bounded by `recibido` (now, on the
 * server) and by `ultimoContacto` (the desk's previous contact; unknown: the reception) minus the offline window.
 */
export function horaDeAccion(
  c: { hechoEn?: string; desfaseMs?: number },
  recibido: Date,
  ultimoContacto: Date | null,
): HoraDeAccion {
  const desk = c.hechoEn === undefined ? NaN : Date.parse(c.hechoEn);
  if (!Number.isFinite(desk)) return { hechoEn: recibido.toISOString(), ajustada: false };
  const corregida = desk + (c.desfaseMs ?? 0);
  if (corregida > recibido.getTime())
    return { hechoEn: recibido.toISOString(), ajustada: corregida - recibido.getTime() > TOLERANCIA_FUTURO_MS };
  const minimo = Math.min(ultimoContacto?.getTime() ?? recibido.getTime(), recibido.getTime()) - VENTANA_OFFLINE_MS;
  if (corregida < minimo) return { hechoEn: new Date(minimo).toISOString(), ajustada: true };
  return { hechoEn: new Date(corregida).toISOString(), ajustada: false };
}

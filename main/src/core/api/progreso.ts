/**
 * Document transfer progress for the renderer (`documentos.progreso`). Bytes arrive in many small steps; the window
 * needs a bar, not a flood of IPC messages: each transfer reports at most every `intervaloMs`, and always its last
 * step (cargados = total), so a bar never stops short of full.
 */
import type { ProgresoDocumento } from '#shared/bridge/tipos';

export const INTERVALO_PROGRESO_MS = 100;

export class AvisosProgreso {
  private readonly oyentes = new Set<(p: ProgresoDocumento) => void>();
  /** When each transfer in flight last reported (key: direction and hash). */
  private readonly ultimo = new Map<string, number>();

  constructor(
    private readonly intervaloMs = INTERVALO_PROGRESO_MS,
    private readonly ahora: () => number = () => Date.now(),
  ) {}

  on(fn: (p: ProgresoDocumento) => void): () => void {
    this.oyentes.add(fn);
    return () => this.oyentes.delete(fn);
  }

  avisar(p: ProgresoDocumento): void {
    const clave = `${p.direccion}:${p.sha256}`;
    // A refusal ends the transfer as surely as the last byte does: never dropped by the throttle.
    const final = p.rechazo !== undefined || (p.total !== null && p.cargados >= p.total);
    const ahora = this.ahora();
    const antes = this.ultimo.get(clave);
    if (!final && antes !== undefined && ahora - antes < this.intervaloMs) return;
    if (final) this.ultimo.delete(clave);
    else this.ultimo.set(clave, ahora);
    for (const fn of this.oyentes) fn(p);
  }
}

/**
 * The desk's known offset from the server's clock, measured on every sync answer from its HTTP Date header: each command
 * records the offset known when the officer acted, so the server can tell when she acted even with this clock wrong
 * (docs/sync.md "When the officer acted"). The header counts whole seconds: its middle is the best guess (±0.5 s).
 */
import type { EstadoPersistente } from './estado.js';

export function anotarDesfase(estado: EstadoPersistente, headers: Headers, ahoraEscritorio: Date): void {
  const servidor = Date.parse(headers.get('date') ?? '');
  if (!Number.isFinite(servidor)) return;
  estado.desfaseServidorMs = Math.round(servidor + 500 - ahoraEscritorio.getTime());
}

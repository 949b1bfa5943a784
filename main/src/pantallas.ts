/** A remembered window position is kept only if it still falls on a screen (a monitor may have been unplugged). */
import type { Rectangle } from 'electron';
import type { EstadoVentana } from './estado-ventana.js';

export function ajustarAPantallas(estado: EstadoVentana, areas: readonly Rectangle[]): EstadoVentana {
  const { x, y } = estado;
  if (x === undefined || y === undefined) return estado;
  const visible = areas.some(
    (a) => x < a.x + a.width - 100 && x + estado.width > a.x + 100 && y >= a.y - 10 && y < a.y + a.height - 100,
  );
  if (visible) return estado;
  const { x: _x, y: _y, ...centrada } = estado;
  return centrada;
}

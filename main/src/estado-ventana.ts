/** The window's size, position and maximized state, remembered in userData between launches. */
import fs from 'node:fs';
import { z } from 'zod';

const EstadoVentana = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(800).max(10_000),
  height: z.number().int().min(600).max(10_000),
  maximizada: z.boolean().default(false),
});
export type EstadoVentana = z.infer<typeof EstadoVentana>;

export const ESTADO_INICIAL: EstadoVentana = { width: 1366, height: 820, maximizada: false };

/** A missing, broken or absurd file (another screen size, hand edits) falls back to the default size. */
export function leerEstadoVentana(archivo: string): EstadoVentana {
  try {
    return EstadoVentana.parse(JSON.parse(fs.readFileSync(archivo, 'utf8')));
  } catch {
    return ESTADO_INICIAL;
  }
}

export function guardarEstadoVentana(archivo: string, estado: EstadoVentana) {
  fs.writeFileSync(archivo, JSON.stringify(estado));
}

/**
 * The app's configuration files: the default shipped in resources/configuracion.json and the one IT may put beside the
 * installed app; later files override earlier ones key by key. Read by the Electron main process and the launcher.
 *
 * Only the keys the shell itself needs are checked here (the server URL and the allow-list of external links); the
 * user's settings (language, cache budget) belong to the core's `ajustes.*`.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { CANALES } from './core/actualizaciones/feed.js';

export const NOMBRE_CONFIGURACION = 'configuracion.json';

const Configuracion = z.looseObject({
  /** The API root (…/api/v1). Absent: `npm start` runs the companion API on the embedded demo database. */
  servidor_url: z.url({ protocol: /^https?$/ }).optional(),
  /** External pages the app may open in the system browser (https only, matched by origin). */
  enlaces_externos: z.array(z.url({ protocol: /^https$/ })).default([]),
  /** The update feed (the deployment's /updates/) and IT's channel; absent: this desk does not look for updates. */
  actualizaciones: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      canal: z.enum(CANALES).default('stable'),
      intervalo_horas: z.number().min(1).max(168).default(4),
    })
    .optional(),
});
export type Configuracion = z.infer<typeof Configuracion>;

export function leerConfiguracion(archivos: readonly string[]): Configuracion {
  let union: Record<string, unknown> = {};
  for (const archivo of archivos) {
    if (!fs.existsSync(archivo)) continue;
    let datos: unknown;
    try {
      datos = JSON.parse(fs.readFileSync(archivo, 'utf8'));
    } catch (e) {
      throw new Error(`El archivo de configuración ${archivo} no es JSON válido: ${(e as Error).message}`);
    }
    if (typeof datos !== 'object' || datos === null || Array.isArray(datos))
      throw new Error(`El archivo de configuración ${archivo} debe contener un objeto JSON`);
    union = { ...union, ...datos };
  }
  const r = Configuracion.safeParse(union);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`Configuración inválida (${archivos.join(', ')}): ${i?.path.join('.')}: ${i?.message}`);
  }
  return r.data;
}

/** Whether `url` is an https page whose origin IT allow-listed. */
export function esEnlacePermitido(url: string, permitidos: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && permitidos.some((p) => new URL(p).origin === u.origin);
}

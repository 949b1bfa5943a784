/**
 * The app protocol: the renderer is loaded from `app://tramites/`, served from out/renderer by main, never from a
 * remote host or file:// (file:// would give the page read access to the disk's other files and no origin of its own).
 */
import type { Protocol } from 'electron';
import { CABECERAS_SEGURIDAD } from './csp.js';
import { leerEstatico } from './estaticos.js';

export const ESQUEMA = 'app';
export const HOST = 'tramites';
export const ORIGEN = `${ESQUEMA}://${HOST}`;
export const URL_INICIO = `${ORIGEN}/index.html`;

/** Privileges given before `ready`: a standard, secure scheme (origin, fetch, workers for pdf.js), nothing more. */
export const ESQUEMA_PRIVILEGIADO = {
  scheme: ESQUEMA,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Whether a URL is one of our renderer's pages (Node's URL has no origin for custom schemes: compare the parts). */
export function esUrlPropia(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${ESQUEMA}:` && u.host === HOST;
  } catch {
    return false;
  }
}

export function servirRenderer(protocol: Pick<Protocol, 'handle'>, directorio: string) {
  protocol.handle(ESQUEMA, async (peticion) => {
    const url = new URL(peticion.url);
    const archivo = url.host === HOST ? await leerEstatico(directorio, url.pathname) : null;
    if (!archivo) return new Response('No encontrado', { status: 404, headers: CABECERAS_SEGURIDAD });
    return new Response(new Uint8Array(archivo.cuerpo), {
      headers: { ...CABECERAS_SEGURIDAD, 'Content-Type': archivo.tipo },
    });
  });
}

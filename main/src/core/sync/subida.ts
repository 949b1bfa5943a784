/**
 * A document's bytes going up before its command (resumable, from the server's `recibidos`). The server may refuse the
 * bytes for good (an .exe renamed .pdf: 415; too large: 413; not what its hash says: 422): then the upload's answer is
 * that refusal, which push.ts turns into the officer's rejection of the attachment so it never holds back the commands
 * behind it. The progress reaches "all sent" only once the server has taken the last byte: a bar that says "Subido al
 * servidor" for bytes the server then refused would tell the officer the opposite of what happened.
 */
import { RUTAS_SYNC, TAMANO_FRAGMENTO, type EstadoSubida } from '#shared/sync/protocolo';
import type { ProgresoDocumento } from '#shared/bridge/tipos';
import { ErrorApi, type ClienteApi } from '../api/cliente.js';
import type { AvisosProgreso } from '../api/progreso.js';
import type { CacheDocumentos } from '../documentos/cache.js';

/** Statuses that say "these bytes, never": any 4xx but an expired token (401), a timeout (408) or a rate limit (429). */
const PASAJEROS = new Set([401, 408, 429]);

/** The server's refusal of these bytes for good, or null for a failure that may pass (network, 5xx, a gap). */
export function rechazoDefinitivo(e: unknown): ErrorApi | null {
  if (!(e instanceof ErrorApi) || e.status < 400 || e.status >= 500 || PASAJEROS.has(e.status)) return null;
  // A gap: the server lost part of a resumable upload; the next try resumes from what it holds.
  if (typeof (e.details as { recibidos?: unknown } | undefined)?.recibidos === 'number') return null;
  return e;
}

export type ResultadoSubida = { estado: 'subido' } | { estado: 'sin_bytes' } | { estado: 'rechazado'; error: ErrorApi };

export interface DependenciasSubida {
  api: ClienteApi;
  cache: CacheDocumentos;
  progreso?: AvisosProgreso;
}

/** Uploads the bytes the server does not have yet, from where it stopped. */
export async function subirArchivo(
  d: DependenciasSubida,
  token: string,
  sha256: string,
  documentoId: string | null,
): Promise<ResultadoSubida> {
  const bytes = await d.cache.leer(sha256);
  if (!bytes) return { estado: 'sin_bytes' };
  const aviso = (cargados: number, extra: Partial<ProgresoDocumento> = {}) =>
    d.progreso?.avisar({
      sha256,
      documento_id: documentoId,
      direccion: 'subida',
      cargados,
      total: bytes.length,
      ...extra,
    });
  try {
    const { datos: estado } = await d.api.json<EstadoSubida>(RUTAS_SYNC.estadoArchivo(sha256), { token });
    for (
      let desde = estado.completo ? bytes.length : estado.recibidos;
      desde < bytes.length;
      desde += TAMANO_FRAGMENTO
    ) {
      const trozo = bytes.subarray(desde, Math.min(bytes.length, desde + TAMANO_FRAGMENTO));
      await d.api.pedir(RUTAS_SYNC.archivo(sha256), {
        metodo: 'PUT',
        token,
        bytes: trozo,
        headers: { 'content-range': `bytes ${desde}-${desde + trozo.length - 1}/${bytes.length}` },
        // Every byte sent is not every byte taken: the last step waits for the server's answer (below).
        progreso: (n) => aviso(Math.min(desde + n, bytes.length - 1)),
      });
    }
  } catch (e) {
    const error = rechazoDefinitivo(e);
    if (!error) throw e;
    aviso(0, { rechazo: error.message });
    return { estado: 'rechazado', error };
  }
  aviso(bytes.length);
  return { estado: 'subido' };
}

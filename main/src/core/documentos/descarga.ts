/**
 * Opening a document: from the cache when it is there (offline too), else downloaded by hash, verified and cached.
 * A download reports its bytes as `documentos.progreso` events, so the viewer shows a bar instead of a frozen window.
 */
import type { ArchivoDocumento } from '#shared/bridge/tipos';
import { RUTAS_SYNC } from '#shared/sync/protocolo';
import { ErrorRed, type ClienteApi } from '../api/cliente.js';
import type { AvisosProgreso } from '../api/progreso.js';
import { ErrorCore, noEncontradoLocal } from '../error-core.js';
import type { Sesion } from '../sesion/sesion.js';
import type { Espejo } from '../store/espejo.js';
import { sha256De, type CacheDocumentos } from './cache.js';

export interface DependenciasDescarga {
  espejo: Espejo;
  cache: CacheDocumentos;
  api: ClienteApi;
  sesion: Sesion;
  progreso?: AvisosProgreso;
}

export async function descargarDocumento(d: DependenciasDescarga, documentoId: string): Promise<ArchivoDocumento> {
  const doc = d.espejo.leer('ppsh_documentos', documentoId);
  if (!doc || !doc.activo) throw noEncontradoLocal('El documento');
  const sha256 = String(doc.sha256);
  let bytes = await d.cache.leer(sha256);
  if (!bytes) {
    try {
      const r = await d.api.pedir(RUTAS_SYNC.archivo(sha256), {
        token: await d.sesion.tokenAcceso(),
        progreso: (cargados, total) =>
          d.progreso?.avisar({ sha256, documento_id: doc.id, direccion: 'descarga', cargados, total }),
      });
      bytes = r.cuerpo;
    } catch (e) {
      if (e instanceof ErrorRed)
        throw new ErrorCore(
          'SERVICIO_NO_DISPONIBLE',
          'El documento no está en esta estación y no hay conexión con el servidor',
        );
      throw e;
    }
    if (sha256De(bytes) !== sha256)
      throw new ErrorCore('ERROR_INTERNO', 'El archivo recibido no corresponde al documento (hash distinto)');
    await d.cache.guardar(bytes, false);
  }
  return {
    id: doc.id,
    sha256,
    nombre_archivo: String(doc.nombre_archivo),
    mime_type: String(doc.mime_type),
    contenido_base64: bytes.toString('base64'),
  };
}

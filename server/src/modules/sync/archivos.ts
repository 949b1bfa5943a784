/**
 * Document bytes for offline desks, addressed by SHA-256 (docs/sync.md). Uploads are resumable: chunks carry
 * `Content-Range: bytes start-end/total` and are appended to a per-user partial file; once complete, the bytes must hash
 * to the address and be an allowed type by their magic bytes, and only then are stored (once) where REST uploads go.
 * Downloads serve only files referenced by a document the caller may see; express's sendFile answers Range requests.
 * A hash is never a capability: stored bytes count as the caller's (upload status "complete", a document attached by
 * hash) only once she uploaded them herself or may already see a document with them; otherwise she uploads them whole.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EstadoSubida } from '#shared/sync/protocolo';
import type { Config } from '../../config.js';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, type Trx } from '../../db/escritura.js';
import { escribir } from '../../db/restricciones.js';
import { AppError, noEncontrado } from '../../error-api.js';
import { CARPETA_PARCIALES, detectarTipo, guardarArchivo, rutaArchivo } from '../ppsh/archivos.js';
import { filtrarOficina } from '../ppsh/repo.js';

interface Rango {
  inicio: number;
  total: number;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

function leerRango(cabecera: string | undefined, largo: number): Rango {
  if (cabecera === undefined) return { inicio: 0, total: largo };
  const m = CONTENT_RANGE.exec(cabecera.trim());
  const [inicio, fin, total] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  if (!m || fin < inicio || fin >= total || fin - inicio + 1 !== largo)
    throw new AppError(
      'VALIDACION',
      'Content-Range inválido: use "bytes inicio-fin/total" con tantos bytes como indica',
    );
  return { inicio, total };
}

async function tamano(ruta: string): Promise<number | undefined> {
  try {
    return (await fs.stat(ruta)).size;
  } catch {
    return undefined;
  }
}

/** A document with these bytes in a case the actor may see, if any. */
const documentoVisible = (db: Db | Trx, actor: Actor, sha256: string) =>
  db
    .selectFrom('ppsh_documentos')
    .select('mime_type')
    .where('sha256', '=', sha256)
    .where('activo', '=', 1)
    .where('solicitud_id', 'in', filtrarOficina(db.selectFrom('ppsh_solicitudes').select('id'), actor))
    .executeTakeFirst();

/** True when the actor may use stored bytes by their hash: she uploaded them, or may already see a document with them. */
export async function puedeUsarArchivo(db: Db | Trx, actor: Actor, sha256: string): Promise<boolean> {
  const subido = await db
    .selectFrom('archivos_subidos')
    .select('sha256')
    .where('sha256', '=', sha256)
    .where('usuario_id', '=', actor.id)
    .executeTakeFirst();
  return Boolean(subido ?? (await documentoVisible(db, actor, sha256)));
}

export function crearArchivosSync(db: Db, uploads: Config['uploads']) {
  const parcial = (actor: Actor, sha256: string) => path.join(uploads.dir, CARPETA_PARCIALES, `${sha256}.${actor.id}`);

  async function estado(actor: Actor, sha256: string): Promise<EstadoSubida> {
    const completo = await tamano(rutaArchivo(uploads.dir, sha256));
    if (completo !== undefined && (await puedeUsarArchivo(db, actor, sha256)))
      return { sha256, recibidos: completo, completo: true };
    return { sha256, recibidos: (await tamano(parcial(actor, sha256))) ?? 0, completo: false };
  }

  /** Records that the actor proved she has these bytes (she sent them whole); a repeat changes nothing. */
  async function registrarSubida(actor: Actor, sha256: string): Promise<void> {
    if (await puedeUsarArchivo(db, actor, sha256)) return;
    await escribir(() =>
      db.insertInto('archivos_subidos').values({ sha256, usuario_id: actor.id, created_at: ahora() }).execute(),
    ).catch((e: unknown) => {
      // Two uploads of hers finished at once: the row is there, as needed.
      if (!(e instanceof AppError && e.code === 'DUPLICADO')) throw e;
    });
  }

  /** Checks the complete partial file and stores it under its hash; a bad file is discarded whole. */
  async function cerrar(actor: Actor, sha256: string, ruta: string): Promise<EstadoSubida> {
    const bytes = await fs.readFile(ruta);
    try {
      if (createHash('sha256').update(bytes).digest('hex') !== sha256)
        throw new AppError(
          'VALIDACION',
          'El contenido recibido no coincide con su SHA-256; vuelva a subir el archivo completo',
        );
      const tipo = detectarTipo(bytes);
      if (!tipo || !tipo.extensiones.some((x) => uploads.extensions.includes(x)))
        throw new AppError(
          'ARCHIVO_NO_PERMITIDO',
          `Tipo de archivo no permitido. Permitidos: ${uploads.extensions.join(', ')}`,
        );
      await guardarArchivo(uploads.dir, sha256, bytes);
      await registrarSubida(actor, sha256);
    } finally {
      await fs.rm(ruta, { force: true });
    }
    return estado(actor, sha256);
  }

  async function recibir(
    actor: Actor,
    sha256: string,
    cuerpo: Buffer,
    contentRange: string | undefined,
  ): Promise<EstadoSubida> {
    const ya = await estado(actor, sha256);
    // Content addressing makes every upload of known bytes a no-op: dedupe and idempotent retries in one check.
    if (ya.completo) return ya;
    if (!cuerpo.length)
      throw new AppError('VALIDACION', 'El cuerpo de la petición está vacío: envíe los bytes del archivo');
    const { inicio, total } = leerRango(contentRange, cuerpo.length);
    if (total > uploads.maxBytes)
      throw new AppError(
        'ARCHIVO_DEMASIADO_GRANDE',
        `El archivo supera el máximo de ${Math.floor(uploads.maxBytes / 1048576)} MB`,
      );
    if (inicio > ya.recibidos)
      throw new AppError(
        'VALIDACION',
        `El fragmento empieza en el byte ${inicio} pero el servidor tiene ${ya.recibidos}`,
        { recibidos: ya.recibidos },
      );
    const ruta = parcial(actor, sha256);
    await fs.mkdir(path.dirname(ruta), { recursive: true });
    // A chunk resent after a lost answer overlaps what is stored: cut back to its start and write it again.
    const f = await fs.open(ruta, ya.recibidos ? 'r+' : 'w');
    let completo = false;
    try {
      await f.truncate(inicio);
      // A full disk shows as a short write, not an error: keep only what was stored before and say why (503).
      completo = (await f.write(cuerpo, 0, cuerpo.length, inicio)).bytesWritten === cuerpo.length;
      if (!completo) await f.truncate(inicio);
    } finally {
      await f.close();
    }
    if (!completo) {
      if (inicio === 0) await fs.rm(ruta, { force: true });
      throw Object.assign(new Error('Escritura incompleta del fragmento'), { code: 'ENOSPC' });
    }
    return inicio + cuerpo.length === total
      ? cerrar(actor, sha256, ruta)
      : { sha256, recibidos: inicio + cuerpo.length, completo: false };
  }

  /** The stored file of a document the actor may see, with its type; NO_ENCONTRADO otherwise (no probing by hash). */
  async function paraDescarga(actor: Actor, sha256: string): Promise<{ ruta: string; mime: string }> {
    const doc = await documentoVisible(db, actor, sha256);
    const ruta = rutaArchivo(uploads.dir, sha256);
    if (!doc || (await tamano(ruta)) === undefined) throw noEncontrado('El archivo');
    return { ruta, mime: doc.mime_type };
  }

  return { estado, recibir, paraDescarga };
}

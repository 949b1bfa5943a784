/**
 * Uploaded files: the type is decided by the bytes (magic numbers), never by the name; files are stored once under
 * UPLOAD_DIR by SHA-256 and the client's name is kept only as metadata.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../error-api.js';

interface TipoArchivo {
  mime: string;
  extensiones: string[];
}

const PDF: TipoArchivo = { mime: 'application/pdf', extensiones: ['pdf'] };
const JPEG: TipoArchivo = { mime: 'image/jpeg', extensiones: ['jpg', 'jpeg'] };
const PNG: TipoArchivo = { mime: 'image/png', extensiones: ['png'] };
const DOC: TipoArchivo = { mime: 'application/msword', extensiones: ['doc'] };
const DOCX: TipoArchivo = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extensiones: ['docx'],
};
/** Every type a stored file can have: what a download may answer (the OpenAPI document lists them). */
export const MIMES_ARCHIVO = [PDF, JPEG, PNG, DOC, DOCX].map((t) => t.mime);

const empiezaCon = (b: Buffer, firma: number[]) => firma.every((byte, i) => b[i] === byte);

/** Entry names of a ZIP, read from its central directory (the authoritative list); undefined if it is not a sound ZIP. */
function entradasZip(b: Buffer): Set<string> | undefined {
  const FIN = 0x06054b50;
  const ENTRADA = 0x02014b50;
  // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
  let fin = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (b.readUInt32LE(i) === FIN) {
      fin = i;
      break;
    }
  if (fin < 0) return undefined;
  const total = b.readUInt16LE(fin + 10);
  let p = b.readUInt32LE(fin + 16);
  const nombres = new Set<string>();
  for (let n = 0; n < total; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== ENTRADA) return undefined;
    const largoNombre = b.readUInt16LE(p + 28);
    const extra = b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (p + 46 + largoNombre > b.length) return undefined;
    nombres.add(b.toString('utf8', p + 46, p + 46 + largoNombre));
    p += 46 + largoNombre + extra;
  }
  return nombres;
}

/** Word's package: the content-types part and the main document part must both be listed. */
function esDocx(b: Buffer): boolean {
  const entradas = entradasZip(b);
  return Boolean(entradas?.has('[Content_Types].xml') && entradas.has('word/document.xml'));
}

export function detectarTipo(b: Buffer): TipoArchivo | undefined {
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (empiezaCon(b, [0xff, 0xd8, 0xff])) return JPEG;
  if (empiezaCon(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (empiezaCon(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return DOC;
  // A .docx is an OOXML package; any other ZIP (or one that merely mentions word/) is refused.
  if (empiezaCon(b, [0x50, 0x4b, 0x03, 0x04]) && esDocx(b)) return DOCX;
  return undefined;
}

export interface ArchivoValidado {
  mime: string;
  extension: string;
  sha256: string;
  tamano: number;
}

export function validarArchivo(nombre: string, bytes: Buffer, permitidas: string[], maxBytes: number): ArchivoValidado {
  if (bytes.length === 0) throw new AppError('VALIDACION', 'El archivo está vacío');
  if (bytes.length > maxBytes)
    throw new AppError(
      'ARCHIVO_DEMASIADO_GRANDE',
      `El archivo supera el máximo de ${Math.floor(maxBytes / 1048576)} MB`,
    );
  const extension = path.extname(nombre).replace('.', '').toLowerCase();
  if (!permitidas.includes(extension))
    throw new AppError(
      'ARCHIVO_NO_PERMITIDO',
      `Tipo de archivo no permitido (.${extension || '?'}). Permitidos: ${permitidas.join(', ')}`,
    );
  const tipo = detectarTipo(bytes);
  if (!tipo || !tipo.extensiones.includes(extension))
    throw new AppError('ARCHIVO_NO_PERMITIDO', `El contenido del archivo no corresponde a un .${extension} válido`);
  return { mime: tipo.mime, extension, sha256: createHash('sha256').update(bytes).digest('hex'), tamano: bytes.length };
}

export const rutaArchivo = (dir: string, sha256: string) =>
  path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

const SUFIJO_TEMPORAL = '.tmp';
/** A temp file older than this belongs to no write in progress (writes take milliseconds): a crash left it. */
const TEMPORAL_ABANDONADO_MS = 10 * 60_000;
/** Resumable sync uploads keep the chunks received so far here, one file per officer and hash. */
export const CARPETA_PARCIALES = '.parciales';
/** A desk offline for days resumes its upload within a week; a partial untouched longer is abandoned. */
const PARCIAL_ABANDONADO_MS = 7 * 24 * 3600_000;

/**
 * Writes the bytes once (temp file + rename, so a crash never leaves a half file under the final name). The temp name is
 * random: concurrent uploads of the same bytes each write their own and the renames land the same content. True when
 * this call created the stored file (the caller removes it again if what it was for fails).
 */
export async function guardarArchivo(dir: string, sha256: string, bytes: Buffer): Promise<boolean> {
  const destino = rutaArchivo(dir, sha256);
  if (await existe(destino)) return false;
  await fs.mkdir(path.dirname(destino), { recursive: true });
  const temporal = `${destino}.${randomBytes(12).toString('hex')}${SUFIJO_TEMPORAL}`;
  try {
    await fs.writeFile(temporal, bytes);
    await fs.rename(temporal, destino);
  } catch (e) {
    await fs.rm(temporal, { force: true });
    throw e;
  }
  return true;
}

/** Removes stored bytes that no document row refers to (what a failed upload had just written). */
export async function descartarSiHuerfano(db: Db, dir: string, sha256: string): Promise<void> {
  const usado = await db.selectFrom('archivos').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  if (!usado) await fs.rm(rutaArchivo(dir, sha256), { force: true });
}

const existe = (ruta: string) =>
  fs.access(ruta).then(
    () => true,
    () => false,
  );

/**
 * Start-up sweep of what no write in progress can own: temp files a killed process (kill -9, power cut) left, and
 * resumable uploads abandoned for a week (they would otherwise let any account fill the disk a chunk at a time).
 */
export async function barrerTemporales(dir: string): Promise<string[]> {
  const ahora = Date.now();
  const borrados: string[] = [];
  const entradas = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entradas) {
    const temporal = e.name.endsWith(SUFIJO_TEMPORAL);
    const parcial = path.basename(e.parentPath) === CARPETA_PARCIALES;
    if (!e.isFile() || !(temporal || parcial)) continue;
    const ruta = path.join(e.parentPath, e.name);
    const st = await fs.stat(ruta).catch(() => undefined);
    if (st && ahora - st.mtimeMs > (temporal ? TEMPORAL_ABANDONADO_MS : PARCIAL_ABANDONADO_MS)) {
      await fs.rm(ruta, { force: true });
      borrados.push(ruta);
    }
  }
  return borrados;
}

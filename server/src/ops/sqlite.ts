/**
 * Embedded-database side of the ops CLI (better-sqlite3): online backup through SQLite's backup API (consistent
 * while the API keeps writing, WAL included), integrity checks, and the weekly VACUUM/ANALYZE.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite } from '../db/connect.js';
import { purgeAuditLog } from '../modules/audit/purge.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Contador } from '../db/secuencias.js';
import { compactarCambios } from '../modules/sync/cambios.js';
import { iniciarEpoca, type MotivoEpoca } from '../modules/sync/epoca.js';
import { purgarMutaciones } from '../modules/sync/retencion.js';
import { resumenEpoca, type Informe } from './informe.js';

function abrirExistente(file: string, readonly: boolean): Database.Database {
  if (!fs.existsSync(file)) throw new Error(`No existe la base de datos ${file}`);
  const db = new Database(file, { readonly, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  return db;
}

/** Problems reported by PRAGMA integrity_check and foreign_key_check (empty when the file is sound). */
export function problemasDeIntegridad(file: string): string[] {
  const db = abrirExistente(file, true);
  try {
    const integridad = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problemas = integridad.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const claves = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
    return [...problemas, ...claves.map((c) => `clave foránea rota: ${c.table} fila ${c.rowid} → ${c.parent}`)];
  } finally {
    db.close();
  }
}

export async function backup(file: string, destino: string, informe: Informe): Promise<void> {
  fs.mkdirSync(path.dirname(destino), { recursive: true });
  const db = abrirExistente(file, true);
  try {
    await db.backup(destino);
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; a backup must be one self-contained file, without -wal/-shm beside it.
  const copia = abrirExistente(destino, false);
  copia.pragma('journal_mode = DELETE');
  copia.close();
  const problemas = problemasDeIntegridad(destino);
  if (problemas.length > 0) throw new Error(`El respaldo ${destino} no pasó integrity_check: ${problemas.join('; ')}`);
  informe.ok(`Respaldo de ${file} en ${destino} (${fs.statSync(destino).size} bytes, integrity_check ok)`);
}

/**
 * Copies the backup over the live file with the backup API too, so SQLite handles the WAL and locks; the API should
 * be stopped (restore.sh does it) or it keeps serving from its own open connection.
 */
export async function restore(origen: string, file: string, informe: Informe, margen?: number): Promise<void> {
  const problemas = problemasDeIntegridad(origen);
  if (problemas.length > 0) throw new Error(`El respaldo ${origen} está dañado: ${problemas.join('; ')}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const vistos = contadoresDe(file);
  const db = abrirExistente(origen, true);
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  informe.ok(`Base ${file} restaurada desde ${origen}`);
  await nuevaEpoca(file, 'RESTAURADA', informe, margen, vistos);
}

/** The number counters of the database a restore is about to replace (none if there is no such file or table yet). */
function contadoresDe(file: string): Contador[] {
  if (!fs.existsSync(file)) return [];
  const db = abrirExistente(file, true);
  try {
    return db.prepare('select nombre, anio, valor from secuencias').all() as Contador[];
  } catch {
    return []; // a database older than the counters, or not ours: nothing was numbered in it
  } finally {
    db.close();
  }
}

/**
 * The restored history is another one: a new sync epoch (desks reset and re-send what they had confirmed) and every
 * number counter moved past the margin (numbers issued after the backup are on receipts). Migrates first: a backup
 * older than the epoch table gets it, as the API would on start.
 */
export async function nuevaEpoca(
  file: string,
  motivo: MotivoEpoca,
  informe: Informe,
  margen?: number,
  vistos: Contador[] = [],
): Promise<void> {
  const db = openSqlite(file);
  try {
    await migrateToLatest(db);
    informe.ok(resumenEpoca((await iniciarEpoca(db, motivo, { margen, vistos }))!));
  } finally {
    await db.destroy();
  }
}

export function check(file: string, informe: Informe): void {
  const problemas = problemasDeIntegridad(file);
  if (problemas.length === 0) informe.ok(`integrity_check y foreign_key_check de ${file}: sin errores`);
  for (const p of problemas) informe.problema(p);
}

/** Size report: file and free pages (SQLite's fragmentation: what VACUUM gives back), and the largest tables by rows. */
export function report(file: string, informe: Informe): void {
  const db = abrirExistente(file, true);
  try {
    const pagina = db.pragma('page_size', { simple: true }) as number;
    const paginas = db.pragma('page_count', { simple: true }) as number;
    const libres = db.pragma('freelist_count', { simple: true }) as number;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    informe.ok(`Archivo ${file}: ${mb(paginas * pagina)}, ${mb(libres * pagina)} libres dentro del archivo`);
    const tablas = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const filas = tablas
      .map((t) => ({
        t,
        n: db
          .prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`)
          .pluck()
          .get() as number,
      }))
      .sort((a, b) => b.n - a.n)
      .slice(0, 15);
    for (const { t, n } of filas) informe.ok(`Tabla ${t}: ${n} filas`);
  } finally {
    db.close();
  }
}

export async function purgeAudit(file: string, dias: number, informe: Informe): Promise<void> {
  const db = openSqlite(file);
  try {
    const borradas = await purgeAuditLog(db, dias);
    informe.ok(`Auditoría: ${borradas} entradas de más de ${dias} días eliminadas`);
  } finally {
    await db.destroy();
  }
}

async function limpiarSync(file: string, dias: number, informe: Informe): Promise<void> {
  const db = openSqlite(file);
  try {
    const mutaciones = await purgarMutaciones(db, dias);
    const cambios = await compactarCambios(db);
    informe.ok(
      `Sincronización: ${mutaciones} resultados de más de ${dias} días y ${cambios} cambios huérfanos eliminados`,
    );
  } finally {
    await db.destroy();
  }
}

/** Weekly maintenance: integrity first (never compact a damaged file), purge, then ANALYZE, VACUUM and optimize. */
export async function maintenance(file: string, dias: number, diasSync: number, informe: Informe): Promise<void> {
  check(file, informe);
  if (informe.problemas > 0) return;
  await purgeAudit(file, dias, informe);
  await limpiarSync(file, diasSync, informe);
  const db = abrirExistente(file, false);
  try {
    const antes = fs.statSync(file).size;
    db.exec('ANALYZE;');
    db.exec('VACUUM;');
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    informe.ok(`ANALYZE y VACUUM completados (${antes} → ${fs.statSync(file).size} bytes)`);
  } finally {
    db.close();
  }
}

/**
 * Opens and prepares the database: migrate always; a brand-new embedded database also gets the demo when DEMO=true
 * (never by default: its users have a published password; `npm start` asks for it).
 * Also sweeps the temp files a killed process left under the uploads folder.
 */
import fs from 'node:fs';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Db, type OpenOptions } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { cargarDemo, crearUsuariosDemo } from './demo/cargar.js';
import { barrerTemporales } from './modules/ppsh/archivos.js';
import { comprobarRestauracion } from './modules/sync/epoca.js';

/** Cases in the embedded demo: enough to feel like an office's caseload, quick to create on first start. */
export const CASOS_DEMO = 300;

export async function prepararBaseDeDatos(config: Config, logger: Logger, opciones: OpenOptions = {}): Promise<Db> {
  const nueva = config.database.kind === 'sqlite' && !fs.existsSync(config.database.file);
  const db = openDatabase(config.database, opciones);
  const aplicadas = await migrateToLatest(db);
  if (aplicadas.length) logger.info({ migraciones: aplicadas }, 'migraciones aplicadas');
  // A RESTORE on SQL Server that bypassed the ops CLI: new sync epoch and counters moved, as the CLI's restore does.
  await comprobarRestauracion(db, logger);
  const temporales = await barrerTemporales(config.uploads.dir);
  if (temporales.length) logger.warn({ temporales }, 'archivos temporales abandonados eliminados');
  if (nueva && config.demo.enabled) {
    await crearUsuariosDemo(db, config.demo.password);
    await cargarDemo(db, { casos: CASOS_DEMO, uploadDir: config.uploads.dir });
    logger.info(
      { casos: CASOS_DEMO },
      'base de demostración creada; usuarios recepcion, analista, supervisor, admin, consulta, recepcion.darien',
    );
  }
  return db;
}

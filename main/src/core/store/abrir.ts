/** Opens the desk's SQLite file and brings its schema up to date before anything else touches it. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRACIONES_LOCALES } from './migrations/index.js';

export type Sqlite = Database.Database;

export function abrirStore(archivo: string): Sqlite {
  fs.mkdirSync(path.dirname(archivo), { recursive: true });
  const db = new Database(archivo);
  // WAL + NORMAL: a crash (or SIGKILL) loses at most the last transactions, never consistency; readers never wait.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrar(db);
  return db;
}

export function migrar(db: Sqlite): string[] {
  const actual = db.pragma('user_version', { simple: true }) as number;
  const aplicadas: string[] = [];
  MIGRACIONES_LOCALES.slice(actual).forEach((m, i) => {
    db.transaction(() => {
      for (const sentencia of m.sql) db.exec(sentencia);
      db.pragma(`user_version = ${actual + i + 1}`);
    })();
    aplicadas.push(m.nombre);
  });
  return aplicadas;
}

/**
 * better-sqlite3 behind Kysely with its prepared statements kept: Kysely's SQLite driver prepares every query it runs,
 * and parsing and planning the same SQL again was 5 % of a caseload request (docs/rendimiento-api.md). The statements
 * of the most recent distinct SQL texts are kept (an `in` list of another length is another text, hence the bound).
 * SQLite re-prepares a kept statement itself when the schema changes (a migration).
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { Recientes } from '../memoria/recientes.js';

const SENTENCIAS_MAXIMAS = 500;

export function conSentenciasReutilizadas(sqlite: SQLite.Database, maximas = SENTENCIAS_MAXIMAS): SqliteDatabase {
  const sentencias = new Recientes<SQLite.Statement>(maximas);
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      const guardada = sentencias.get(sql);
      // A statement still being iterated (a streamed query) cannot run again: that caller gets a fresh one.
      if (guardada && !guardada.busy) return guardada;
      const nueva = sqlite.prepare(sql);
      if (!guardada) sentencias.set(sql, nueva);
      return nueva;
    },
  };
}

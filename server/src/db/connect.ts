/** Opens the application database on the engine DATABASE_URL names: Kysely over better-sqlite3 or over tedious + tarn. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import * as Tarn from 'tarn';
import * as Tedious from 'tedious';
import { Kysely, MssqlAdapter, MssqlDialect, SqliteDialect, sql, type LogConfig, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { DatabaseTarget, MssqlTarget } from './url.js';
import { MssqlCompatPlugin } from './mssql-plugin.js';
import { conSentenciasReutilizadas } from './sentencias.js';

export type Db = Kysely<Database>;
/** A transaction on the application database: what the write path (db/escritura.ts) and the services write in. */
export type Trx = Transaction<Database>;

export interface OpenOptions {
  log?: LogConfig;
  /** Connections in the SQL Server pool. */
  poolMax?: number;
}

export function openSqlite(file: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers (health checks, backups) run beside the writer; busy_timeout rides out a backup's short locks.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  refrescarEstadisticas(sqlite);
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: conSentenciasReutilizadas(sqlite) }),
    log: options.log,
  });
}

/**
 * Query-planner statistics for SQLite (SQL Server keeps its own up to date). Without them the planner walks a whole
 * office to answer a search instead of starting from the few matching search terms. Bounded sampling keeps it quick.
 */
const PRAGMAS_ESTADISTICAS = ['analysis_limit = 1000', 'optimize = 0x10002'];

function refrescarEstadisticas(sqlite: SQLite.Database): void {
  for (const p of PRAGMAS_ESTADISTICAS) sqlite.pragma(p);
}

/** The same, through Kysely, after a bulk load into an open database. */
export async function refrescarEstadisticasTrasCarga(db: Db): Promise<void> {
  if (esMssql(db)) return;
  for (const p of PRAGMAS_ESTADISTICAS) await sql.raw(`pragma ${p}`).execute(db);
}

/**
 * tedious returns bigint columns as strings (exact past 2^53). Ours (file sizes, change numbers) stay far below that,
 * and the application reads them as numbers, as SQLite returns them: converted before Kysely builds the row.
 */
class RequestConBigintNumerico extends Tedious.Request {
  constructor(...args: ConstructorParameters<typeof Tedious.Request>) {
    super(...args);
    // The shape tedious emits for a row (it exports no type for it).
    this.on('row', (columnas: { value: unknown; metadata: { type: { name: string } } }[]) => {
      for (const c of columnas)
        if (typeof c.value === 'string' && /^(BigInt|IntN)$/.test(c.metadata.type.name)) c.value = Number(c.value);
    });
  }
}

export function mssqlDialect(t: MssqlTarget, poolMax = 10): MssqlDialect {
  return new MssqlDialect({
    tarn: { ...Tarn, options: { min: 0, max: poolMax } },
    tedious: {
      ...Tedious,
      Request: RequestConBigintNumerico,
      connectionFactory: () =>
        new Tedious.Connection({
          server: t.server,
          authentication: { type: 'default', options: { userName: t.user, password: t.password } },
          options: {
            port: t.port,
            database: t.database,
            encrypt: t.encrypt,
            trustServerCertificate: t.trustServerCertificate,
            useUTC: true,
          },
        }),
    },
  });
}

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Db {
  if (target.kind === 'sqlite') return openSqlite(target.file, options);
  return new Kysely<Database>({
    dialect: mssqlDialect(target, options.poolMax),
    plugins: [new MssqlCompatPlugin()],
    log: options.log,
  });
}

export function esMssql(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof MssqlAdapter;
}

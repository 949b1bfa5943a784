/**
 * DATABASE_URL parsing. One variable selects the engine so the seed's .env files keep working:
 *   sqlite:/abs/path/file.db | sqlite:relative/file.db        embedded engine (better-sqlite3)
 *   mssql://user:pass@host:1433/db?encrypt=true&trustServerCertificate=true
 *   Server=host,1433;Database=db;User Id=sa;Password=...;Encrypt=true;TrustServerCertificate=true   (ADO string)
 *   mssql+pyodbc://...                                          the old Python form, read as mssql://
 */
import path from 'node:path';

export interface SqliteTarget {
  kind: 'sqlite';
  file: string;
}

export interface MssqlTarget {
  kind: 'mssql';
  server: string;
  port: number;
  database: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
}

export type DatabaseTarget = SqliteTarget | MssqlTarget;

export const DEFAULT_SQLITE_FILE = path.resolve('data', 'tramites.db');

const truthy = (v: string | undefined, fallback: boolean): boolean =>
  v === undefined ? fallback : ['1', 'true', 'yes', 'si', 'sí'].includes(v.trim().toLowerCase());

export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (!url || url.trim() === '') return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
  const raw = url.trim();
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new Error('DATABASE_URL sqlite: falta la ruta del archivo (sqlite:/ruta/archivo.db)');
    // SQLite's own name for a database in memory, not a file name.
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  if (/^mssql(\+\w+)?:\/\//i.test(raw)) return parseMssqlUrl(raw.replace(/^mssql\+\w+:/i, 'mssql:'));
  if (/(^|;)\s*(server|data source)\s*=/i.test(raw)) return parseAdoString(raw);
  throw new Error(
    'DATABASE_URL no reconocida: use sqlite:/ruta/archivo.db, mssql://usuario:clave@host:1433/base o una cadena ADO (Server=...;Database=...)',
  );
}

function parseMssqlUrl(raw: string): MssqlTarget {
  const u = new URL(raw);
  const q = (k: string) => u.searchParams.get(k) ?? u.searchParams.get(k.toLowerCase()) ?? undefined;
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!u.hostname || !database) throw new Error('DATABASE_URL mssql: faltan el host o el nombre de la base de datos');
  return {
    kind: 'mssql',
    server: u.hostname,
    port: u.port ? Number(u.port) : 1433,
    database,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    encrypt: truthy(q('encrypt'), true),
    trustServerCertificate: truthy(q('trustServerCertificate') ?? q('TrustServerCertificate'), false),
  };
}

function parseAdoString(raw: string): MssqlTarget {
  const parts = new Map<string, string>();
  for (const piece of raw.split(';')) {
    const i = piece.indexOf('=');
    if (i > 0) parts.set(piece.slice(0, i).trim().toLowerCase(), piece.slice(i + 1).trim());
  }
  const serverRaw = (parts.get('server') ?? parts.get('data source') ?? '').replace(/^tcp:/i, '');
  const [host, portText] = serverRaw.split(',');
  const database = parts.get('database') ?? parts.get('initial catalog') ?? '';
  if (!host || !database) throw new Error('DATABASE_URL ADO: faltan Server o Database');
  return {
    kind: 'mssql',
    server: host.trim(),
    port: portText ? Number(portText) : 1433,
    database,
    user: parts.get('user id') ?? parts.get('uid') ?? parts.get('user') ?? '',
    password: parts.get('password') ?? parts.get('pwd') ?? '',
    encrypt: truthy(parts.get('encrypt'), true),
    trustServerCertificate: truthy(parts.get('trustservercertificate'), false),
  };
}

/** The seed manual's separate variables (§5.3), for an external SQL Server or the compose `db` service. */
export interface VariablesDeBase {
  DATABASE_URL?: string;
  DB_HOST?: string;
  DB_PORT?: number;
  DB_NAME?: string;
  DB_USER?: string;
  DB_PASSWORD?: string;
  DB_ENCRYPT?: boolean;
  DB_TRUST_SERVER_CERTIFICATE?: boolean;
}

/**
 * DATABASE_URL when given (it says everything in one place); otherwise DB_HOST and its companions name a SQL Server;
 * with neither, the embedded database. A half-given DB_* set is refused by name rather than guessed.
 */
export function databaseFromEnv(v: VariablesDeBase): DatabaseTarget {
  if (v.DATABASE_URL?.trim() || !v.DB_HOST?.trim()) return parseDatabaseUrl(v.DATABASE_URL);
  const faltan = (['DB_NAME', 'DB_USER', 'DB_PASSWORD'] as const).filter((k) => !v[k]?.trim());
  if (faltan.length) throw new Error(`Con DB_HOST definida faltan ${faltan.join(', ')} (o defina DATABASE_URL)`);
  return {
    kind: 'mssql',
    server: v.DB_HOST.trim(),
    port: v.DB_PORT ?? 1433,
    database: v.DB_NAME!.trim(),
    user: v.DB_USER!.trim(),
    password: v.DB_PASSWORD!,
    encrypt: v.DB_ENCRYPT ?? true,
    trustServerCertificate: v.DB_TRUST_SERVER_CERTIFICATE ?? false,
  };
}

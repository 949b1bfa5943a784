/**
 * T-SQL text of every SQL Server operation of the ops CLI (seed manual §9), built by pure functions so tests assert on
 * the exact commands without a server. Identifiers are bracket-quoted and literals N'…'-quoted here, in one place:
 * BACKUP/RESTORE/DBCC take no parameters for database names or paths.
 */

export function quoteIdent(name: string): string {
  if (!name || name.length > 128) throw new Error(`Nombre de objeto SQL inválido: "${name}"`);
  return `[${name.replace(/]/g, ']]')}]`;
}

export function quoteString(value: string): string {
  return `N'${value.replace(/'/g, "''")}'`;
}

function enteroPositivo(valor: number, que: string): number {
  if (!Number.isInteger(valor) || valor < 1) throw new Error(`${que} debe ser un entero positivo (recibido: ${valor})`);
  return valor;
}

/** Creates the application database on first deployment (the SQL Server image starts with master only). */
export function ensureDatabaseSql(database: string): string {
  return `IF DB_ID(${quoteString(database)}) IS NULL CREATE DATABASE ${quoteIdent(database)};`;
}

/** Full backup with page checksums; COPY_ONLY keeps it out of any log-backup chain the DBA already runs. */
export function backupDatabaseSql(database: string, file: string, options: { compression: boolean }): string {
  const opciones = [
    'COPY_ONLY',
    'CHECKSUM',
    ...(options.compression ? ['COMPRESSION'] : []),
    'INIT',
    'FORMAT',
    'STATS = 10',
  ];
  return `BACKUP DATABASE ${quoteIdent(database)} TO DISK = ${quoteString(file)} WITH ${opciones.join(', ')};`;
}

export function restoreVerifySql(file: string): string {
  return `RESTORE VERIFYONLY FROM DISK = ${quoteString(file)} WITH CHECKSUM;`;
}

/**
 * Restore over the live database, run from master: verify the file, take the database to SINGLE_USER (disconnecting
 * the API) and always back to MULTI_USER, even when the restore fails.
 */
export function restoreDatabaseSql(database: string, file: string): string[] {
  const db = quoteIdent(database);
  return [
    restoreVerifySql(file),
    `IF DB_ID(${quoteString(database)}) IS NOT NULL ALTER DATABASE ${db} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;`,
    [
      'BEGIN TRY',
      `  RESTORE DATABASE ${db} FROM DISK = ${quoteString(file)} WITH REPLACE, CHECKSUM, RECOVERY, STATS = 10;`,
      `  ALTER DATABASE ${db} SET MULTI_USER;`,
      'END TRY',
      'BEGIN CATCH',
      `  IF DB_ID(${quoteString(database)}) IS NOT NULL ALTER DATABASE ${db} SET MULTI_USER;`,
      '  THROW;',
      'END CATCH;',
    ].join('\n'),
  ];
}

export function checkDbSql(database: string): string {
  return `DBCC CHECKDB (${quoteIdent(database)}) WITH NO_INFOMSGS, ALL_ERRORMSGS;`;
}

export function updateStatsSql(): string {
  return 'EXEC sp_updatestats;';
}

/** Fragmentation of every index worth maintaining (LIMITED scan: cheap enough for a weekly run). */
export function fragmentationQuerySql(minPages: number): string {
  return [
    'SELECT s.name AS esquema, t.name AS tabla, i.name AS indice,',
    '       ips.avg_fragmentation_in_percent AS fragmentacion, ips.page_count AS paginas',
    "FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, 'LIMITED') AS ips",
    'JOIN sys.indexes AS i ON i.object_id = ips.object_id AND i.index_id = ips.index_id',
    'JOIN sys.tables AS t ON t.object_id = i.object_id',
    'JOIN sys.schemas AS s ON s.schema_id = t.schema_id',
    `WHERE i.name IS NOT NULL AND t.is_ms_shipped = 0 AND ips.page_count >= ${enteroPositivo(minPages, 'minPages')}`,
    '  AND ips.avg_fragmentation_in_percent >= 5',
    'ORDER BY ips.avg_fragmentation_in_percent DESC;',
  ].join('\n');
}

export interface IndexFragmentation {
  esquema: string;
  tabla: string;
  indice: string;
  fragmentacion: number;
}

export type IndexAction = 'REORGANIZE' | 'REBUILD';

/** Microsoft's guidance, as in the seed's weekly script: reorganize 5–30 %, rebuild above 30 %, leave the rest. */
export function indexAction(fragmentacion: number): IndexAction | undefined {
  if (fragmentacion > 30) return 'REBUILD';
  if (fragmentacion >= 5) return 'REORGANIZE';
  return undefined;
}

export function indexMaintenanceSql(indices: IndexFragmentation[]): string[] {
  return indices.flatMap((ix) => {
    const accion = indexAction(ix.fragmentacion);
    if (!accion) return [];
    const tabla = `${quoteIdent(ix.esquema)}.${quoteIdent(ix.tabla)}`;
    return [`ALTER INDEX ${quoteIdent(ix.indice)} ON ${tabla} ${accion};`];
  });
}

/** Tables with a retention period, and the UTC instant column it is measured on. */
const RETENCIONES = { audit_log: 'fecha', sync_mutaciones: 'created_at' } as const;

/**
 * Deletes rows older than the retention in batches, so a first purge of a year of rows neither blows up the
 * transaction log nor locks the table for minutes. Returns the total deleted as the result set "borradas".
 */
export function purgeSql(tabla: keyof typeof RETENCIONES, olderThanDays: number, batchSize = 5000): string {
  const dias = enteroPositivo(olderThanDays, 'La retención en días');
  const lote = enteroPositivo(batchSize, 'El tamaño de lote');
  return [
    'SET NOCOUNT ON;',
    `DECLARE @limite datetime2 = DATEADD(DAY, -${dias}, SYSUTCDATETIME());`,
    'DECLARE @borradas int = 0, @lote int = 1;',
    'WHILE @lote > 0',
    'BEGIN',
    `  DELETE TOP (${lote}) FROM ${quoteIdent(tabla)} WHERE ${quoteIdent(RETENCIONES[tabla])} < @limite;`,
    '  SET @lote = @@ROWCOUNT;',
    '  SET @borradas = @borradas + @lote;',
    'END;',
    'SELECT @borradas AS borradas;',
  ].join('\n');
}

export const purgeAuditSql = (olderThanDays: number, batchSize?: number) =>
  purgeSql('audit_log', olderThanDays, batchSize);

/** A SQL Server login the migrate step creates: who it is and what it may do. */
export interface LoginDeServicio {
  user: string;
  password: string;
  /** Database roles in the application database. */
  roles: readonly string[];
  /** Server-level permissions (granted from master). */
  permisosServidor?: readonly string[];
}

/**
 * The least-privilege logins of the deployment (docs/operations.md §2): the API reads and writes rows, the migrations
 * also change the schema, the exporter only reads server state. Never sa.
 */
export const PERMISOS = {
  api: { roles: ['db_datareader', 'db_datawriter'] },
  migraciones: { roles: ['db_datareader', 'db_datawriter', 'db_ddladmin'] },
  monitoreo: { roles: [], permisosServidor: ['VIEW SERVER STATE', 'VIEW ANY DEFINITION'] },
} as const;

/**
 * Run in master: creates the login or, when it exists, resets its password to the one in .env (so a changed .env is
 * the single source of truth), with the server's password policy enforced.
 */
export function loginSql(l: LoginDeServicio): string {
  const nombre = quoteIdent(l.user);
  const clave = quoteString(l.password);
  return [
    `IF SUSER_ID(${quoteString(l.user)}) IS NULL`,
    `  CREATE LOGIN ${nombre} WITH PASSWORD = ${clave}, CHECK_POLICY = ON, DEFAULT_DATABASE = [master];`,
    'ELSE',
    `  ALTER LOGIN ${nombre} WITH PASSWORD = ${clave};`,
    ...(l.permisosServidor ?? []).map((p) => `GRANT ${p} TO ${nombre};`),
  ].join('\n');
}

/** Run in the application database: the login's user and its role memberships (ALTER ROLE is idempotent). */
export function usuarioDeBaseSql(l: LoginDeServicio): string {
  const nombre = quoteIdent(l.user);
  return [
    `IF DATABASE_PRINCIPAL_ID(${quoteString(l.user)}) IS NULL CREATE USER ${nombre} FOR LOGIN ${nombre};`,
    ...l.roles.map((r) => `ALTER ROLE ${quoteIdent(r)} ADD MEMBER ${nombre};`),
  ].join('\n');
}

/** Daily check (seed §9.1): user sessions and every blocked request with who blocks it and for how long. */
export function sesionesYBloqueosSql(): string {
  return [
    'SELECT COUNT(*) AS sesiones FROM sys.dm_exec_sessions WHERE is_user_process = 1;',
    'SELECT r.session_id AS sesion, r.blocking_session_id AS bloqueada_por, r.wait_type AS espera,',
    '       r.wait_time / 1000 AS segundos, DB_NAME(r.database_id) AS base, s.login_name AS login,',
    '       s.host_name AS equipo, SUBSTRING(t.text, 1, 200) AS consulta',
    'FROM sys.dm_exec_requests AS r',
    'JOIN sys.dm_exec_sessions AS s ON s.session_id = r.session_id',
    'OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) AS t',
    'WHERE r.blocking_session_id <> 0',
    'ORDER BY r.wait_time DESC;',
  ].join('\n');
}

/** Size report (seed §9.2): data and log files of the current database, and the largest tables by reserved space. */
export function tamanoSql(): string {
  return [
    'SELECT name AS archivo, type_desc AS tipo, CAST(size AS bigint) * 8192 AS bytes,',
    "       CAST(FILEPROPERTY(name, 'SpaceUsed') AS bigint) * 8192 AS usados",
    'FROM sys.database_files ORDER BY type_desc, name;',
    'SELECT TOP (15) s.name AS esquema, t.name AS tabla, SUM(ps.row_count) AS filas,',
    '       SUM(ps.reserved_page_count) * 8192 AS bytes',
    'FROM sys.dm_db_partition_stats AS ps',
    'JOIN sys.tables AS t ON t.object_id = ps.object_id',
    'JOIN sys.schemas AS s ON s.schema_id = t.schema_id',
    'WHERE ps.index_id IN (0, 1)',
    'GROUP BY s.name, t.name',
    'ORDER BY bytes DESC;',
  ].join('\n');
}

/** The number counters of the live database, read before a restore replaces it (ops restore: numbers never reused). */
export const contadoresSql = (): string => 'SELECT nombre, anio, valor FROM dbo.secuencias;';

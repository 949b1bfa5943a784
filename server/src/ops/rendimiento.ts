/**
 * Monthly performance review (seed §9.5.1): the slowest statements by total elapsed time and the indexes SQL Server
 * itself found missing, read from the plan cache and the missing-index DMVs. Read-only; VIEW SERVER STATE (the
 * monitoring login) is all it needs. Both DMVs restart empty with the instance: the report covers the time since the
 * last restart (`desde` in its output). A suggested index is a lead to study, never something to create by hand in
 * production: a new index is a migration (docs/operations.md §8).
 */

/** Statements whose average elapsed time exceeds `minMs`, worst total first; times in milliseconds. */
export function consultasLentasSql(top: number, minMs: number): string {
  return [
    'SELECT sqlserver_start_time AS desde FROM sys.dm_os_sys_info;',
    `SELECT TOP (${Math.trunc(top)})`,
    '       qs.execution_count AS ejecuciones,',
    '       qs.total_elapsed_time / 1000 AS total_ms,',
    '       qs.total_elapsed_time / qs.execution_count / 1000 AS promedio_ms,',
    '       qs.max_elapsed_time / 1000 AS maximo_ms,',
    '       qs.total_logical_reads / qs.execution_count AS lecturas_promedio,',
    '       qs.last_execution_time AS ultima,',
    '       SUBSTRING(st.text, qs.statement_start_offset / 2 + 1,',
    '         (CASE qs.statement_end_offset WHEN -1 THEN DATALENGTH(st.text) ELSE qs.statement_end_offset END',
    '          - qs.statement_start_offset) / 2 + 1) AS consulta',
    'FROM sys.dm_exec_query_stats AS qs',
    'CROSS APPLY sys.dm_exec_sql_text(qs.sql_handle) AS st',
    'WHERE st.dbid = DB_ID()',
    `  AND qs.total_elapsed_time / qs.execution_count >= ${Math.trunc(minMs) * 1000}`,
    'ORDER BY qs.total_elapsed_time DESC;',
  ].join('\n');
}

/**
 * Missing indexes of the current database by estimated benefit (seeks + scans × cost × impact %), with the CREATE INDEX
 * statement they suggest, for a developer to turn into a migration.
 */
export function indicesFaltantesSql(top: number): string {
  return [
    `SELECT TOP (${Math.trunc(top)})`,
    '       d.statement AS tabla,',
    '       d.equality_columns AS igualdad,',
    '       d.inequality_columns AS desigualdad,',
    '       d.included_columns AS incluidas,',
    '       s.user_seeks + s.user_scans AS usos,',
    '       CAST(s.avg_total_user_cost * s.avg_user_impact * (s.user_seeks + s.user_scans) AS decimal(18, 0)) AS beneficio,',
    "       'CREATE INDEX [ix_sugerido_' + CAST(g.index_handle AS varchar(10)) + '] ON ' + d.statement",
    "         + ' (' + ISNULL(d.equality_columns, '')",
    "         + CASE WHEN d.equality_columns IS NOT NULL AND d.inequality_columns IS NOT NULL THEN ', ' ELSE '' END",
    "         + ISNULL(d.inequality_columns, '') + ')'",
    "         + ISNULL(' INCLUDE (' + d.included_columns + ')', '') AS sugerencia",
    'FROM sys.dm_db_missing_index_details AS d',
    'JOIN sys.dm_db_missing_index_groups AS g ON g.index_handle = d.index_handle',
    'JOIN sys.dm_db_missing_index_group_stats AS s ON s.group_handle = g.index_group_handle',
    'WHERE d.database_id = DB_ID()',
    'ORDER BY beneficio DESC;',
  ].join('\n');
}

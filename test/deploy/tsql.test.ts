/**
 * The T-SQL the ops CLI sends to SQL Server (seed manual §9), asserted as text: no SQL Server can run on our machines,
 * so these commands are checked here and were not executed against a live server.
 */
import { describe, expect, it } from 'vitest';
import {
  backupDatabaseSql,
  checkDbSql,
  ensureDatabaseSql,
  fragmentationQuerySql,
  indexAction,
  indexMaintenanceSql,
  loginSql,
  PERMISOS,
  purgeAuditSql,
  purgeSql,
  quoteIdent,
  quoteString,
  restoreDatabaseSql,
  restoreVerifySql,
  sesionesYBloqueosSql,
  tamanoSql,
  updateStatsSql,
  usuarioDeBaseSql,
} from '../../server/src/ops/tsql.js';
import { comoAdministrador, comoMonitoreo, loginsDeServicio } from '../../server/src/ops/logins.js';
import { consultasLentasSql, indicesFaltantesSql } from '../../server/src/ops/rendimiento.js';
import type { MssqlTarget } from '../../server/src/db/url.js';

const DB = 'TramitesMigratorios';
const BAK = '/var/opt/mssql/backup/tramites_20260301_020000.bak';

describe('citado de nombres y literales', () => {
  it('encierra identificadores en corchetes y duplica el corchete de cierre', () => {
    expect(quoteIdent('audit_log')).toBe('[audit_log]');
    expect(quoteIdent('raro]; DROP DATABASE x; --')).toBe('[raro]]; DROP DATABASE x; --]');
    expect(() => quoteIdent('')).toThrow(/inválido/);
  });

  it('escribe literales Unicode y duplica las comillas simples', () => {
    expect(quoteString("C:\\respaldos\\o'brien.bak")).toBe("N'C:\\respaldos\\o''brien.bak'");
  });
});

describe('respaldo y restauración', () => {
  it('respalda con CHECKSUM y COMPRESSION sin romper la cadena de respaldos del DBA', () => {
    expect(backupDatabaseSql(DB, BAK, { compression: true })).toBe(
      `BACKUP DATABASE [TramitesMigratorios] TO DISK = N'${BAK}' WITH COPY_ONLY, CHECKSUM, COMPRESSION, INIT, FORMAT, STATS = 10;`,
    );
  });

  it('omite COMPRESSION cuando la edición no la admite (Express)', () => {
    expect(backupDatabaseSql(DB, BAK, { compression: false })).not.toMatch(/COMPRESSION/);
  });

  it('verifica el archivo con RESTORE VERIFYONLY ... WITH CHECKSUM', () => {
    expect(restoreVerifySql(BAK)).toBe(`RESTORE VERIFYONLY FROM DISK = N'${BAK}' WITH CHECKSUM;`);
  });

  it('restaura verificando primero, en SINGLE_USER y volviendo siempre a MULTI_USER', () => {
    const [verificar, aislar, restaurar] = restoreDatabaseSql(DB, BAK);
    expect(verificar).toBe(restoreVerifySql(BAK));
    expect(aislar).toBe(
      "IF DB_ID(N'TramitesMigratorios') IS NOT NULL ALTER DATABASE [TramitesMigratorios] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;",
    );
    expect(restaurar).toContain(
      `RESTORE DATABASE [TramitesMigratorios] FROM DISK = N'${BAK}' WITH REPLACE, CHECKSUM, RECOVERY, STATS = 10;`,
    );
    // MULTI_USER on success and in the CATCH block, then the original error is re-thrown.
    expect(restaurar!.match(/SET MULTI_USER;/g)).toHaveLength(2);
    expect(restaurar).toMatch(/BEGIN CATCH[\s\S]*THROW;\s*END CATCH;$/);
  });

  it('crea la base solo si no existe', () => {
    expect(ensureDatabaseSql(DB)).toBe(
      "IF DB_ID(N'TramitesMigratorios') IS NULL CREATE DATABASE [TramitesMigratorios];",
    );
  });
});

describe('mantenimiento semanal', () => {
  it('actualiza estadísticas y verifica integridad como el §9.2', () => {
    expect(updateStatsSql()).toBe('EXEC sp_updatestats;');
    expect(checkDbSql(DB)).toBe('DBCC CHECKDB ([TramitesMigratorios]) WITH NO_INFOMSGS, ALL_ERRORMSGS;');
  });

  it('mide la fragmentación con sys.dm_db_index_physical_stats y omite índices diminutos', () => {
    const consulta = fragmentationQuerySql(100);
    expect(consulta).toContain("FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, 'LIMITED') AS ips");
    expect(consulta).toContain('ips.page_count >= 100');
    expect(consulta).toContain('ips.avg_fragmentation_in_percent >= 5');
    expect(consulta).toMatch(/ORDER BY ips\.avg_fragmentation_in_percent DESC;$/);
  });

  it.each([
    [4.99, undefined],
    [5, 'REORGANIZE'],
    [30, 'REORGANIZE'],
    [30.01, 'REBUILD'],
    [97, 'REBUILD'],
  ])('con %s %% de fragmentación la acción es %s', (fragmentacion, accion) => {
    expect(indexAction(fragmentacion)).toBe(accion);
  });

  it('reorganiza entre 5 y 30 %, reconstruye sobre 30 % y deja el resto', () => {
    expect(
      indexMaintenanceSql([
        { esquema: 'dbo', tabla: 'ppsh_solicitud', indice: 'ix_ppsh_estado', fragmentacion: 12.5 },
        { esquema: 'dbo', tabla: 'audit_log', indice: 'ix_audit_fecha', fragmentacion: 64 },
        { esquema: 'dbo', tabla: 'usuarios', indice: 'ix_usuarios_username', fragmentacion: 2 },
      ]),
    ).toEqual([
      'ALTER INDEX [ix_ppsh_estado] ON [dbo].[ppsh_solicitud] REORGANIZE;',
      'ALTER INDEX [ix_audit_fecha] ON [dbo].[audit_log] REBUILD;',
    ]);
  });
});

describe('purga de auditoría', () => {
  it('borra por lotes lo anterior a la retención, en UTC, y devuelve el total', () => {
    const purga = purgeAuditSql(365);
    expect(purga).toContain('DECLARE @limite datetime2 = DATEADD(DAY, -365, SYSUTCDATETIME());');
    expect(purga).toContain('DELETE TOP (5000) FROM [audit_log] WHERE [fecha] < @limite;');
    expect(purga).toMatch(/WHILE @lote > 0/);
    expect(purga).toMatch(/SELECT @borradas AS borradas;$/);
  });

  it('purga los resultados de sincronización viejos por lotes, por su fecha de creación', () => {
    expect(purgeSql('sync_mutaciones', 90)).toContain(
      'DELETE TOP (5000) FROM [sync_mutaciones] WHERE [created_at] < @limite;',
    );
  });

  it('no acepta retenciones que no sean días enteros positivos', () => {
    expect(() => purgeAuditSql(0)).toThrow(/entero positivo/);
    expect(() => purgeAuditSql(1.5)).toThrow(/entero positivo/);
    expect(() => purgeAuditSql(Number.NaN)).toThrow(/entero positivo/);
  });

  it('no usa construcciones ajenas a SQL Server', () => {
    const todo = [purgeAuditSql(30), fragmentationQuerySql(100), ...restoreDatabaseSql(DB, BAK)].join('\n');
    expect(todo).not.toMatch(/\bLIMIT\b|\bRETURNING\b|\bboolean\b|IF NOT EXISTS/i);
  });
});

describe('logins de mínimo privilegio (paso migrate)', () => {
  const env = {
    DB_USER: 'tramites_api',
    DB_PASSWORD: "Api-Cl4ve'2026",
    DB_MIGRATE_PASSWORD: 'Migr-Cl4ve-2026',
    DB_MONITOR_PASSWORD: 'Mon-Cl4ve-2026',
    DB_ADMIN_PASSWORD: 'Sa-Cl4ve-2026',
  };

  it('crea el login si no existe y si existe le pone la contraseña de .env, con la política del servidor', () => {
    const [api] = loginsDeServicio(env);
    expect(loginSql(api!)).toBe(
      [
        "IF SUSER_ID(N'tramites_api') IS NULL",
        "  CREATE LOGIN [tramites_api] WITH PASSWORD = N'Api-Cl4ve''2026', CHECK_POLICY = ON, DEFAULT_DATABASE = [master];",
        'ELSE',
        "  ALTER LOGIN [tramites_api] WITH PASSWORD = N'Api-Cl4ve''2026';",
      ].join('\n'),
    );
  });

  it('la API lee y escribe filas, las migraciones además cambian el esquema, el monitoreo solo ve el estado', () => {
    const porRol = Object.fromEntries(loginsDeServicio(env).map((l) => [l.para, l]));
    expect(usuarioDeBaseSql(porRol.API!)).toBe(
      [
        "IF DATABASE_PRINCIPAL_ID(N'tramites_api') IS NULL CREATE USER [tramites_api] FOR LOGIN [tramites_api];",
        'ALTER ROLE [db_datareader] ADD MEMBER [tramites_api];',
        'ALTER ROLE [db_datawriter] ADD MEMBER [tramites_api];',
      ].join('\n'),
    );
    expect(usuarioDeBaseSql(porRol.migraciones!)).toContain('ALTER ROLE [db_ddladmin] ADD MEMBER [tramites_migrate];');
    expect(loginSql(porRol.monitoreo!)).toMatch(/GRANT VIEW SERVER STATE TO \[tramites_monitor\];/);
    expect(usuarioDeBaseSql(porRol.monitoreo!)).not.toMatch(/ALTER ROLE/);
    // Nobody gets db_owner, sysadmin or CONTROL.
    const todo = Object.values(PERMISOS).flatMap((p) => [
      ...p.roles,
      ...('permisosServidor' in p ? p.permisosServidor : []),
    ]);
    expect(todo.join(' ')).not.toMatch(/owner|sysadmin|CONTROL/i);
  });

  it('rechaza sa como login de servicio y no crea un login sin contraseña', () => {
    expect(() => loginsDeServicio({ ...env, DB_USER: 'sa' })).toThrow(/DB_USER no puede ser sa/);
    expect(loginsDeServicio({ DB_PASSWORD: 'x' }).map((l) => l.para)).toEqual(['API']);
  });

  it('cada comando usa su login: administrador para crear, monitoreo para leer sesiones', () => {
    const t: MssqlTarget = {
      kind: 'mssql',
      server: 'sql.externo.gob.pa',
      port: 1433,
      database: DB,
      user: 'tramites_api',
      password: 'x',
      encrypt: true,
      trustServerCertificate: false,
    };
    expect(comoAdministrador(t, env)).toMatchObject({
      user: 'sa',
      password: 'Sa-Cl4ve-2026',
      server: 'sql.externo.gob.pa',
    });
    expect(comoAdministrador(t, { ...env, DB_ADMIN_USER: 'dba' }).user).toBe('dba');
    expect(() => comoAdministrador(t, {})).toThrow(/DB_ADMIN_PASSWORD/);
    expect(comoMonitoreo(t, env)).toMatchObject({ user: 'tramites_monitor', password: 'Mon-Cl4ve-2026' });
    expect(comoMonitoreo(t, {})).toBe(t);
  });
});

describe('revisión diaria e informes', () => {
  it('lista las sesiones bloqueadas con quién las bloquea, de la más antigua a la más nueva', () => {
    const q = sesionesYBloqueosSql();
    expect(q).toContain('FROM sys.dm_exec_sessions WHERE is_user_process = 1;');
    expect(q).toContain('WHERE r.blocking_session_id <> 0');
    expect(q).toContain('OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) AS t');
    expect(q).toMatch(/ORDER BY r\.wait_time DESC;$/);
  });

  it('informa el tamaño de los archivos y de las tablas mayores', () => {
    const q = tamanoSql();
    expect(q).toContain("FILEPROPERTY(name, 'SpaceUsed')");
    expect(q).toContain('FROM sys.dm_db_partition_stats AS ps');
    expect(q).not.toMatch(/\bLIMIT\b/);
  });
});

describe('revisión mensual de rendimiento (ops informe-rendimiento)', () => {
  it('las consultas más lentas de esta base, por tiempo total, con su promedio y su texto', () => {
    expect(consultasLentasSql(20, 100)).toBe(
      [
        'SELECT sqlserver_start_time AS desde FROM sys.dm_os_sys_info;',
        'SELECT TOP (20)',
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
        // elapsed times in the DMV are microseconds
        '  AND qs.total_elapsed_time / qs.execution_count >= 100000',
        'ORDER BY qs.total_elapsed_time DESC;',
      ].join('\n'),
    );
    expect(consultasLentasSql(5.9, 250.7)).toMatch(/TOP \(5\)[\s\S]*>= 250000\n/);
  });

  it('los índices que SQL Server echa en falta en esta base, por beneficio, con el CREATE INDEX que sugieren', () => {
    const q = indicesFaltantesSql(20);
    expect(q).toContain('FROM sys.dm_db_missing_index_details AS d');
    expect(q).toContain('JOIN sys.dm_db_missing_index_groups AS g ON g.index_handle = d.index_handle');
    expect(q).toContain('JOIN sys.dm_db_missing_index_group_stats AS s ON s.group_handle = g.index_group_handle');
    expect(q).toContain('WHERE d.database_id = DB_ID()');
    expect(q).toContain('CAST(s.avg_total_user_cost * s.avg_user_impact * (s.user_seeks + s.user_scans)');
    expect(q).toMatch(/^SELECT TOP \(20\)/);
    expect(q).toMatch(/ORDER BY beneficio DESC;$/);
    // Read-only: nothing is created, only suggested as text.
    expect(q.replace(/'[^']*'/g, "''")).not.toMatch(/\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b/);
  });
});

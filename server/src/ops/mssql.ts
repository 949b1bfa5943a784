/**
 * SQL Server side of the ops CLI, through the `mssql` package. Every command text comes from tsql.ts; this file only
 * connects, sends it and reports. Not run against a live SQL Server on our machines (none can run here).
 */
import mssql, { type ConnectionPool } from 'mssql';
import { openDatabase } from '../db/connect.js';
import type { MssqlTarget } from '../db/url.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Contador } from '../db/secuencias.js';
import { compactarCambios } from '../modules/sync/cambios.js';
import { forkActual, iniciarEpoca, type MotivoEpoca } from '../modules/sync/epoca.js';
import {
  backupDatabaseSql,
  checkDbSql,
  contadoresSql,
  ensureDatabaseSql,
  fragmentationQuerySql,
  indexMaintenanceSql,
  purgeAuditSql,
  purgeSql,
  restoreDatabaseSql,
  loginSql,
  restoreVerifySql,
  sesionesYBloqueosSql,
  tamanoSql,
  updateStatsSql,
  usuarioDeBaseSql,
  type IndexFragmentation,
  type LoginDeServicio,
} from './tsql.js';
import { resumenEpoca, type Informe } from './informe.js';
import { consultasLentasSql, indicesFaltantesSql } from './rendimiento.js';

/** Indexes under ~100 pages (800 KB) gain nothing from maintenance. */
const MIN_PAGINAS = 100;

async function conectar(t: MssqlTarget, database: string): Promise<ConnectionPool> {
  return new mssql.ConnectionPool({
    server: t.server,
    port: t.port,
    database,
    user: t.user,
    password: t.password,
    // BACKUP, DBCC CHECKDB and REBUILD of a large database take far longer than the 15 s default.
    requestTimeout: 4 * 60 * 60 * 1000,
    connectionTimeout: 30_000,
    pool: { max: 1, min: 0 },
    options: { encrypt: t.encrypt, trustServerCertificate: t.trustServerCertificate },
  }).connect();
}

async function conPool<T>(t: MssqlTarget, database: string, fn: (pool: ConnectionPool) => Promise<T>): Promise<T> {
  const pool = await conectar(t, database);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

const enviar = (pool: ConnectionPool, comando: string) => pool.request().batch(comando);

export function ensureDatabase(t: MssqlTarget, informe: Informe): Promise<void> {
  return conPool(t, 'master', async (pool) => {
    await enviar(pool, ensureDatabaseSql(t.database));
    informe.ok(`Base ${t.database} disponible en ${t.server}`);
  });
}

/** `file` is a path on the SQL Server host (in Docker: /var/opt/mssql/backup/…, the db-backups volume). */
export function backup(t: MssqlTarget, file: string, compression: boolean, informe: Informe): Promise<void> {
  return conPool(t, 'master', async (pool) => {
    await enviar(pool, backupDatabaseSql(t.database, file, { compression }));
    await enviar(pool, restoreVerifySql(file));
    informe.ok(`Respaldo de ${t.database} en ${file} (verificado con CHECKSUM)`);
  });
}

export async function restore(t: MssqlTarget, file: string, informe: Informe, margen?: number): Promise<void> {
  const vistos = await contadoresDe(t);
  await conPool(t, 'master', async (pool) => {
    for (const comando of restoreDatabaseSql(t.database, file)) await enviar(pool, comando);
    informe.ok(`Base ${t.database} restaurada desde ${file}`);
  });
  await nuevaEpoca(t, 'RESTAURADA', informe, margen, vistos);
}

/** The number counters of the database a restore is about to replace (none if it does not exist yet). */
async function contadoresDe(t: MssqlTarget): Promise<Contador[]> {
  try {
    return await conPool(
      t,
      t.database,
      async (pool) => (await pool.request().query<Contador>(contadoresSql())).recordset,
    );
  } catch {
    return []; // no such database (a restore onto a new server) or no counters yet: nothing was numbered there
  }
}

/**
 * A new sync epoch and the number counters moved past the margin (sqlite.ts nuevaEpoca says why), recording the
 * restored database's recovery fork so the API's start-up check does not count this restore a second time.
 */
export async function nuevaEpoca(
  t: MssqlTarget,
  motivo: MotivoEpoca,
  informe: Informe,
  margen?: number,
  vistos: Contador[] = [],
): Promise<void> {
  const db = openDatabase(t);
  try {
    await migrateToLatest(db);
    informe.ok(resumenEpoca((await iniciarEpoca(db, motivo, { margen, vistos, fork: await forkActual(db) }))!));
  } finally {
    await db.destroy();
  }
}

export function check(t: MssqlTarget, informe: Informe): Promise<void> {
  return conPool(t, 'master', async (pool) => {
    // With NO_INFOMSGS a clean database returns nothing; any corruption arrives as an error and fails the command.
    await enviar(pool, checkDbSql(t.database));
    informe.ok(`DBCC CHECKDB de ${t.database}: sin errores`);
  });
}

export function purgeAudit(t: MssqlTarget, dias: number, informe: Informe): Promise<void> {
  return conPool(t, t.database, async (pool) => {
    const r = await pool.request().batch<{ borradas: number }>(purgeAuditSql(dias));
    informe.ok(`Auditoría: ${r.recordset[0]?.borradas ?? 0} entradas de más de ${dias} días eliminadas`);
  });
}

/** Weekly maintenance of the seed's §9.2: statistics, integrity, index maintenance by fragmentation, audit purge. */
export async function maintenance(t: MssqlTarget, dias: number, diasSync: number, informe: Informe): Promise<void> {
  await conPool(t, t.database, async (pool) => {
    await enviar(pool, updateStatsSql());
    informe.ok('Estadísticas actualizadas (sp_updatestats)');
    const { recordset } = await pool.request().query<IndexFragmentation>(fragmentationQuerySql(MIN_PAGINAS));
    const comandos = indexMaintenanceSql(recordset);
    for (const comando of comandos) await enviar(pool, comando);
    informe.ok(`Índices: ${comandos.length} de ${recordset.length} fragmentados reorganizados o reconstruidos`);
  });
  await check(t, informe);
  await purgeAudit(t, dias, informe);
  await conPool(t, t.database, async (pool) => {
    const r = await pool.request().batch<{ borradas: number }>(purgeSql('sync_mutaciones', diasSync));
    informe.ok(`Sincronización: ${r.recordset[0]?.borradas ?? 0} resultados de más de ${diasSync} días eliminados`);
  });
  // Feed compaction is an application query: Kysely compiles it for SQL Server like every other one.
  const db = openDatabase(t);
  try {
    informe.ok(`Sincronización: ${await compactarCambios(db)} cambios huérfanos eliminados`);
  } finally {
    await db.destroy();
  }
}

/** `admin` is the target as the administrator (logins.ts comoAdministrador); each login is created or re-keyed. */
export async function ensureLogins(
  admin: MssqlTarget,
  logins: Array<{ para: string } & LoginDeServicio>,
  informe: Informe,
): Promise<void> {
  await conPool(admin, 'master', async (pool) => {
    for (const l of logins) await enviar(pool, loginSql(l));
  });
  await conPool(admin, admin.database, async (pool) => {
    for (const l of logins) {
      await enviar(pool, usuarioDeBaseSql(l));
      informe.ok(`Login ${l.user} (${l.para}): ${[...l.roles, ...(l.permisosServidor ?? [])].join(', ')}`);
    }
  });
}

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Daily: how many sessions are open and which requests are blocked, by whom; any blocking is a problem (exit 2). */
export function sessions(t: MssqlTarget, informe: Informe): Promise<void> {
  return conPool(t, t.database, async (pool) => {
    const r = await pool.request().batch(sesionesYBloqueosSql());
    const [sesiones, bloqueadas] = r.recordsets as unknown as [
      Array<{ sesiones: number }>,
      Array<{ sesion: number; bloqueada_por: number; segundos: number; login: string; consulta: string }>,
    ];
    informe.ok(`Sesiones de usuario abiertas: ${sesiones[0]?.sesiones ?? 0}`);
    for (const b of bloqueadas)
      informe.problema(
        `Sesión ${b.sesion} (${b.login}) bloqueada por ${b.bloqueada_por} hace ${b.segundos} s: ${b.consulta}`,
      );
    if (!bloqueadas.length) informe.ok('Sin sesiones bloqueadas');
  });
}

/** Size and fragmentation report (read-only: maintenance does the fixing). */
export function report(t: MssqlTarget, informe: Informe): Promise<void> {
  return conPool(t, t.database, async (pool) => {
    const r = await pool.request().batch(tamanoSql());
    const [archivos, tablas] = r.recordsets as unknown as [
      Array<{ archivo: string; tipo: string; bytes: number; usados: number }>,
      Array<{ esquema: string; tabla: string; filas: number; bytes: number }>,
    ];
    for (const a of archivos) informe.ok(`Archivo ${a.archivo} (${a.tipo}): ${MB(a.bytes)}, usados ${MB(a.usados)}`);
    for (const x of tablas) informe.ok(`Tabla ${x.esquema}.${x.tabla}: ${x.filas} filas, ${MB(x.bytes)}`);
    const { recordset } = await pool.request().query<IndexFragmentation>(fragmentationQuerySql(MIN_PAGINAS));
    for (const ix of recordset)
      informe.ok(`Índice ${ix.tabla}.${ix.indice}: ${ix.fragmentacion.toFixed(1)} % de fragmentación`);
    if (!recordset.length) informe.ok('Ningún índice de 100+ páginas con 5 % o más de fragmentación');
  });
}

/**
 * The migrate step's first move: SQL Server (the compose `db` service starting, or an external server) accepts a login.
 * Without `depends_on: db` in compose (an external server has no such service), this is what orders migrate after it.
 */
export async function esperarServidor(t: MssqlTarget, segundos: number, informe: Informe): Promise<void> {
  const limite = Date.now() + segundos * 1000;
  for (let intento = 1; ; intento++) {
    try {
      await conPool(t, 'master', (pool) => pool.request().query('SELECT 1 AS uno'));
      return informe.ok(`SQL Server ${t.server}:${t.port} acepta a ${t.user}`);
    } catch (e) {
      const motivo = e instanceof Error ? e.message : String(e);
      if (Date.now() >= limite)
        throw new Error(`SQL Server ${t.server}:${t.port} no aceptó a ${t.user} en ${segundos} s: ${motivo}`, {
          cause: e,
        });
      if (intento === 1) informe.ok(`Esperando a SQL Server en ${t.server}:${t.port} (${motivo})`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** Monthly performance review: slowest statements and missing indexes (rendimiento.ts); read-only. */
export function informeRendimiento(t: MssqlTarget, minMs: number, informe: Informe): Promise<void> {
  return conPool(t, t.database, async (pool) => {
    const lentas = await pool.request().batch(consultasLentasSql(20, minMs));
    const [[inicio], consultas] = lentas.recordsets as unknown as [
      Array<{ desde: Date }>,
      Array<{ ejecuciones: number; promedio_ms: number; maximo_ms: number; total_ms: number; consulta: string }>,
    ];
    informe.ok(`Estadísticas desde el último arranque de SQL Server: ${inicio?.desde?.toISOString?.() ?? '?'}`);
    informe.ok(`Consultas con promedio de ${minMs} ms o más: ${consultas.length}`);
    for (const c of consultas)
      informe.ok(
        `  ${c.promedio_ms} ms promedio, ${c.maximo_ms} ms máx, ${c.ejecuciones} veces: ${c.consulta.replace(/\s+/g, ' ').slice(0, 200)}`,
      );
    const { recordset: faltantes } = await pool
      .request()
      .query<{ tabla: string; usos: number; beneficio: number; sugerencia: string }>(indicesFaltantesSql(20));
    informe.ok(`Índices que SQL Server echa en falta: ${faltantes.length}`);
    for (const f of faltantes) informe.ok(`  beneficio ${f.beneficio}, ${f.usos} usos: ${f.sugerencia}`);
  });
}

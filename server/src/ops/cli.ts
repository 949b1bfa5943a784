/**
 * Database operations CLI for IT (seed manual §9): `npm run ops -- <comando>` in development, and
 * `node dist/server/src/ops/cli.js <comando>` inside the API container. The engine comes from DATABASE_URL.
 *
 *   backup --out <archivo> [--sin-compresion]   respaldo en caliente (SQL Server: ruta en el servidor de base de datos)
 *   restore --from <archivo> --confirmar        reemplaza la base con el respaldo (detenga la API antes); inicia una
 *           [--margen N]                         época de sincronización nueva y avanza cada contador de números N
 *                                                (10.000 por defecto; docs/operations.md "Restaurar")
 *   new-epoch --confirmar [--margen N]           lo mismo sin restaurar: tras conmutar a una copia de la base o
 *                                                restaurarla a mano (detenga la API antes)
 *   check                                        verificación de integridad (integrity_check / DBCC CHECKDB)
 *   maintenance [--dias N]                       mantenimiento semanal (estadísticas, índices, integridad, auditoría,
 *                                                resultados de sincronización de más de SYNC_RETENTION_DAYS)
 *   purge-audit [--dias N]                       borra audit_log de más de N días (por defecto AUDIT_RETENTION_DAYS)
 *   ensure-database                              crea la base de SQL Server si no existe (servicio migrate, como
 *                                                DB_ADMIN_USER)
 *   ensure-logins                                crea o actualiza los logins de la API, las migraciones y el
 *                                                monitoreo con sus permisos mínimos (servicio migrate)
 *   sessions                                     revisión diaria: sesiones abiertas y bloqueos (sale 2 si hay)
 *   report                                       informe de tamaño (archivos, tablas) y fragmentación de índices
 *   informe-rendimiento [--min-ms N]             revisión mensual: consultas más lentas (promedio ≥ N ms, 100) e
 *                                                índices que SQL Server echa en falta (login de monitoreo)
 *   esperar-base [--segundos N]                  espera a que SQL Server acepte conexiones (primer paso de migrate)
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import type { MssqlTarget } from '../db/url.js';
import { informeConsola, type Informe } from './informe.js';
import { comoAdministrador, comoMonitoreo, loginsDeServicio } from './logins.js';
import * as servidor from './mssql.js';
import * as embebida from './sqlite.js';

const USO =
  'Uso: ops <backup --out ARCHIVO | restore --from ARCHIVO --confirmar [--margen N] | new-epoch --confirmar ' +
  '[--margen N] | check | maintenance [--dias N] | ' +
  'purge-audit [--dias N] | ensure-database | ensure-logins | sessions | report | informe-rendimiento [--min-ms N] | ' +
  'esperar-base [--segundos N]>';

/** An external server whose DBA created the database and the logins by hand needs no administrator password here. */
const SIN_ADMINISTRADOR = 'Sin DB_ADMIN_PASSWORD: la base y los logins los crea el DBA (docs/operations.md §2)';

class ErrorDeUso extends Error {}

/**
 * BACKUP, RESTORE, DBCC CHECKDB and index rebuilds are beyond the API's login: the administrator runs them when its
 * password is at hand (the migrate service's environment, where deploy/scripts run the CLI), else DB_USER must be a
 * login the DBA gave those rights.
 */
const administrador = (t: MssqlTarget) => (process.env.DB_ADMIN_PASSWORD ? comoAdministrador(t) : t);

/** Whoever the migrate step logs in as first: the administrator when given, else the migration login, else DB_USER. */
function quienMigra(t: MssqlTarget): MssqlTarget {
  if (process.env.DB_ADMIN_PASSWORD) return comoAdministrador(t);
  const user = process.env.DB_MIGRATE_USER?.trim();
  const password = process.env.DB_MIGRATE_PASSWORD;
  return user && password ? { ...t, user, password } : t;
}

function requerido(valor: string | undefined, opcion: string): string {
  if (!valor) throw new ErrorDeUso(`Falta ${opcion}. ${USO}`);
  return valor;
}

async function ejecutar(argv: string[], informe: Informe): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      dias: { type: 'string' },
      margen: { type: 'string' },
      'min-ms': { type: 'string' },
      segundos: { type: 'string' },
      confirmar: { type: 'boolean', default: false },
      'sin-compresion': { type: 'boolean', default: false },
    },
  });
  const [comando] = positionals;
  const config = loadConfig();
  const db = config.database;
  const dias = values.dias === undefined ? config.auditRetentionDays : Number(values.dias);
  const margen = values.margen === undefined ? undefined : Number(values.margen);
  if (margen !== undefined && !(Number.isInteger(margen) && margen >= 0))
    throw new ErrorDeUso(`--margen debe ser un entero ≥ 0. ${USO}`);

  switch (comando) {
    case 'backup': {
      const out = requerido(values.out, '--out');
      return db.kind === 'sqlite'
        ? embebida.backup(db.file, out, informe)
        : servidor.backup(administrador(db), out, !values['sin-compresion'], informe);
    }
    case 'restore': {
      const from = requerido(values.from, '--from');
      if (!values.confirmar) throw new ErrorDeUso('restore reemplaza la base de datos actual: agregue --confirmar');
      return db.kind === 'sqlite'
        ? embebida.restore(from, db.file, informe, margen)
        : servidor.restore(administrador(db), from, informe, margen);
    }
    case 'new-epoch':
      if (!values.confirmar)
        throw new ErrorDeUso('new-epoch reinicia la sincronización de todos los escritorios: agregue --confirmar');
      return db.kind === 'sqlite'
        ? embebida.nuevaEpoca(db.file, 'NUEVA', informe, margen)
        : servidor.nuevaEpoca(administrador(db), 'NUEVA', informe, margen);
    case 'check':
      return db.kind === 'sqlite' ? embebida.check(db.file, informe) : servidor.check(administrador(db), informe);
    case 'maintenance':
      return db.kind === 'sqlite'
        ? embebida.maintenance(db.file, dias, config.syncRetentionDays, informe)
        : servidor.maintenance(administrador(db), dias, config.syncRetentionDays, informe);
    case 'purge-audit':
      return db.kind === 'sqlite'
        ? embebida.purgeAudit(db.file, dias, informe)
        : servidor.purgeAudit(db, dias, informe);
    case 'ensure-database':
      // The embedded database is created by the API itself on first start.
      if (db.kind === 'sqlite') return informe.ok('Base embebida: no hay nada que crear');
      if (!process.env.DB_ADMIN_PASSWORD) return informe.ok(SIN_ADMINISTRADOR);
      return servidor.ensureDatabase(comoAdministrador(db), informe);
    case 'ensure-logins':
      if (db.kind === 'sqlite') return informe.ok('Base embebida: no usa logins');
      if (!process.env.DB_ADMIN_PASSWORD) return informe.ok(SIN_ADMINISTRADOR);
      return servidor.ensureLogins(comoAdministrador(db), loginsDeServicio(), informe);
    case 'sessions':
      // SQLite has no sessions to block one another beyond the single writer, which waits rather than blocks forever.
      if (db.kind === 'sqlite') return informe.ok('Base embebida: sin sesiones de servidor que revisar');
      return servidor.sessions(comoMonitoreo(db), informe);
    case 'report':
      return db.kind === 'sqlite' ? embebida.report(db.file, informe) : servidor.report(comoMonitoreo(db), informe);
    case 'informe-rendimiento':
      if (db.kind === 'sqlite')
        return informe.ok('Base embebida: el informe de rendimiento usa las vistas de SQL Server; no aplica');
      return servidor.informeRendimiento(comoMonitoreo(db), Number(values['min-ms'] ?? 100), informe);
    case 'esperar-base':
      if (db.kind === 'sqlite') return informe.ok('Base embebida: no hay servidor que esperar');
      return servidor.esperarServidor(quienMigra(db), Number(values.segundos ?? 180), informe);
    default:
      throw new ErrorDeUso(comando ? `Comando desconocido "${comando}". ${USO}` : USO);
  }
}

const informe = informeConsola();
try {
  await ejecutar(process.argv.slice(2), informe);
  // Integrity problems were already listed one per line; exit 2 tells cron and the scripts "the data needs a human".
  if (informe.problemas > 0) process.exitCode = 2;
} catch (error) {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof ErrorDeUso ? 64 : 1;
}

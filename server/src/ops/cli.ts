/**
 * Database operations CLI for IT (seed manual §9): `npm run ops -- <comando>` in development, and
 * `node dist/server/src/ops/cli.js <comando>` inside the API container. The engine comes from DATABASE_URL.
 *
 *   backup --out <archivo> [--sin-compresion]   respaldo en caliente (SQL Server: ruta en el servidor de base de datos)
 *   restore --from <archivo> --confirmar        reemplaza la base con el respaldo (detenga la API antes)
 *   check                                        verificación de integridad (integrity_check / DBCC CHECKDB)
 *   maintenance [--dias N]                       mantenimiento semanal (estadísticas, índices, integridad, auditoría,
 *                                                resultados de sincronización de más de SYNC_RETENTION_DAYS)
 *   purge-audit [--dias N]                       borra audit_log de más de N días (por defecto AUDIT_RETENTION_DAYS)
 *   ensure-database                              crea la base de SQL Server si no existe (servicio migrate)
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { informeConsola, type Informe } from './informe.js';
import * as servidor from './mssql.js';
import * as embebida from './sqlite.js';

const USO =
  'Uso: ops <backup --out ARCHIVO | restore --from ARCHIVO --confirmar | check | maintenance [--dias N] | ' +
  'purge-audit [--dias N] | ensure-database>';

class ErrorDeUso extends Error {}

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
      confirmar: { type: 'boolean', default: false },
      'sin-compresion': { type: 'boolean', default: false },
    },
  });
  const [comando] = positionals;
  const config = loadConfig();
  const db = config.database;
  const dias = values.dias === undefined ? config.auditRetentionDays : Number(values.dias);

  switch (comando) {
    case 'backup': {
      const out = requerido(values.out, '--out');
      return db.kind === 'sqlite'
        ? embebida.backup(db.file, out, informe)
        : servidor.backup(db, out, !values['sin-compresion'], informe);
    }
    case 'restore': {
      const from = requerido(values.from, '--from');
      if (!values.confirmar) throw new ErrorDeUso('restore reemplaza la base de datos actual: agregue --confirmar');
      return db.kind === 'sqlite' ? embebida.restore(from, db.file, informe) : servidor.restore(db, from, informe);
    }
    case 'check':
      return db.kind === 'sqlite' ? embebida.check(db.file, informe) : servidor.check(db, informe);
    case 'maintenance':
      return db.kind === 'sqlite'
        ? embebida.maintenance(db.file, dias, config.syncRetentionDays, informe)
        : servidor.maintenance(db, dias, config.syncRetentionDays, informe);
    case 'purge-audit':
      return db.kind === 'sqlite'
        ? embebida.purgeAudit(db.file, dias, informe)
        : servidor.purgeAudit(db, dias, informe);
    case 'ensure-database':
      // The embedded database is created by the API itself on first start.
      if (db.kind === 'sqlite') return informe.ok('Base embebida: no hay nada que crear');
      return servidor.ensureDatabase(db, informe);
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

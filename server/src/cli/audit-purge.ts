/** npm run audit:purge [-- --dias N]: deletes audit entries older than N days (default AUDIT_RETENTION_DAYS, 365). */
import { purgeAuditLog } from '../modules/audit/purge.js';
import { argumentos, conBaseDeDatos } from './comun.js';

await conBaseDeDatos(async (db, config) => {
  const dias = Number(argumentos(process.argv.slice(2)).get('dias') ?? config.auditRetentionDays);
  const borradas = await purgeAuditLog(db, dias);
  console.log(`Auditoría: ${borradas} entradas anteriores a ${dias} días eliminadas`);
});

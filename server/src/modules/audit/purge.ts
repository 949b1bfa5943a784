/** Audit retention (seed §9.2: weekly purge of entries older than one year; AUDIT_RETENTION_DAYS). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function purgeAuditLog(db: Kysely<Database>, olderThanDays: number, ahora = new Date()): Promise<number> {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 1) throw new Error('La retención debe ser de al menos 1 día');
  const limite = new Date(ahora.getTime() - olderThanDays * 86_400_000).toISOString();
  const r = await db.deleteFrom('audit_log').where('fecha', '<', limite).executeTakeFirst();
  return Number(r.numDeletedRows);
}

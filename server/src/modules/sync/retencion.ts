/**
 * Retention of stored push outcomes, run by the weekly maintenance (ops CLI; SQL Server purges in batches, ops/tsql.ts).
 * An outcome only matters while a desk may still replay that command, which it does within minutes of a lost answer.
 */
import type { Db } from '../../db/connect.js';

export async function purgarMutaciones(db: Db, dias: number, ahora = new Date()): Promise<number> {
  if (!Number.isInteger(dias) || dias < 1) throw new Error('La retención debe ser de al menos 1 día');
  const limite = new Date(ahora.getTime() - dias * 86_400_000).toISOString();
  const r = await db.deleteFrom('sync_mutaciones').where('created_at', '<', limite).executeTakeFirst();
  return Number(r.numDeletedRows);
}

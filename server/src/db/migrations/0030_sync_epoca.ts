/**
 * The server's epoch (docs/sync.md, "Restore"): ONE row naming the database's history with a random id. Every cursor
 * carries it and every pull and push answers it; a restore from a backup, a failover to a copy or a rebuild starts a new
 * one (modules/sync/epoca.ts), so a desk notices it is talking to another history whatever the sequence numbers say.
 * - anterior: the epoch this one replaced (null for the first), for IT's record.
 * - motivo: why it started (CREADA, RESTAURADA, RESTAURACION_DETECTADA, NUEVA).
 * - recovery_fork: on SQL Server, the database's recovery_fork_guid when the epoch started; the API compares it at start
 *   to notice a RESTORE that did not go through the ops CLI. Null on SQLite (no such thing).
 * A database built from scratch gets its own epoch here; a backup taken before this migration gets a new one when it
 * is restored and migrated, which is what a restore must do anyway.
 */
import { randomBytes } from 'node:crypto';
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('sync_epoca')
    .addColumn('id', c.entero, (col) => col.primaryKey())
    .addColumn('epoca', c.codigo(32), (col) => col.notNull())
    .addColumn('anterior', c.codigo(32))
    .addColumn('desde', c.instante, (col) => col.notNull())
    .addColumn('motivo', c.texto(30), (col) => col.notNull())
    .addColumn('recovery_fork', c.codigo(36))
    .execute();
  // Random in JS, not in SQL: the same statement compiles for both engines, and the value is a parameter.
  await db
    .insertInto('sync_epoca')
    .values({
      id: 1,
      epoca: randomBytes(16).toString('hex'),
      anterior: null,
      desde: new Date().toISOString(),
      motivo: 'CREADA',
      recovery_fork: null,
    })
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropTable('sync_epoca').execute();
}

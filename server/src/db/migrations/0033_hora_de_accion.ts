/**
 * When the officer acted, beside when the server received it (docs/sync.md "When the officer acted"):
 * - sync_mutaciones.hecho_en: the acted time of a desk's command (the desk's clock corrected by its known offset from
 *   the server, within bounds), `hora_ajustada` = 1 when it had to be clamped to them; `created_at` stays the time the
 *   server received it. `caso_id` (and `referencia`, the provisional reference of a case it creates): the case a
 *   command is about, so a command on a case whose registration or start was refused is refused naming that refusal.
 * - audit_log.hecho_en: the acted time of a write made by a desk's command (`fecha` is when it ran).
 * - sync_escritorios: the last time each desk (user and clientId) talked to the sync API; an acted time earlier than
 *   that minus the offline window cannot be true.
 */
import { esMssql } from '../connect.js';
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema.alterTable('sync_mutaciones').addColumn('hecho_en', c.instante).execute();
  await db.schema.alterTable('sync_mutaciones').addColumn('hora_ajustada', c.bit).execute();
  await db.schema.alterTable('sync_mutaciones').addColumn('caso_id', c.id).execute();
  await db.schema.alterTable('sync_mutaciones').addColumn('referencia', c.codigo(30)).execute();
  await db.schema
    .createIndex('ix_sync_mutaciones_caso')
    .on('sync_mutaciones')
    .columns(['caso_id', 'usuario_id'])
    .execute();
  await db.schema.alterTable('audit_log').addColumn('hecho_en', c.instante).execute();
  await db.schema
    .createTable('sync_escritorios')
    .addColumn('usuario_id', c.id, (col) => col.notNull())
    .addColumn('client_id', c.codigo(64), (col) => col.notNull())
    .addColumn('ultimo_contacto', c.instante, (col) => col.notNull())
    .addPrimaryKeyConstraint('pk_sync_escritorios', ['usuario_id', 'client_id'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropTable('sync_escritorios').execute();
  await db.schema.alterTable('audit_log').dropColumn('hecho_en').execute();
  const borrar = db.schema.dropIndex('ix_sync_mutaciones_caso');
  // SQL Server names the table; SQLite refuses the `on`.
  await (esMssql(db) ? borrar.on('sync_mutaciones') : borrar).execute();
  for (const col of ['referencia', 'caso_id', 'hora_ajustada', 'hecho_en'])
    await db.schema.alterTable('sync_mutaciones').dropColumn(col).execute();
}

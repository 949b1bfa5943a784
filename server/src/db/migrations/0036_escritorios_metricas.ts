/**
 * What each desk says of itself with every push, kept on its row of sync_escritorios (one row per user and clientId,
 * migration 0033), the one place the sync metrics and IT's list of desks read: the office of the user who pushed, how
 * many commands its outbox still holds (bounded), and the app version it runs. Rows are per user: a clientId another
 * officer also sends is a row of hers, so nobody moves another user's desk or office figure.
 */
import { esMssql } from '../connect.js';
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema.alterTable('sync_escritorios').addColumn('cod_agencia', c.codigo(2)).execute();
  await db.schema.alterTable('sync_escritorios').addColumn('pendientes', c.entero).execute();
  await db.schema.alterTable('sync_escritorios').addColumn('version_app', c.codigo(40)).execute();
  await db.schema
    .createIndex('ix_sync_escritorios_contacto')
    .on('sync_escritorios')
    .columns(['ultimo_contacto'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  const borrar = db.schema.dropIndex('ix_sync_escritorios_contacto');
  // SQL Server names the table; SQLite refuses the `on`.
  await (esMssql(db) ? borrar.on('sync_escritorios') : borrar).execute();
  for (const col of ['version_app', 'pendientes', 'cod_agencia'])
    await db.schema.alterTable('sync_escritorios').dropColumn(col).execute();
}

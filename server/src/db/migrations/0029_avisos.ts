/**
 * What the officer must hear about her own account (docs/security.md, "Avisos"): a password reset, a block of her
 * username, a login from a desk or address she never used. Shown by the desk until she reads them.
 * origenes_conocidos lists the addresses each officer logged in from: a login from a new one is a notice, and a known
 * one is not held by the account-wide ceiling (her own desk keeps working while others guess her password).
 */
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('avisos_usuario')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('usuario_id', c.id, (col) => col.notNull().references('usuarios.id'))
    .addColumn('tipo', c.codigo(30), (col) => col.notNull())
    .addColumn('mensaje', c.texto(300), (col) => col.notNull())
    .addColumn('origen', c.texto(64))
    .addColumn('created_at', c.instante, (col) => col.notNull())
    .addColumn('leido_en', c.instante)
    .execute();
  await db.schema
    .createIndex('ix_avisos_usuario_pendientes')
    .on('avisos_usuario')
    .columns(['usuario_id', 'leido_en'])
    .execute();
  await db.schema
    .createTable('origenes_conocidos')
    .addColumn('usuario_id', c.id, (col) => col.notNull().references('usuarios.id'))
    .addColumn('origen', c.texto(64), (col) => col.notNull())
    .addColumn('primer_acceso', c.instante, (col) => col.notNull())
    .addColumn('ultimo_acceso', c.instante, (col) => col.notNull())
    .addPrimaryKeyConstraint('pk_origenes_conocidos', ['usuario_id', 'origen'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  for (const t of ['origenes_conocidos', 'avisos_usuario']) await db.schema.dropTable(t).execute();
}

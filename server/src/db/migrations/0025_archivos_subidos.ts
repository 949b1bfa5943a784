/**
 * Who uploaded which bytes through the resumable sync upload. A SHA-256 is not a capability: a desk may attach stored
 * bytes to a case only if its officer uploaded them herself or may already see a document with that hash.
 */
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('archivos_subidos')
    .addColumn('sha256', c.codigo(64), (col) => col.notNull())
    .addColumn('usuario_id', c.id, (col) => col.notNull().references('usuarios.id'))
    .addColumn('created_at', c.instante, (col) => col.notNull())
    .addPrimaryKeyConstraint('pk_archivos_subidos', ['sha256', 'usuario_id'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropTable('archivos_subidos').execute();
}

/** audit_log: every write, who made it, from which office and request, with the row before and after (JSON). */
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('audit_log')
    .addColumn('id', c.id, (col) => col.primaryKey())
    .addColumn('fecha', c.instante, (col) => col.notNull())
    .addColumn('usuario_id', c.id)
    .addColumn('username', c.codigo(50))
    .addColumn('cod_agencia', c.codigo(2))
    .addColumn('accion', c.codigo(40), (col) => col.notNull())
    .addColumn('entidad', c.codigo(60), (col) => col.notNull())
    .addColumn('entidad_id', c.codigo(64))
    .addColumn('antes', c.textoLargo)
    .addColumn('despues', c.textoLargo)
    .addColumn('request_id', c.codigo(100))
    .addColumn('cliente', c.texto(200))
    .execute();
  await db.schema.createIndex('ix_audit_fecha').on('audit_log').column('fecha').execute();
  await db.schema.createIndex('ix_audit_entidad').on('audit_log').columns(['entidad', 'entidad_id']).execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}

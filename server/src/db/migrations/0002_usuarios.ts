/** Users (one office, one role), refresh-token families, and the per-year number sequences. */
import { columnas, conVersion, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await conVersion(
    db,
    db.schema
      .createTable('usuarios')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('username', c.codigo(50), (col) => col.notNull().unique())
      .addColumn('nombre', c.texto(150), (col) => col.notNull())
      .addColumn('email', c.texto(100))
      .addColumn('cedula', c.codigo(20))
      .addColumn('rol', c.codigo(20), (col) => col.notNull().references('roles.cod_rol'))
      .addColumn('cod_agencia', c.codigo(2), (col) => col.notNull().references('agencias.cod_agencia'))
      .addColumn('password_hash', c.codigo(200), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('intentos_fallidos', c.entero, (col) => col.notNull().defaultTo(0))
      .addColumn('bloqueado_hasta', c.instante)
      .addColumn('ultimo_acceso', c.instante)
      .addColumn('created_at', c.instante, (col) => col.notNull()),
  ).execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('jti', c.id, (col) => col.primaryKey())
    .addColumn('familia_id', c.id, (col) => col.notNull())
    .addColumn('usuario_id', c.id, (col) => col.notNull().references('usuarios.id'))
    .addColumn('expira_en', c.instante, (col) => col.notNull())
    .addColumn('revocado_en', c.instante)
    .addColumn('reemplazado_por', c.id)
    .addColumn('created_at', c.instante, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ix_refresh_tokens_familia').on('refresh_tokens').column('familia_id').execute();
  await db.schema.createIndex('ix_refresh_tokens_expira').on('refresh_tokens').column('expira_en').execute();

  await db.schema
    .createTable('secuencias')
    .addColumn('nombre', c.codigo(60), (col) => col.notNull())
    .addColumn('anio', c.entero, (col) => col.notNull())
    .addColumn('valor', c.entero, (col) => col.notNull())
    .addPrimaryKeyConstraint('pk_secuencias', ['nombre', 'anio'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  for (const t of ['secuencias', 'refresh_tokens', 'usuarios']) await db.schema.dropTable(t).execute();
}

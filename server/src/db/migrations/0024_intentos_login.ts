/**
 * Failed logins counted per username, whether or not an account has that name: the lockout then answers the same for
 * a real officer and for a made-up name (usernames cannot be told apart), and one atomic UPDATE per attempt keeps the
 * count right under concurrent attempts. Replaces usuarios.intentos_fallidos / bloqueado_hasta, left unused.
 */
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('intentos_login')
    .addColumn('username', c.texto(50), (col) => col.primaryKey())
    .addColumn('intentos', c.entero, (col) => col.notNull().defaultTo(0))
    .addColumn('bloqueado_hasta', c.instante)
    .addColumn('updated_at', c.instante, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ix_intentos_login_updated').on('intentos_login').column('updated_at').execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropTable('intentos_login').execute();
}

/**
 * Login throttles (docs/security.md, "Inicio de sesión"): one row per key, where a key is a username together with the
 * source address (`o:<usuario>|<dirección>`) or the username alone (`u:<usuario>`, the much higher ceiling against
 * guessing spread over many addresses). A row counts the attempts of its current window (reserved before any password is
 * checked), how many times the key was blocked in a row (each block lasts longer) and until when it is blocked.
 * Replaces intentos_login (0024), which counted per username only: anyone could lock any officer out.
 */
import { columnas, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('limites_login')
    .addColumn('clave', c.texto(200), (col) => col.primaryKey())
    // The username of the key (either kind), so an administrator's reset clears every key of the name at once.
    .addColumn('usuario', c.texto(50), (col) => col.notNull())
    .addColumn('intentos', c.entero, (col) => col.notNull().defaultTo(0))
    .addColumn('bloqueos', c.entero, (col) => col.notNull().defaultTo(0))
    .addColumn('bloqueado_hasta', c.instante)
    .addColumn('ventana_desde', c.instante, (col) => col.notNull())
    .addColumn('updated_at', c.instante, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ix_limites_login_updated').on('limites_login').column('updated_at').execute();
  await db.schema.createIndex('ix_limites_login_usuario').on('limites_login').column('usuario').execute();
  await db.schema.dropTable('intentos_login').execute();
}

export async function down(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('intentos_login')
    .addColumn('username', c.texto(50), (col) => col.primaryKey())
    .addColumn('intentos', c.entero, (col) => col.notNull().defaultTo(0))
    .addColumn('bloqueado_hasta', c.instante)
    .addColumn('updated_at', c.instante, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ix_intentos_login_updated').on('intentos_login').column('updated_at').execute();
  await db.schema.dropTable('limites_login').execute();
}

/**
 * What lets the API serve the caseload from memory (docs/rendimiento-api.md):
 * - revision_acceso: ONE row whose number moves whenever anything an access token's answer depends on changes (a
 *   user's name, role, office or active flag; a session revoked). Database triggers bump it, so every writer counts —
 *   this API in any process, `npm run users` in another, an administrator's SQL — and each request reads it with the
 *   change feed's number in one query: a cached user or page older than either number is not used.
 * - indexes with `activo` and `id`: the capped count and the 50-row page walk an index of the office (and state) in
 *   date order to the page, instead of reading 1,001 table rows to check `activo` and sorting in a temporary B-tree.
 */
import { sql } from 'kysely';
import { esMssql } from '../connect.js';
import { columnas, type DbMigracion } from '../columnas.js';

/** Columns of usuarios that an authenticated request reads (Actor and the active check) or a caseload page shows. */
const COLUMNAS_DE_ACCESO = ['username', 'nombre', 'rol', 'cod_agencia', 'activo'];
const SUBIR = 'update revision_acceso set revision = revision + 1 where id = 1';

const INDICES: { nombre: string; tabla: string; columnas: string[] }[] = [
  {
    nombre: 'ix_solicitudes_bandeja_estado',
    tabla: 'ppsh_solicitudes',
    columnas: ['cod_agencia', 'estado_actual', 'activo', 'fecha_solicitud', 'id'],
  },
  {
    nombre: 'ix_solicitudes_bandeja',
    tabla: 'ppsh_solicitudes',
    columnas: ['cod_agencia', 'activo', 'fecha_solicitud', 'id'],
  },
  {
    nombre: 'ix_instancias_bandeja_estado',
    tabla: 'workflow_instancias',
    columnas: ['cod_agencia', 'estado', 'activo', 'fecha_apertura', 'id'],
  },
  {
    nombre: 'ix_instancias_bandeja',
    tabla: 'workflow_instancias',
    columnas: ['cod_agencia', 'activo', 'fecha_apertura', 'id'],
  },
];

function disparadores(mssql: boolean): string[] {
  if (mssql) {
    const cambiadas = COLUMNAS_DE_ACCESO.map((c) => `update(${c})`).join(' or ');
    return [
      // Statement-level on SQL Server; a delete has no `inserted` rows. NOCOUNT keeps the writer's row count its own.
      `create trigger tr_usuarios_revision_acceso on usuarios after update, delete as begin set nocount on; ` +
        `if ${cambiadas} or not exists (select 1 from inserted) ${SUBIR}; end`,
      `create trigger tr_sesiones_revision_acceso on refresh_tokens after update as begin set nocount on; ` +
        `if update(revocado_en) ${SUBIR}; end`,
    ];
  }
  return [
    `create trigger tr_usuarios_revision_acceso after update of ${COLUMNAS_DE_ACCESO.join(', ')} on usuarios ` +
      `begin ${SUBIR}; end`,
    `create trigger tr_usuarios_baja_revision_acceso after delete on usuarios begin ${SUBIR}; end`,
    `create trigger tr_sesiones_revision_acceso after update of revocado_en on refresh_tokens begin ${SUBIR}; end`,
  ];
}

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('revision_acceso')
    .addColumn('id', c.entero, (col) => col.primaryKey())
    .addColumn('revision', c.grande, (col) => col.notNull())
    .execute();
  await db.insertInto('revision_acceso').values({ id: 1, revision: 0 }).execute();
  for (const d of disparadores(esMssql(db))) await sql.raw(d).execute(db);
  for (const i of INDICES) await db.schema.createIndex(i.nombre).on(i.tabla).columns(i.columnas).execute();
}

export async function down(db: DbMigracion): Promise<void> {
  const mssql = esMssql(db);
  for (const i of INDICES) {
    const borrar = db.schema.dropIndex(i.nombre);
    // SQL Server names the table; SQLite refuses the `on`.
    await (mssql ? borrar.on(i.tabla) : borrar).execute();
  }
  const nombres = mssql
    ? ['tr_usuarios_revision_acceso', 'tr_sesiones_revision_acceso']
    : ['tr_usuarios_revision_acceso', 'tr_usuarios_baja_revision_acceso', 'tr_sesiones_revision_acceso'];
  for (const n of nombres) await sql.raw(`drop trigger ${n}`).execute(db);
  await db.schema.dropTable('revision_acceso').execute();
}

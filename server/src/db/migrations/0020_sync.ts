/**
 * Offline sync (docs/sync.md): the change feed the desktop pulls and the outcomes of the commands it pushes.
 * - sync_contador: ONE row holding the last change number. Every synced write bumps it inside its own transaction, so
 *   the row lock orders the commits: a change number is never visible before a lower one (no identity-gap trap).
 * - sync_cambios: one row per synced row (tabla, fila_id) carrying the number of its latest change; a row changed again
 *   moves forward in the feed, so the feed never holds more rows than the tables it mirrors.
 * - sync_mutaciones: the stored outcome of every pushed command, keyed by its mutationId (replays apply nothing twice).
 * Rows that exist when this migration runs (catalogs, an upgraded caseload) are put in the feed here.
 */
import { sql } from 'kysely';
import { columnas, type DbMigracion } from '../columnas.js';

/** The synced tables as of this migration (a later table is added to the feed by its own migration). */
const TABLAS: { tabla: string; clave: string; agencia: 'global' | 'propia' | 'solicitud' }[] = [
  { tabla: 'agencias', clave: 'cod_agencia', agencia: 'global' },
  { tabla: 'secciones', clave: 'cod_seccion', agencia: 'global' },
  { tabla: 'paises', clave: 'cod_pais', agencia: 'global' },
  { tabla: 'sexos', clave: 'cod_sexo', agencia: 'global' },
  { tabla: 'estados_civiles', clave: 'cod_estado_civil', agencia: 'global' },
  { tabla: 'ppsh_causas_humanitarias', clave: 'cod_causa', agencia: 'global' },
  { tabla: 'ppsh_estados', clave: 'cod_estado', agencia: 'global' },
  { tabla: 'ppsh_tipos_documento', clave: 'cod_tipo_doc', agencia: 'global' },
  { tabla: 'ppsh_conceptos_pago', clave: 'cod_concepto', agencia: 'global' },
  { tabla: 'ppsh_solicitudes', clave: 'id', agencia: 'propia' },
  { tabla: 'ppsh_solicitantes', clave: 'id', agencia: 'solicitud' },
  { tabla: 'ppsh_documentos', clave: 'id', agencia: 'solicitud' },
  { tabla: 'ppsh_estado_historial', clave: 'id', agencia: 'solicitud' },
  { tabla: 'ppsh_entrevistas', clave: 'id', agencia: 'propia' },
  { tabla: 'ppsh_comentarios', clave: 'id', agencia: 'solicitud' },
  { tabla: 'ppsh_pagos', clave: 'id', agencia: 'solicitud' },
];

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('sync_contador')
    .addColumn('id', c.entero, (col) => col.primaryKey())
    .addColumn('seq', c.grande, (col) => col.notNull())
    .addColumn('seq_minimo', c.grande, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sync_cambios')
    .addColumn('seq', c.grande, (col) => col.primaryKey())
    .addColumn('tabla', c.codigo(60), (col) => col.notNull())
    .addColumn('fila_id', c.codigo(64), (col) => col.notNull())
    .addColumn('cod_agencia', c.codigo(2))
    .addColumn('version', c.entero, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('ux_sync_cambios_fila')
    .on('sync_cambios')
    .columns(['tabla', 'fila_id'])
    .unique()
    .execute();
  // An office's pull seeks its own slice plus the global catalogs (cod_agencia null), each in change order.
  await db.schema.createIndex('ix_sync_cambios_agencia').on('sync_cambios').columns(['cod_agencia', 'seq']).execute();

  await db.schema
    .createTable('sync_mutaciones')
    .addColumn('mutation_id', c.id, (col) => col.primaryKey())
    .addColumn('client_id', c.codigo(64), (col) => col.notNull())
    .addColumn('usuario_id', c.id, (col) => col.notNull())
    .addColumn('nombre', c.codigo(60), (col) => col.notNull())
    .addColumn('estado', c.codigo(10), (col) => col.notNull())
    .addColumn('codigo', c.codigo(40))
    .addColumn('mensaje', c.texto(2000))
    .addColumn('resultado', c.textoLargo)
    .addColumn('created_at', c.instante, (col) => col.notNull())
    .execute();

  let seq = 0;
  for (const t of TABLAS) {
    const agencia =
      t.agencia === 'global'
        ? sql`null`
        : t.agencia === 'propia'
          ? sql.ref('t.cod_agencia')
          : sql`(select s.cod_agencia from ppsh_solicitudes s where s.id = t.solicitud_id)`;
    await db
      .insertInto('sync_cambios')
      .columns(['seq', 'tabla', 'fila_id', 'cod_agencia', 'version'])
      .expression(
        db
          .selectFrom(`${t.tabla} as t`)
          .select([
            sql`${sql.lit(seq)} + row_number() over (order by ${sql.ref(`t.${t.clave}`)})`.as('seq'),
            sql.lit(t.tabla).as('tabla'),
            sql`cast(${sql.ref(`t.${t.clave}`)} as varchar(64))`.as('fila_id'),
            agencia.as('cod_agencia'),
            't.version',
          ]),
      )
      .execute();
    const { n } = await db
      .selectFrom(t.tabla)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    seq += Number(n);
  }
  await db.insertInto('sync_contador').values({ id: 1, seq, seq_minimo: 0 }).execute();
}

export async function down(db: DbMigracion): Promise<void> {
  for (const t of ['sync_mutaciones', 'sync_cambios', 'sync_contador']) await db.schema.dropTable(t).execute();
}

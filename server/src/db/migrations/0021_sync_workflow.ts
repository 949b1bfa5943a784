/**
 * Workflow tables join the offline-sync feed (docs/sync.md): templates are global, a case's rows follow its office.
 * Rows that exist now (the seeded templates, cases started before this migration) get their feed entries here, numbered
 * after the current head of the sequence; a case's children take their office from the parent's feed entry.
 */
import { sql } from 'kysely';
import type { DbMigracion } from '../columnas.js';

/** Parents before children, so a child's office can be read from its parent's entry. */
const TABLAS: { tabla: string; oficina: 'global' | 'propia' | { padre: string; fk: string } }[] = [
  { tabla: 'workflows', oficina: 'global' },
  { tabla: 'workflow_etapas', oficina: 'global' },
  { tabla: 'workflow_preguntas', oficina: 'global' },
  { tabla: 'workflow_conexiones', oficina: 'global' },
  { tabla: 'workflow_instancias', oficina: 'propia' },
  { tabla: 'workflow_respuestas_etapa', oficina: { padre: 'workflow_instancias', fk: 'instancia_id' } },
  { tabla: 'workflow_respuestas', oficina: { padre: 'workflow_respuestas_etapa', fk: 'respuesta_etapa_id' } },
  { tabla: 'workflow_historial', oficina: { padre: 'workflow_instancias', fk: 'instancia_id' } },
  { tabla: 'workflow_comentarios', oficina: { padre: 'workflow_instancias', fk: 'instancia_id' } },
];

export async function up(db: DbMigracion): Promise<void> {
  const { seq: cabeza } = await db
    .selectFrom('sync_contador')
    .select('seq')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  let seq = Number(cabeza);
  for (const { tabla, oficina } of TABLAS) {
    const agencia =
      oficina === 'global'
        ? sql`null`
        : oficina === 'propia'
          ? sql.ref('t.cod_agencia')
          : sql`(select p.cod_agencia from sync_cambios p where p.tabla = ${sql.lit(oficina.padre)} and p.fila_id = ${sql.ref(`t.${oficina.fk}`)})`;
    const nuevas = db
      .selectFrom(`${tabla} as t`)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('sync_cambios as c')
              .select('c.seq')
              .where('c.tabla', '=', tabla)
              .whereRef('c.fila_id', '=', 't.id'),
          ),
        ),
      );
    const { n } = await nuevas.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await db
      .insertInto('sync_cambios')
      .columns(['seq', 'tabla', 'fila_id', 'cod_agencia', 'version'])
      .expression(
        nuevas.select([
          sql`${sql.lit(seq)} + row_number() over (order by ${sql.ref('t.id')})`.as('seq'),
          sql.lit(tabla).as('tabla'),
          't.id',
          agencia.as('cod_agencia'),
          't.version',
        ]),
      )
      .execute();
    seq += Number(n);
  }
  await db.updateTable('sync_contador').set({ seq }).where('id', '=', 1).execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db
    .deleteFrom('sync_cambios')
    .where(
      'tabla',
      'in',
      TABLAS.map((t) => t.tabla),
    )
    .execute();
}

/**
 * The caseload's search index (db/busqueda.ts): prefix lookups on terms instead of scanning every case's search text.
 * Existing cases are indexed here, in batches so a large caseload does not need one huge statement.
 */
import { terminosDeBusqueda } from '#shared/texto';
import { columnas, type DbMigracion } from '../columnas.js';

const LOTE = 500;

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  await db.schema
    .createTable('busqueda_terminos')
    .addColumn('termino', c.termino, (col) => col.notNull())
    .addColumn('caso_id', c.id, (col) => col.notNull())
    .addPrimaryKeyConstraint('pk_busqueda_terminos', ['termino', 'caso_id'])
    .execute();
  await db.schema.createIndex('ix_busqueda_terminos_caso').on('busqueda_terminos').column('caso_id').execute();

  for (const tabla of ['ppsh_solicitudes', 'workflow_instancias']) {
    for (let desde = ''; ;) {
      const casos: { id: string; texto_busqueda: string }[] = await db
        .selectFrom(tabla)
        .select(['id', 'texto_busqueda'])
        .where('id', '>', desde)
        .orderBy('id')
        .limit(LOTE)
        .execute();
      if (!casos.length) break;
      const filas = casos.flatMap((k) =>
        terminosDeBusqueda(k.texto_busqueda).map((termino) => ({ termino, caso_id: k.id })),
      );
      for (let i = 0; i < filas.length; i += 1000)
        await db
          .insertInto('busqueda_terminos')
          .values(filas.slice(i, i + 1000))
          .execute();
      desde = casos[casos.length - 1]!.id;
    }
  }
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropTable('busqueda_terminos').execute();
}

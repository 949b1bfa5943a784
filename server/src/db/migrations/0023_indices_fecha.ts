/**
 * ADMIN reads the caseload of every office in date order: without an index on the date alone, a broad search walked
 * the whole table and sorted it (5 s on 100,000 cases) instead of stopping at the page.
 */
import type { DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  await db.schema
    .createIndex('ix_solicitudes_fecha')
    .on('ppsh_solicitudes')
    .columns(['fecha_solicitud', 'id'])
    .execute();
  await db.schema
    .createIndex('ix_instancias_fecha')
    .on('workflow_instancias')
    .columns(['fecha_apertura', 'id'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropIndex('ix_instancias_fecha').execute();
  await db.schema.dropIndex('ix_solicitudes_fecha').execute();
}

/**
 * Indexes for the unified caseload on the PPSH side: the approval queue and the overdue filter read a state's cases
 * by when they entered it (fecha_estado), per office.
 */
import type { DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  await db.schema
    .createIndex('ix_solicitudes_agencia_estado_fecha_estado')
    .on('ppsh_solicitudes')
    .columns(['cod_agencia', 'estado_actual', 'fecha_estado'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  await db.schema.dropIndex('ix_solicitudes_agencia_estado_fecha_estado').on('ppsh_solicitudes').execute();
}

/**
 * A provisional reference is on an applicant's receipt until the case number comes: it must name one case only. Unique
 * (where present) in ppsh_solicitudes and workflow_instancias, as a filtered index on SQL Server and a partial one on
 * SQLite (the same statement). References stored twice before this migration keep the oldest case's; the later ones get
 * a suffix (`-2`, `-3`…), a new version and their change-feed entry moved forward, so desks receive the new value.
 */
import { sql } from 'kysely';
import { esMssql } from '../connect.js';
import type { DbMigracion } from '../columnas.js';

const TABLAS = [
  { tabla: 'ppsh_solicitudes', indice: 'ux_solicitudes_referencia' },
  { tabla: 'workflow_instancias', indice: 'ux_instancias_referencia' },
];

/** `ref-k`, cut to the column's 30 characters. */
const conSufijo = (ref: string, k: number) => `${ref.slice(0, 29 - String(k).length)}-${k}`;

async function renombrarRepetidas(db: DbMigracion, tabla: string): Promise<void> {
  const repetidas = (await db
    .selectFrom(tabla)
    .select('referencia_provisional')
    .where('referencia_provisional', 'is not', null)
    .groupBy('referencia_provisional')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute()) as { referencia_provisional: string }[];
  for (const { referencia_provisional: ref } of repetidas) {
    const filas = (await db
      .selectFrom(tabla)
      .select(['id', 'version'])
      .where('referencia_provisional', '=', ref)
      .orderBy('created_at')
      .orderBy('id')
      .execute()) as { id: string; version: number }[];
    for (const [k, f] of filas.slice(1).entries()) {
      // The next change number, as the writer takes it (docs/sync.md): bump the one counter row, then read it.
      await db
        .updateTable('sync_contador')
        .set({ seq: sql`seq + 1` })
        .where('id', '=', 1)
        .execute();
      const { seq } = (await db
        .selectFrom('sync_contador')
        .select('seq')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()) as { seq: number };
      await db
        .updateTable(tabla)
        .set({ referencia_provisional: conSufijo(ref, k + 2), version: Number(f.version) + 1 })
        .where('id', '=', f.id)
        .execute();
      await db
        .updateTable('sync_cambios')
        .set({ seq: Number(seq), version: Number(f.version) + 1 })
        .where('tabla', '=', tabla)
        .where('fila_id', '=', f.id)
        .execute();
    }
  }
}

export async function up(db: DbMigracion): Promise<void> {
  for (const { tabla, indice } of TABLAS) {
    await renombrarRepetidas(db, tabla);
    await sql
      .raw(
        `create unique index ${indice} on ${tabla} (referencia_provisional) where referencia_provisional is not null`,
      )
      .execute(db);
  }
}

export async function down(db: DbMigracion): Promise<void> {
  for (const { tabla, indice } of TABLAS)
    // SQL Server names the table; SQLite refuses the `on`.
    await sql.raw(`drop index ${indice}${esMssql(db) ? ` on ${tabla}` : ''}`).execute(db);
}

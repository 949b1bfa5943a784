/**
 * The desk's journal (docs/sync.md "Restore"): commands the server confirmed stay here, with the server epoch they were
 * confirmed in and what the server answered, instead of vanishing from the outbox. If the server is later restored to a
 * backup taken before them, the desk sends them again (their mutation ids keep that exactly once) and asks back the
 * case numbers already printed on receipts.
 * - `diario.seq` is the outbox seq the command had: moved back into the outbox under that same seq, it goes out in its
 *   original order, before anything the officer did later.
 * - `outbox.reenvio`: set on a command re-sent from the journal (JSON: the epoch it had been confirmed in and the case
 *   number it had got), so its new answer can be compared and reported.
 */
import type { MigracionLocal } from './migracion.js';

export const migracion: MigracionLocal = {
  nombre: '0007_diario',
  sql: [
    `create table diario (
      seq integer primary key,
      mutation_id text not null unique,
      usuario_id text not null,
      nombre text not null,
      args text not null,
      base_version integer,
      solicitud_id text,
      creado text not null,
      epoca text,
      resultado text,
      aplicado_en text not null
    )`,
    'create index ix_diario_aplicado on diario (aplicado_en)',
    'alter table outbox add column reenvio text',
  ],
};

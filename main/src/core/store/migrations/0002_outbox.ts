/**
 * The outbox of commands waiting for the server (and those it refused, until the officer resolves them), the rows each
 * command touched locally (so pull knows which rows it must not overwrite), and the sync engine's persistent state.
 */
import type { MigracionLocal } from './migracion.js';

export const migracion: MigracionLocal = {
  nombre: '0002_outbox',
  sql: [
    `create table outbox (
      seq integer primary key autoincrement,
      mutation_id text not null unique,
      usuario_id text not null,
      nombre text not null,
      args text not null,
      base_version integer,
      solicitud_id text,
      estado text not null default 'pendiente' check (estado in ('pendiente', 'rechazado', 'conflicto')),
      code text,
      message text,
      fila_servidor text,
      resuelto_en text,
      creado text not null
    )`,
    'create index ix_outbox_estado on outbox (estado, seq)',
    'create index ix_outbox_solicitud on outbox (solicitud_id)',
    `create table outbox_filas (
      seq integer not null references outbox (seq) on delete cascade,
      tabla text not null,
      fila_id text not null,
      primary key (tabla, fila_id, seq)
    ) without rowid`,
    'create index ix_outbox_filas_seq on outbox_filas (seq)',
    'create table sync_state (clave text primary key, valor text) without rowid',
  ],
};

/**
 * The local session (who may unlock this desk offline, until when) and the document cache index: bytes live on disk
 * by SHA-256; `fijado` files (attached offline, not uploaded yet) are never evicted.
 */
import type { MigracionLocal } from './migracion.js';

export const migracion: MigracionLocal = {
  nombre: '0003_sesion_documentos',
  sql: [
    `create table sesion (
      id integer primary key check (id = 1),
      usuario text not null,
      verificador text not null,
      ultimo_online text not null,
      bloqueada_por text
    )`,
    `create table archivos_cache (
      sha256 text primary key,
      tamano integer not null,
      ultimo_uso text not null,
      fijado integer not null default 0
    ) without rowid`,
    'create index ix_archivos_cache_uso on archivos_cache (fijado, ultimo_uso)',
  ],
};

/**
 * Mirror of the server's synced tables. Each row keeps two copies: `datos`, what the officer sees (server row plus
 * local changes not yet accepted), and `servidor`, the last row the server sent (null for a row created here and not
 * yet pulled), so a refused command can roll the row back without a round trip. Query columns are generated from
 * `datos`, so a column the server adds later arrives in the JSON without a client migration.
 */
import type { MigracionLocal } from './migracion.js';

export const espejo = (tabla: string, columnas: string[]) => `
  create table ${tabla} (
    rid integer primary key,
    id text not null unique,
    version integer not null default 0,
    datos text not null,
    servidor text,
    sucio integer not null default 0${columnas.map((c) => `,\n    ${c} generated always as (datos->>'${c.split(' ')[0]}') virtual`).join('')}
  );`;

const HIJOS = [
  'ppsh_solicitantes',
  'ppsh_documentos',
  'ppsh_estado_historial',
  'ppsh_entrevistas',
  'ppsh_comentarios',
  'ppsh_pagos',
];

export const migracion: MigracionLocal = {
  nombre: '0001_espejo',
  sql: [
    espejo('ppsh_solicitudes', [
      'num_expediente',
      'referencia_provisional',
      'estado_actual',
      'prioridad',
      'cod_agencia',
      'fecha_solicitud',
      'user_id_asignado',
      'updated_at',
      'activo',
    ]),
    'create index ix_solicitudes_fecha on ppsh_solicitudes (fecha_solicitud)',
    'create index ix_solicitudes_estado on ppsh_solicitudes (estado_actual, fecha_solicitud)',
    'create index ix_solicitudes_asignado on ppsh_solicitudes (user_id_asignado)',
    'create index ix_solicitudes_numero on ppsh_solicitudes (num_expediente)',
    'create index ix_solicitudes_sucio on ppsh_solicitudes (sucio) where sucio = 1',
    ...HIJOS.flatMap((t) => [
      espejo(t, ['solicitud_id']),
      `create index ix_${t}_solicitud on ${t} (solicitud_id)`,
      `create index ix_${t}_sucio on ${t} (sucio) where sucio = 1`,
    ]),
    // Catalogs and office users: small, read whole; one table keyed by (table, natural key).
    `create table catalogos (
      tabla text not null,
      clave text not null,
      version integer not null default 0,
      datos text not null,
      primary key (tabla, clave)
    ) without rowid`,
    // Search: rowid = ppsh_solicitudes.rid. Words (names accent-insensitive, prefix queries) and trigrams (partial
    // document and case numbers: "4567" finds "PA1234567"). Contentless: the text lives in the mirror already.
    `create virtual table busqueda_palabras using fts5(numeros, nombres, documentos,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3', content = '', contentless_delete = 1)`,
    `create virtual table busqueda_trigramas using fts5(codigos,
      tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1)`,
  ],
};

/**
 * Two things the desk must remember so that no offline edit overwrites anyone silently and no command blocks the outbox:
 *
 * - `base` on every case table: the server version a locally changed row's view is built on (the version the desk had
 *   received before the officer's first pending change to it). Pulls keep moving `version` and `servidor` forward
 *   underneath her pending work; `base` stays, because that is what she saw. Rows already changed on an upgraded desk
 *   take their current server version, the best the desk knows.
 * - `intentos` on the outbox: how many pushes in a row the server answered "retry later" for a command, so after a few
 *   it goes to the officer's list instead of blocking the commands behind it forever.
 */
import type { MigracionLocal } from './migracion.js';

/** The case tables as of this migration (spelled out: a released migration must not change when tablas.ts grows). */
const TABLAS = [
  'ppsh_solicitudes',
  'ppsh_solicitantes',
  'ppsh_documentos',
  'ppsh_estado_historial',
  'ppsh_entrevistas',
  'ppsh_comentarios',
  'ppsh_pagos',
  'workflow_instancias',
  'workflow_respuestas_etapa',
  'workflow_respuestas',
  'workflow_historial',
  'workflow_comentarios',
];

export const migracion: MigracionLocal = {
  nombre: '0005_base_y_reintentos',
  sql: [
    ...TABLAS.flatMap((t) => [
      `alter table ${t} add column base integer`,
      `update ${t} set base = version where sucio = 1 and servidor is not null`,
    ]),
    'alter table outbox add column intentos integer not null default 0',
  ],
};

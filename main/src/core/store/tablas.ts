/** Which server tables the desk mirrors, and how: case tables row by row (with local changes), the rest as catalogs. */
export const TABLAS_EXPEDIENTE = [
  'ppsh_solicitudes',
  'ppsh_solicitantes',
  'ppsh_documentos',
  'ppsh_estado_historial',
  'ppsh_entrevistas',
  'ppsh_comentarios',
  'ppsh_pagos',
] as const;
export type TablaExpediente = (typeof TABLAS_EXPEDIENTE)[number];

const EXPEDIENTE = new Set<string>(TABLAS_EXPEDIENTE);
export const esTablaExpediente = (t: string): t is TablaExpediente => EXPEDIENTE.has(t);

/** A mirrored row: the server's columns as JSON values, plus at least id and version. */
export type FilaEspejo = Record<string, unknown> & { id: string; version: number };

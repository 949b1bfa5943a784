/** Which server tables the desk mirrors, and how: case tables row by row (with local changes), the rest as catalogs. */
export const TABLAS_PPSH = [
  'ppsh_solicitudes',
  'ppsh_solicitantes',
  'ppsh_documentos',
  'ppsh_estado_historial',
  'ppsh_entrevistas',
  'ppsh_comentarios',
  'ppsh_pagos',
] as const;

/** Workflow cases and their children; templates (workflows, etapas, preguntas, conexiones) are catalogs. */
export const TABLAS_WORKFLOW = [
  'workflow_instancias',
  'workflow_respuestas_etapa',
  'workflow_respuestas',
  'workflow_historial',
  'workflow_comentarios',
] as const;

export const TABLAS_EXPEDIENTE = [...TABLAS_PPSH, ...TABLAS_WORKFLOW] as const;
export type TablaExpediente = (typeof TABLAS_EXPEDIENTE)[number];

/** The two tables whose rows are cases (a caseload line each); the others hang from one of them. */
export type TablaCaso = 'ppsh_solicitudes' | 'workflow_instancias';
export const esTablaCaso = (t: string): t is TablaCaso => t === 'ppsh_solicitudes' || t === 'workflow_instancias';

const EXPEDIENTE = new Set<string>(TABLAS_EXPEDIENTE);
export const esTablaExpediente = (t: string): t is TablaExpediente => EXPEDIENTE.has(t);

/** A mirrored row: the server's columns as JSON values, plus at least id and version. */
export type FilaEspejo = Record<string, unknown> & { id: string; version: number };

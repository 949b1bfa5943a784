/**
 * How the server feeds each synced table (shared/src/sync/protocolo.ts lists them): which column decides the office a
 * row belongs to, and whether its key is a number. The change log stores that office with each change, so a pull never
 * joins the domain tables to scope.
 */
import { tienePermiso } from '#shared/roles';
import { COLUMNAS_NO_SINCRONIZADAS, TABLAS_SINCRONIZADAS, type TablaSincronizada } from '#shared/sync/protocolo';
import type { Actor } from '../../contexto.js';

/**
 * global: every user. propia: the row's own cod_agencia. { padre, fk }: the office of the parent row the foreign key
 * `fk` points at, read from the parent's feed entry (a parent is always written, and fed, before its children).
 */
export type Oficina = 'global' | 'propia' | { padre: TablaSincronizada; fk: string };

const deSolicitud = { padre: 'ppsh_solicitudes', fk: 'solicitud_id' } as const;
const deInstancia = { padre: 'workflow_instancias', fk: 'instancia_id' } as const;

const OFICINA: Record<TablaSincronizada, Oficina> = {
  agencias: 'global',
  secciones: 'global',
  paises: 'global',
  sexos: 'global',
  estados_civiles: 'global',
  ppsh_causas_humanitarias: 'global',
  ppsh_estados: 'global',
  ppsh_tipos_documento: 'global',
  ppsh_conceptos_pago: 'global',
  ppsh_solicitudes: 'propia',
  ppsh_solicitantes: deSolicitud,
  ppsh_documentos: deSolicitud,
  ppsh_estado_historial: deSolicitud,
  ppsh_entrevistas: 'propia',
  ppsh_comentarios: deSolicitud,
  ppsh_pagos: deSolicitud,
  workflows: 'global',
  workflow_etapas: 'global',
  workflow_preguntas: 'global',
  workflow_conexiones: 'global',
  workflow_instancias: 'propia',
  workflow_respuestas_etapa: deInstancia,
  workflow_respuestas: { padre: 'workflow_respuestas_etapa', fk: 'respuesta_etapa_id' },
  workflow_historial: deInstancia,
  workflow_comentarios: deInstancia,
};

/** Comments with `es_interno`: users without comentario.ver_internos receive them as deletes. */
const CON_INTERNOS = new Set<TablaSincronizada>(['ppsh_comentarios', 'workflow_comentarios']);

const CLAVE_NUMERICA = new Set<TablaSincronizada>(['ppsh_causas_humanitarias', 'ppsh_tipos_documento']);

export interface DefTabla {
  tabla: TablaSincronizada;
  clave: string;
  oficina: Oficina;
  claveNumerica: boolean;
  conInternos: boolean;
}

export const TABLAS: ReadonlyMap<string, DefTabla> = new Map<string, DefTabla>(
  (Object.keys(TABLAS_SINCRONIZADAS) as TablaSincronizada[]).map((tabla) => [
    tabla,
    {
      tabla,
      clave: TABLAS_SINCRONIZADAS[tabla].clave,
      oficina: OFICINA[tabla],
      claveNumerica: CLAVE_NUMERICA.has(tabla),
      conInternos: CON_INTERNOS.has(tabla),
    },
  ]),
);

/** The row as it travels: server-only columns (COLUMNAS_NO_SINCRONIZADAS) removed. */
export function paraCliente(tabla: TablaSincronizada, fila: Record<string, unknown>): Record<string, unknown> {
  for (const c of COLUMNAS_NO_SINCRONIZADAS[tabla] ?? []) delete fila[c];
  return fila;
}

/** Whether a user sees rows of an office (null: a global catalog row). */
export const oficinaVisible = (actor: Actor, codAgencia: string | null) =>
  codAgencia === null || codAgencia === actor.cod_agencia || tienePermiso(actor.rol, 'todas_las_oficinas');

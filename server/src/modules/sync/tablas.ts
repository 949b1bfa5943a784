/**
 * How the server feeds each synced table (shared/src/sync/protocolo.ts lists them): which column decides the office a
 * row belongs to, and whether its key is a number. The change log stores that office with each change, so a pull never
 * joins the domain tables to scope.
 */
import { tienePermiso } from '../../../../shared/src/roles.js';
import {
  COLUMNAS_NO_SINCRONIZADAS,
  TABLAS_SINCRONIZADAS,
  type TablaSincronizada,
} from '../../../../shared/src/sync/protocolo.js';
import type { Actor } from '../../contexto.js';

/** global: every user; propia: the row's own cod_agencia; solicitud: the cod_agencia of its case (solicitud_id). */
export type Oficina = 'global' | 'propia' | 'solicitud';

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
  ppsh_solicitantes: 'solicitud',
  ppsh_documentos: 'solicitud',
  ppsh_estado_historial: 'solicitud',
  ppsh_entrevistas: 'propia',
  ppsh_comentarios: 'solicitud',
  ppsh_pagos: 'solicitud',
};

const CLAVE_NUMERICA = new Set<TablaSincronizada>(['ppsh_causas_humanitarias', 'ppsh_tipos_documento']);

export interface DefTabla {
  tabla: TablaSincronizada;
  clave: string;
  oficina: Oficina;
  claveNumerica: boolean;
}

export const TABLAS: ReadonlyMap<string, DefTabla> = new Map(
  (Object.keys(TABLAS_SINCRONIZADAS) as TablaSincronizada[]).map((tabla) => [
    tabla,
    {
      tabla,
      clave: TABLAS_SINCRONIZADAS[tabla].clave,
      oficina: OFICINA[tabla],
      claveNumerica: CLAVE_NUMERICA.has(tabla),
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

/**
 * The unified caseload contract (docs/decisiones.md §1): PPSH solicitudes and workflow cases in one list with common
 * columns, the same filters and sort keys for both kinds.
 */
import { z } from 'zod';
import { fechaIso, uuid } from '../ppsh/schemas.js';
import { ESTADOS_PPSH } from '../ppsh/estados.js';
import { paginaDe } from '../pagina.js';
import { ESTADOS_SLA } from './sla.js';

export const TIPOS_CASO = ['PPSH', 'WORKFLOW'] as const;
export type TipoCaso = (typeof TIPOS_CASO)[number];

/** Sort keys; `sla` orders by how long a case has been in its current state, `dias_abierto` by opening date. */
export const ORDENES_CASO = [
  'numero',
  'tipo',
  'titular',
  'documento',
  'estado',
  'prioridad',
  'asignado',
  'agencia',
  'fecha_apertura',
  'dias_abierto',
  'sla',
  'updated_at',
] as const;
export type OrdenCaso = (typeof ORDENES_CASO)[number];

const booleano = z.enum(['true', 'false']).transform((v) => v === 'true');

export const FiltrosCasos = z.strictObject({
  tipo: z.enum(TIPOS_CASO).optional(),
  estado: z
    .string()
    .regex(/^[A-Z_]{2,30}$/, { error: 'Estado inválido' })
    .optional(),
  asignado_a: uuid.optional(),
  mios: booleano.optional(),
  prioridad: z.enum(['BAJA', 'NORMAL', 'ALTA', 'URGENTE']).optional(),
  fecha_desde: fechaIso.optional(),
  fecha_hasta: fechaIso.optional(),
  vencido: booleano.optional(),
  abiertos: booleano.optional(),
  agencia: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  buscar: z.string().trim().max(100).optional(),
  orden: z
    .enum([...ORDENES_CASO, ...ORDENES_CASO.map((o) => `-${o}` as const)] as [string, ...string[]])
    .default('-fecha_apertura'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100, { error: 'page_size máximo 100' }).default(20),
});
export type FiltrosCasos = z.output<typeof FiltrosCasos>;

export const FiltrosCola = FiltrosCasos.pick({ tipo: true, agencia: true, page: true, page_size: true });
export type FiltrosCola = z.output<typeof FiltrosCola>;

/** Response bodies of /casos (docs/contrato-api.md): the same row for both kinds of case, strict. */
export const EstadoCaso = z.strictObject({
  codigo: z.string(),
  nombre: z.string(),
  color: z.string(),
  es_final: z.boolean(),
});
export type EstadoCaso = z.infer<typeof EstadoCaso>;

export const CasoItem = z.strictObject({
  id: uuid,
  tipo: z.enum(TIPOS_CASO),
  numero: z.string(),
  referencia_provisional: z.string().nullable(),
  workflow_codigo: z.string().nullable(),
  titular: z.string(),
  documento: z.string(),
  estado: EstadoCaso,
  etapa: z.string().nullable(),
  prioridad: z.string(),
  asignado: z.strictObject({ id: z.string(), nombre: z.string() }).nullable(),
  agencia: z.string(),
  fecha_apertura: fechaIso,
  dias_abierto: z.number().int(),
  fecha_estado: z.string(),
  sla: z.strictObject({ estado: z.enum(ESTADOS_SLA), regla: z.string(), dias_habiles: z.number().int().nullable() }),
  updated_at: z.string(),
});
export type CasoItem = z.infer<typeof CasoItem>;

export const CasosPagina = paginaDe(CasoItem);

const ESTADOS_INSTANCIA_VISTA: Record<string, Omit<EstadoCaso, 'codigo'>> = {
  INICIADO: { nombre: 'Iniciado', color: '#3498db', es_final: false },
  EN_PROGRESO: { nombre: 'En progreso', color: '#f39c12', es_final: false },
  EN_REVISION: { nombre: 'En revisión', color: '#8e44ad', es_final: false },
  COMPLETADO: { nombre: 'Completado', color: '#27ae60', es_final: true },
  CANCELADO: { nombre: 'Cancelado', color: '#7f8c8d', es_final: true },
};
const ESTADOS_PPSH_VISTA = new Map(ESTADOS_PPSH.map((e) => [e.cod as string, e]));

/** Code, label and colour of a case's state; an open workflow case shows its current stage in the label. */
export function estadoCaso(tipo: TipoCaso, codigo: string, etapa: string | null): EstadoCaso {
  if (tipo === 'PPSH') {
    const e = ESTADOS_PPSH_VISTA.get(codigo);
    return { codigo, nombre: e?.nombre ?? codigo, color: e?.color ?? '#7f8c8d', es_final: e?.final ?? false };
  }
  const e = ESTADOS_INSTANCIA_VISTA[codigo] ?? { nombre: codigo, color: '#7f8c8d', es_final: false };
  return { codigo, ...e, nombre: etapa && !e.es_final ? `${e.nombre} · ${etapa}` : e.nombre };
}

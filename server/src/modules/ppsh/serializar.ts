/**
 * Database rows → API JSON: 0/1 columns become booleans, cents become "800.00", internal search columns stay inside.
 * Each entity also carries the reference's key names (id_solicitud, id_documento…) beside `id` (docs/compatibilidad.md).
 */
import { ESTADOS_PPSH, transicionesDisponibles, type EstadoPpsh } from '#shared/ppsh/estados';
import { diasEntre, fechaPanama } from '#shared/calendario';
import type { Actor } from '../../contexto.js';
import type {
  ComentarioRow,
  DocumentoRow,
  EntrevistaRow,
  HistorialRow,
  PagoRow,
  SolicitanteRow,
  SolicitudRow,
} from '../../db/schema.js';

const ESTADO = new Map(ESTADOS_PPSH.map((e) => [e.cod as string, e]));

/** 0/1 columns as booleans; a nullable column stays nullable (the response schemas say which are). */
type ConBooleanos<T, K extends keyof T> = Omit<T, K> & { [C in K]: null extends T[C] ? boolean | null : boolean };

function booleanos<T extends object, K extends keyof T>(fila: T, campos: K[]): ConBooleanos<T, K> {
  const copia = { ...fila } as Record<string, unknown>;
  for (const c of campos) copia[c as string] = fila[c] === null ? null : Boolean(fila[c]);
  return copia as ConBooleanos<T, K>;
}

export const montoUsd = (centavos: number) => (centavos / 100).toFixed(2);

export function estadoResumen(cod: string) {
  const e = ESTADO.get(cod);
  return { codigo: cod, nombre: e?.nombre ?? cod, color: e?.color ?? '#7f8c8d', es_final: e?.final ?? false };
}

/** `hoy`: Panama's date, computed once by a caller serializing many rows (it costs more than the rest of a row). */
export function itemSolicitud(s: SolicitudRow, hoy = fechaPanama()) {
  // One copy of the row, completed in place (a list page serializes 50 of them per request).
  const { texto_busqueda: _busqueda, activo: _activo, ...item } = s;
  return Object.assign(item, {
    id_solicitud: s.id,
    estado: estadoResumen(s.estado_actual),
    dias_transcurridos: diasEntre(s.fecha_solicitud, hoy),
  });
}

export function itemsSolicitud(filas: SolicitudRow[]) {
  const hoy = fechaPanama();
  return filas.map((s) => itemSolicitud(s, hoy));
}

export function detalleSolicitud(
  s: SolicitudRow,
  solicitantes: SolicitanteRow[],
  documentos: DocumentoRow[],
  actor: Actor,
) {
  return {
    ...itemSolicitud(s),
    solicitantes: solicitantes.map(solicitante),
    documentos: documentos.map(documento),
    transiciones_disponibles: transicionesDisponibles(s.estado_actual as EstadoPpsh, actor.rol),
  };
}

/** The reference's names for a child row's own key and its case's key. */
const clavesLegadas = <K extends string>(nombre: K, fila: { id: string; solicitud_id: string }) =>
  ({ [nombre]: fila.id, id_solicitud: fila.solicitud_id }) as Record<K | 'id_solicitud', string>;

export const solicitante = (p: SolicitanteRow) => ({
  ...booleanos(p, ['es_titular', 'activo']),
  ...clavesLegadas('id_solicitante', p),
});
export const documento = (d: DocumentoRow) => ({
  ...booleanos(d, ['es_obligatorio', 'activo']),
  ...clavesLegadas('id_documento', d),
});
export const historial = (h: HistorialRow) => ({
  ...booleanos(h, ['es_dictamen']),
  ...clavesLegadas('id_historial', h),
  estado: estadoResumen(h.estado_nuevo),
});
export const entrevista = (e: EntrevistaRow) => ({
  ...booleanos(e, ['asistio', 'requiere_segunda_entrevista']),
  ...clavesLegadas('id_entrevista', e),
});
export const comentario = (c: ComentarioRow) => ({
  ...booleanos(c, ['es_interno']),
  ...clavesLegadas('id_comentario', c),
});
export function pago(p: PagoRow) {
  const { monto_centavos, ...resto } = p;
  return { ...resto, ...clavesLegadas('id_pago', p), monto_usd: montoUsd(monto_centavos) };
}

/**
 * The history row of a change to a workflow case, as the server and the desk both write it (the desk's offline row
 * must read as the server's once both sync). The caller adds the row's id, time and author.
 */
export type TipoCambioWf = 'INICIO' | 'TRANSICION' | 'CAMBIO_ESTADO' | 'ASIGNACION';

export interface CambioWf {
  destino?: string | null;
  estado_nuevo?: string;
  descripcion?: string;
  datos?: unknown;
}

/** `i` is the case as it was before the change. */
export function filaHistorial(
  i: { id: string; etapa_actual_id?: unknown; estado?: unknown },
  tipo: TipoCambioWf,
  cambio: CambioWf,
) {
  const inicio = tipo === 'INICIO';
  return {
    instancia_id: i.id,
    tipo_cambio: tipo,
    etapa_origen_id: inicio ? null : (i.etapa_actual_id as string | null),
    etapa_destino_id: cambio.destino ?? null,
    estado_anterior: inicio ? null : (i.estado as string),
    estado_nuevo: cambio.estado_nuevo ?? (i.estado as string),
    descripcion: cambio.descripcion ?? null,
    datos_adicionales: cambio.datos === undefined ? null : JSON.stringify(cambio.datos),
  };
}

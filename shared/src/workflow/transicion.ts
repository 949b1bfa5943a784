/**
 * Moving a workflow case along a connection: the engine's verdict (motor.ts) and what the move changes on the case and
 * writes to its history. The server (server/src/modules/workflow/casos-de-uso/) and the desk offline
 * (main/src/core/comandos/workflow.ts) both apply this one result, so a case moved offline lands where the server
 * puts it.
 */
import { rechazo, type Rechazo } from '../rechazo.js';
import type { Rol } from '../roles.js';
import { evaluarTransicionWf, type EtapaDef, type PlantillaDef, type Valores } from './motor.js';
import type { EstadoInstancia, InstanciaNueva, Respuestas } from './schemas.js';

export interface PedidoMovimiento {
  def: PlantillaDef;
  etapa: EtapaDef;
  rol: Rol;
  /** What conditions see, with the answers sent along already applied. */
  valores: Valores;
  transicion: { etapa_destino_id?: string; etapa_destino?: string; respuestas: Respuestas; comentario?: string };
  /** The moment of the move (UTC ISO). */
  instante: string;
}

export interface Movimiento {
  ok: true;
  destino: EtapaDef;
  /** The case's columns after the move (the caller adds its own updated_by and titular columns). */
  columnas: {
    estado: EstadoInstancia;
    etapa_actual_id: string;
    etapa_actual_codigo: string;
    etapa_actual_nombre: string;
    pendiente_validacion: 0 | 1;
    fecha_etapa: string;
    fecha_fin: string | null;
  };
  /** The TRANSICION history entry. */
  historial: { destino: string; estado_nuevo: EstadoInstancia; descripcion: string; datos: Record<string, unknown> };
}

export function moverInstancia({
  def,
  etapa,
  rol,
  valores,
  transicion: t,
  instante,
}: PedidoMovimiento): Rechazo | Movimiento {
  // A destination named by code is looked up in the template; an unknown code goes on as is for the engine to refuse.
  const destinoId = t.etapa_destino
    ? (def.etapas.find((e) => e.codigo === t.etapa_destino)?.id ?? t.etapa_destino)
    : t.etapa_destino_id;
  const v = evaluarTransicionWf({ def, etapaActualId: etapa.id, rol, valores, enviadas: t.respuestas, destinoId });
  if (!v.ok) return rechazo(v.code, v.mensaje, v.detalles as Record<string, unknown> | undefined);
  const final = v.destino.es_etapa_final;
  const estado: EstadoInstancia = final ? 'COMPLETADO' : 'EN_PROGRESO';
  return {
    ok: true,
    destino: v.destino,
    columnas: {
      estado,
      etapa_actual_id: v.destino.id,
      etapa_actual_codigo: v.destino.codigo,
      etapa_actual_nombre: v.destino.nombre,
      pendiente_validacion: v.destino.requiere_validacion && !final ? 1 : 0,
      fecha_etapa: instante,
      fecha_fin: final ? instante : null,
    },
    historial: {
      destino: v.destino.id,
      estado_nuevo: estado,
      descripcion: v.conexion.nombre ?? `${etapa.codigo} → ${v.destino.codigo}`,
      datos: {
        conexion_id: v.conexion.id,
        etapa_origen: etapa.codigo,
        etapa_destino: v.destino.codigo,
        comentario: t.comentario ?? null,
      },
    },
  };
}

export interface PedidoInicio {
  datos: Omit<InstanciaNueva, 'id' | 'workflow_id' | 'workflow_codigo'>;
  workflow: { id: string; nombre: string };
  inicial: Pick<EtapaDef, 'id' | 'codigo' | 'nombre' | 'requiere_validacion'>;
  actor: { id: string; cod_agencia: string };
  /** The moment the case starts (UTC ISO) and that day in Panama. */
  instante: string;
  hoy: string;
}

/**
 * The columns of a case that starts at its initial stage, the same on the server and on the desk offline; each adds its
 * own id, number (the server's) and bookkeeping columns.
 */
export function instanciaNueva({ datos, workflow, inicial, actor, instante, hoy }: PedidoInicio) {
  return {
    workflow_id: workflow.id,
    referencia_provisional: datos.referencia_provisional ?? null,
    nombre_instancia: datos.nombre_instancia ?? workflow.nombre,
    nombre_titular: datos.nombre_titular ?? '',
    documento_titular: datos.documento_titular ?? '',
    estado: 'INICIADO' as const,
    etapa_actual_id: inicial.id,
    etapa_actual_codigo: inicial.codigo,
    etapa_actual_nombre: inicial.nombre,
    pendiente_validacion: (inicial.requiere_validacion ? 1 : 0) as 0 | 1,
    fecha_etapa: instante,
    cod_agencia: actor.cod_agencia,
    creado_por_user_id: actor.id,
    asignado_a_user_id: datos.asignado_a_user_id ?? null,
    fecha_asignacion: datos.asignado_a_user_id ? instante : null,
    fecha_inicio: instante,
    fecha_apertura: hoy,
    fecha_estimada_fin: datos.fecha_estimada_fin ?? null,
    fecha_fin: null,
    metadata_adicional: datos.metadata_adicional ? JSON.stringify(datos.metadata_adicional) : null,
    prioridad: datos.prioridad,
    activo: 1 as const,
    created_at: instante,
    updated_by: null,
  };
}

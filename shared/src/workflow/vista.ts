/**
 * The part of a workflow case's detail that says where it stands and what the caller may do now: its template, the
 * current stage with the questions `mostrar_si` leaves visible, the answers by stage, and the actions and destinations
 * open to the caller's role. The server's detail (server/src/modules/workflow/serializar.ts) and the desk's
 * (main/src/core/caseload/tramite.ts) both build it here, so an officer sees the same case online and offline.
 */
import type { Rol } from '../roles.js';
import {
  conexionesAbiertas,
  preguntasVisibles,
  puedeResponder,
  puedeTransicionar,
  type PlantillaDef,
} from './motor.js';
import { valorDeFila, valoresDe, type RespuestaGuardada } from './respuestas.js';
import { ESTADOS_INSTANCIA_FINALES, type EstadoInstancia, type ValorRespuesta } from './schemas.js';

export interface VistaInstanciaPedido<V> {
  workflow: { id: string; codigo: string; nombre: string; version_plantilla: V };
  def: PlantillaDef;
  instancia: { estado: string; etapa_actual_id: string | null };
  guardadas: RespuestaGuardada[];
  rol: Rol;
}

export function vistaInstancia<V>({ workflow, def, instancia, guardadas, rol }: VistaInstanciaPedido<V>) {
  const etapa = def.etapas.find((e) => e.id === instancia.etapa_actual_id);
  const valores = valoresDe(guardadas, instancia.etapa_actual_id);
  const codigoEtapa = new Map(def.etapas.map((e) => [e.id, e.codigo]));
  const respuestas: Record<string, Record<string, ValorRespuesta>> = {};
  for (const g of guardadas)
    (respuestas[codigoEtapa.get(g.etapa_id) ?? g.etapa_id] ??= {})[g.codigo] = valorDeFila(g.fila);
  const abierto =
    etapa && !etapa.es_etapa_final && !ESTADOS_INSTANCIA_FINALES.includes(instancia.estado as EstadoInstancia);
  return {
    workflow: {
      id: workflow.id,
      codigo: workflow.codigo,
      nombre: workflow.nombre,
      version_plantilla: workflow.version_plantilla,
    },
    etapa_actual: etapa
      ? {
          id: etapa.id,
          codigo: etapa.codigo,
          nombre: etapa.nombre,
          es_etapa_final: etapa.es_etapa_final,
          requiere_validacion: etapa.requiere_validacion,
          perfiles_permitidos: etapa.perfiles_permitidos,
          preguntas: preguntasVisibles(etapa, valores),
        }
      : null,
    respuestas,
    acciones: {
      puede_responder: Boolean(abierto && puedeResponder(rol, etapa)),
      puede_transicionar: Boolean(abierto && puedeTransicionar(rol, etapa)),
      destinos_posibles: abierto
        ? conexionesAbiertas(def, etapa.id, valores).map((c) => ({
            etapa_id: c.etapa_destino_id,
            // A connection to a stage gone from the template still names where it led.
            etapa: codigoEtapa.get(c.etapa_destino_id) ?? c.etapa_destino_id,
            conexion: c.nombre,
          }))
        : [],
    },
  };
}

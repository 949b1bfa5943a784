/**
 * A workflow case as the officer opens it at the desk, offline too: its current stage with the questions `mostrar_si`
 * leaves visible, its answers, what the officer's role may do now and where the case may go (the shared engine over
 * the mirrored template, as the server's detail does), its history and comments.
 */
import type { DetalleTramite, Fila } from '../../../../shared/src/bridge/tipos.js';
import { fechaPanama } from '../../../../shared/src/calendario.js';
import type { Rol } from '../../../../shared/src/roles.js';
import {
  conexionesAbiertas,
  preguntasVisibles,
  puedeResponder,
  puedeTransicionar,
} from '../../../../shared/src/workflow/motor.js';
import type { ValorRespuesta } from '../../../../shared/src/workflow/schemas.js';
import { ErrorCore } from '../errores.js';
import type { Sqlite } from '../store/abrir.js';
import { valorDeFila, valoresDe } from '../../../../shared/src/workflow/respuestas.js';
import { buscarWorkflow, cargarPlantilla, respuestasDe } from '../workflow/plantilla.js';
import { filaCaso, hijos, resumen } from './consultas.js';

export function detalleTramite(db: Sqlite, id: string, rol: Rol, hoy = fechaPanama()): DetalleTramite {
  const f = filaCaso(db, 'WORKFLOW', id);
  if (!f) throw new ErrorCore('NO_ENCONTRADO', 'El trámite no existe en esta estación');
  const instancia = JSON.parse(f.datos) as Fila;
  const wf = buscarWorkflow(db, { id: String(instancia.workflow_id) });
  if (!wf) throw new ErrorCore('NO_ENCONTRADO', 'La plantilla del trámite no está en esta estación; sincronice');
  const { def } = cargarPlantilla(db, wf);
  const etapa = def.etapas.find((e) => e.id === instancia.etapa_actual_id);
  const guardadas = respuestasDe(db, id, def);
  const valores = valoresDe(guardadas, String(instancia.etapa_actual_id));
  const codigoEtapa = new Map(def.etapas.map((e) => [e.id, e.codigo]));
  const respuestas: Record<string, Record<string, ValorRespuesta>> = {};
  for (const g of guardadas)
    (respuestas[codigoEtapa.get(g.etapa_id) ?? g.etapa_id] ??= {})[g.codigo] = valorDeFila(g.fila);
  const base = resumen('WORKFLOW', f, hoy);
  const abierto = etapa && !etapa.es_etapa_final && !base.estado.es_final;
  const de = (tabla: 'workflow_historial' | 'workflow_comentarios') =>
    hijos(db, tabla, 'instancia_id', id, `datos->>'created_at', id`);
  return {
    ...base,
    instancia,
    workflow: {
      id: wf.id,
      codigo: wf.codigo,
      nombre: wf.nombre,
      version_plantilla: String(wf.version_plantilla ?? ''),
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
            etapa: codigoEtapa.get(c.etapa_destino_id) ?? c.etapa_destino_id,
            conexion: c.nombre,
          }))
        : [],
    },
    historial: de('workflow_historial'),
    comentarios: de('workflow_comentarios'),
    comandos_pendientes: f.pendientes,
  };
}

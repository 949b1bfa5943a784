/**
 * A workflow case as the officer opens it at the desk, offline too: its current stage with the questions `mostrar_si`
 * leaves visible, its answers, what the officer's role may do now and where the case may go (the shared engine over
 * the mirrored template, as the server's detail does), its history and comments.
 */
import type { DetalleTramite, Fila } from '#shared/bridge/tipos';
import { fechaPanama } from '#shared/calendario';
import type { Rol } from '#shared/roles';
import { vistaInstancia } from '#shared/workflow/vista';
import { ErrorCore } from '../error-core.js';
import type { Sqlite } from '../store/abrir.js';
import { buscarWorkflow, cargarPlantilla, respuestasDe } from '../workflow/plantilla.js';
import { filaCaso, hijos, resumen } from './consultas.js';

export function detalleTramite(db: Sqlite, id: string, rol: Rol, hoy = fechaPanama()): DetalleTramite {
  const f = filaCaso(db, 'WORKFLOW', id);
  if (!f) throw new ErrorCore('NO_ENCONTRADO', 'El trámite no existe en esta estación');
  const instancia = JSON.parse(f.datos) as Fila;
  const wf = buscarWorkflow(db, { id: String(instancia.workflow_id) });
  if (!wf) throw new ErrorCore('NO_ENCONTRADO', 'La plantilla del trámite no está en esta estación; sincronice');
  const { def } = cargarPlantilla(db, wf);
  const de = (tabla: 'workflow_historial' | 'workflow_comentarios') =>
    hijos(db, tabla, 'instancia_id', id, `datos->>'created_at', id`);
  const vista = vistaInstancia({
    workflow: { ...wf, version_plantilla: String(wf.version_plantilla ?? '') },
    def,
    instancia: { estado: String(instancia.estado), etapa_actual_id: instancia.etapa_actual_id as string | null },
    guardadas: respuestasDe(db, id, def),
    rol,
  });
  // The form needs the questions mostrar_si hides now too: an answer typed at the desk may reveal them.
  const etapa = def.etapas.find((e) => e.id === instancia.etapa_actual_id);
  return {
    ...resumen('WORKFLOW', f, hoy),
    instancia,
    ...vista,
    etapa_actual: vista.etapa_actual && { ...vista.etapa_actual, preguntas_etapa: etapa?.preguntas ?? [] },
    historial: de('workflow_historial'),
    comentarios: de('workflow_comentarios'),
    comandos_pendientes: f.pendientes,
  };
}

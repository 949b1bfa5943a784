/** Workflow rows → API JSON: 0/1 become booleans, JSON text columns become values, internal columns stay inside. */
import type { Rol } from '#shared/roles';
import type { Condicion } from '#shared/workflow/schemas';
import type {
  WorkflowComentarioRow,
  WorkflowHistorialRow,
  WorkflowInstanciaRow,
  WorkflowPreguntaRow,
  WorkflowRow,
} from '../../db/schema.js';
import { vistaInstancia } from '#shared/workflow/vista';
import { leerJson, type Plantilla, type RespuestaGuardada } from './repo.js';

export function workflow(w: WorkflowRow) {
  return {
    ...w,
    requiere_autenticacion: Boolean(w.requiere_autenticacion),
    es_publico: Boolean(w.es_publico),
    activo: Boolean(w.activo),
    perfiles_creadores: leerJson<string[]>(w.perfiles_creadores) ?? [],
  };
}

export function detalleWorkflow(p: Plantilla) {
  const codigo = new Map(p.def.etapas.map((e) => [e.id, e.codigo]));
  return {
    ...workflow(p.workflow),
    etapas: p.etapas.map((e) => ({
      ...e,
      ...p.def.etapas.find((d) => d.id === e.id)!,
      reglas_transicion: leerJson<Record<string, unknown>>(e.reglas_transicion),
      permite_edicion_posterior: Boolean(e.permite_edicion_posterior),
      activo: true,
    })),
    conexiones: p.def.conexiones.map((c) => ({
      ...c,
      // A saved template's connections join its own active stages (validarPlantilla), so both codes are there.
      etapa_origen: codigo.get(c.etapa_origen_id)!,
      etapa_destino: codigo.get(c.etapa_destino_id)!,
    })),
  };
}

export function itemInstancia(i: WorkflowInstanciaRow) {
  const { texto_busqueda: _b, activo: _a, metadata_adicional, pendiente_validacion, ...resto } = i;
  return {
    ...resto,
    pendiente_validacion: Boolean(pendiente_validacion),
    metadata_adicional: leerJson(metadata_adicional),
  };
}

/** The case with what the caller may do now: the current stage's visible questions and the open destinations. */
export function detalleInstancia(i: WorkflowInstanciaRow, p: Plantilla, guardadas: RespuestaGuardada[], rol: Rol) {
  return { ...itemInstancia(i), ...vistaInstancia({ workflow: p.workflow, def: p.def, instancia: i, guardadas, rol }) };
}

export const historial = (h: WorkflowHistorialRow) => ({ ...h, datos_adicionales: leerJson(h.datos_adicionales) });
export const comentario = (c: WorkflowComentarioRow) => ({
  ...c,
  es_interno: Boolean(c.es_interno),
  es_notificacion: Boolean(c.es_notificacion),
  archivos: leerJson(c.archivos),
});

/** One question with every field the designer edits (the template's detail carries the engine's subset). */
export const pregunta = (p: WorkflowPreguntaRow) => ({
  ...p,
  es_obligatoria: Boolean(p.es_obligatoria),
  permite_multiple: Boolean(p.permite_multiple),
  requiere_ocr: Boolean(p.requiere_ocr),
  activo: Boolean(p.activo),
  opciones: leerJson<string[]>(p.opciones),
  opciones_datos_caso: leerJson<string[]>(p.opciones_datos_caso),
  extensiones_permitidas: leerJson<string[]>(p.extensiones_permitidas),
  mostrar_si: leerJson<Condicion>(p.mostrar_si),
});

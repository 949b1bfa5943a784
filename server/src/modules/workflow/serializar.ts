/** Workflow rows → API JSON: 0/1 become booleans, JSON text columns become values, internal columns stay inside. */
import type { Rol } from '../../../../shared/src/roles.js';
import {
  conexionesAbiertas,
  preguntasVisibles,
  puedeResponder,
  puedeTransicionar,
} from '../../../../shared/src/workflow/motor.js';
import type {
  WorkflowComentarioRow,
  WorkflowHistorialRow,
  WorkflowInstanciaRow,
  WorkflowRow,
} from '../../db/schema.js';
import { valoresDe } from '../../../../shared/src/workflow/respuestas.js';
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
      reglas_transicion: leerJson(e.reglas_transicion),
      permite_edicion_posterior: Boolean(e.permite_edicion_posterior),
      activo: true,
    })),
    conexiones: p.def.conexiones.map((c) => ({
      ...c,
      etapa_origen: codigo.get(c.etapa_origen_id),
      etapa_destino: codigo.get(c.etapa_destino_id),
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
  const etapa = p.def.etapas.find((e) => e.id === i.etapa_actual_id);
  const valores = valoresDe(guardadas, i.etapa_actual_id);
  const porEtapa: Record<string, Record<string, unknown>> = {};
  const codigoEtapa = new Map(p.def.etapas.map((e) => [e.id, e.codigo]));
  for (const g of guardadas) {
    const c = codigoEtapa.get(g.etapa_id) ?? g.etapa_id;
    (porEtapa[c] ??= {})[g.codigo] = valoresDe([g], null)[g.codigo];
  }
  const abierto = etapa && !etapa.es_etapa_final && !['COMPLETADO', 'CANCELADO'].includes(i.estado);
  return {
    ...itemInstancia(i),
    workflow: {
      id: p.workflow.id,
      codigo: p.workflow.codigo,
      nombre: p.workflow.nombre,
      version_plantilla: p.workflow.version_plantilla,
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
    respuestas: porEtapa,
    acciones: {
      puede_responder: Boolean(abierto && puedeResponder(rol, etapa)),
      puede_transicionar: Boolean(abierto && puedeTransicionar(rol, etapa)),
      destinos_posibles: abierto
        ? conexionesAbiertas(p.def, etapa.id, valores).map((c) => ({
            etapa_id: c.etapa_destino_id,
            etapa: codigoEtapa.get(c.etapa_destino_id),
            conexion: c.nombre,
          }))
        : [],
    },
  };
}

export const historial = (h: WorkflowHistorialRow) => ({ ...h, datos_adicionales: leerJson(h.datos_adicionales) });
export const comentario = (c: WorkflowComentarioRow) => ({
  ...c,
  es_interno: Boolean(c.es_interno),
  es_notificacion: Boolean(c.es_notificacion),
  archivos: leerJson(c.archivos),
});

/** Small builders of a template's graph (shared/src/workflow/motor.ts) for the pure workflow tests. */
import type { ConexionDef, EtapaDef, PreguntaDef } from '#shared/workflow/motor';

export const pregunta = (codigo: string, p: Partial<PreguntaDef> = {}): PreguntaDef => ({
  id: `p-${codigo}`,
  codigo,
  pregunta: codigo,
  tipo_pregunta: 'RESPUESTA_TEXTO',
  orden: 0,
  es_obligatoria: false,
  validacion_regex: null,
  mensaje_validacion: null,
  opciones: null,
  permite_multiple: false,
  extensiones_permitidas: null,
  tamano_maximo_mb: null,
  mostrar_si: null,
  ...p,
});
export const etapa = (codigo: string, e: Partial<EtapaDef> = {}): EtapaDef => ({
  id: `e-${codigo}`,
  codigo,
  nombre: `Etapa ${codigo}`,
  perfiles_permitidos: ['RECEPCIONISTA'],
  es_etapa_inicial: false,
  es_etapa_final: false,
  requiere_validacion: false,
  preguntas: [],
  ...e,
});
export const conexion = (desde: string, hacia: string, c: Partial<ConexionDef> = {}): ConexionDef => ({
  id: `c-${desde}-${hacia}`,
  etapa_origen_id: `e-${desde}`,
  etapa_destino_id: `e-${hacia}`,
  nombre: `${desde} a ${hacia}`,
  tipo_conexion: 'SECUENCIAL',
  condicion: null,
  es_predeterminada: false,
  ...c,
});

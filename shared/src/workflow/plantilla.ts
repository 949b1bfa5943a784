/**
 * Template validation on save: a template that could strand a case (no way out, an unreachable stage, a condition on
 * a question that does not exist) is refused with every problem named, before any instance can run on it.
 */
import type { Condicion, ConexionNueva, EtapaNueva, PreguntaNueva } from './schemas.js';
import type { ConexionDef, EtapaDef, PlantillaDef, PreguntaDef } from './motor.js';
import { compilarPatronSeguro } from './regex-seguro.js';

export const preguntaDef = (p: PreguntaNueva, id: string): PreguntaDef => ({
  id,
  codigo: p.codigo,
  pregunta: p.pregunta,
  tipo_pregunta: p.tipo_pregunta,
  orden: p.orden,
  es_obligatoria: p.es_obligatoria,
  validacion_regex: p.validacion_regex ?? null,
  mensaje_validacion: p.mensaje_validacion ?? null,
  opciones: p.opciones ?? null,
  permite_multiple: p.permite_multiple,
  extensiones_permitidas: p.extensiones_permitidas ?? null,
  tamano_maximo_mb: p.tamano_maximo_mb ?? null,
  mostrar_si: p.mostrar_si ?? null,
});

/** A stage as the engine sees it, from its input, with the given id and questions. */
export const etapaDef = (e: Omit<EtapaNueva, 'preguntas'>, id: string, preguntas: PreguntaDef[]): EtapaDef => ({
  id,
  codigo: e.codigo,
  nombre: e.nombre,
  perfiles_permitidos: e.perfiles_permitidos,
  es_etapa_inicial: e.es_etapa_inicial,
  es_etapa_final: e.es_etapa_final,
  requiere_validacion: e.requiere_validacion,
  preguntas,
});

/** A connection as the engine sees it, from its input, with the given id and the ids of the stages it joins. */
export const conexionDef = (c: ConexionNueva, id: string, origen: string, destino: string): ConexionDef => ({
  id,
  etapa_origen_id: origen,
  etapa_destino_id: destino,
  nombre: c.nombre ?? null,
  tipo_conexion: c.tipo_conexion,
  condicion: c.condicion ?? null,
  es_predeterminada: c.es_predeterminada,
});

/** A template as sent (connections by stage code) seen as the engine's graph, with codes standing in for ids. */
export function definicionPorCodigos(etapas: EtapaNueva[], conexiones: ConexionNueva[]): PlantillaDef {
  return {
    etapas: etapas.map((e) =>
      etapaDef(
        e,
        e.codigo,
        e.preguntas.map((p) => preguntaDef(p, `${e.codigo}.${p.codigo}`)),
      ),
    ),
    conexiones: conexiones.map((c, i) => conexionDef(c, String(i), c.etapa_origen, c.etapa_destino)),
  };
}

const duplicados = (xs: string[]) => [...new Set(xs.filter((x, i) => xs.indexOf(x) !== i))];

function problemasDePreguntas(e: EtapaDef, todas: Map<string, PreguntaDef>): string[] {
  const problemas: string[] = [];
  for (const d of duplicados(e.preguntas.map((p) => p.codigo)))
    problemas.push(`La etapa ${e.codigo} repite el código de pregunta ${d}`);
  for (const p of e.preguntas) {
    const donde = `La pregunta ${e.codigo}.${p.codigo}`;
    if ((p.tipo_pregunta === 'LISTA' || p.tipo_pregunta === 'OPCIONES') && !p.opciones?.length)
      problemas.push(`${donde} (${p.tipo_pregunta}) necesita opciones`);
    if ((p.tipo_pregunta === 'RESPUESTA_TEXTO' || p.tipo_pregunta === 'RESPUESTA_LARGA') && p.opciones?.length)
      problemas.push(`${donde} (${p.tipo_pregunta}) no admite opciones`);
    if (p.validacion_regex) {
      const v = compilarPatronSeguro(p.validacion_regex);
      if (!v.ok) problemas.push(`${donde} tiene una validacion_regex rechazada: ${v.motivo}`);
    }
    if (p.mostrar_si) problemas.push(...problemasDeCondicion(`${donde} (mostrar_si)`, p.mostrar_si, todas));
  }
  return problemas;
}

function problemasDeCondicion(donde: string, c: Condicion, preguntas: Map<string, PreguntaDef>): string[] {
  const p = preguntas.get(c.pregunta);
  if (!p) return [`${donde} se refiere a la pregunta inexistente ${c.pregunta}`];
  const valores = (Array.isArray(c.valor) ? c.valor : [c.valor]).map(String);
  const fuera = p.opciones?.length ? valores.filter((v) => !p.opciones!.includes(v)) : [];
  return fuera.length
    ? [`${donde} espera ${fuera.join(', ')} en ${c.pregunta}, que solo admite ${p.opciones!.join(', ')}`]
    : [];
}

/** Stages reachable from `inicio` following the connections. */
function alcanzables(def: PlantillaDef, inicio: string): Set<string> {
  const vistos = new Set([inicio]);
  const pendientes = [inicio];
  while (pendientes.length) {
    const actual = pendientes.pop()!;
    for (const c of def.conexiones)
      if (c.etapa_origen_id === actual && !vistos.has(c.etapa_destino_id)) {
        vistos.add(c.etapa_destino_id);
        pendientes.push(c.etapa_destino_id);
      }
  }
  return vistos;
}

/**
 * Every problem of a template, in Spanish; empty when it may be saved. A draft (`completa: false`, a BORRADOR being
 * built part by part) may still lack its final stage, exits and reachability; everything it has must be right.
 */
export function validarPlantilla(def: PlantillaDef, { completa = true } = {}): string[] {
  const problemas: string[] = [];
  const etapas = new Map(def.etapas.map((e) => [e.id, e]));
  const codigo = (id: string) => etapas.get(id)?.codigo ?? id;
  for (const d of duplicados(def.etapas.map((e) => e.codigo))) problemas.push(`El código de etapa ${d} está repetido`);

  const iniciales = def.etapas.filter((e) => e.es_etapa_inicial);
  if (iniciales.length === 0) problemas.push('La plantilla no tiene etapa inicial (es_etapa_inicial)');
  if (iniciales.length > 1)
    problemas.push(
      `La plantilla tiene ${iniciales.length} etapas iniciales (${iniciales.map((e) => e.codigo).join(', ')}); debe haber exactamente una`,
    );
  if (completa && !def.etapas.some((e) => e.es_etapa_final))
    problemas.push('La plantilla no tiene ninguna etapa final (es_etapa_final)');
  for (const e of def.etapas)
    if (e.es_etapa_inicial && e.es_etapa_final)
      problemas.push(`La etapa ${e.codigo} no puede ser inicial y final a la vez`);

  // A condition may look at any question of the template: the engine resolves it by code over the case's answers.
  const preguntas = new Map(def.etapas.flatMap((e) => e.preguntas.map((p) => [p.codigo, p] as const)));
  for (const e of def.etapas) problemas.push(...problemasDePreguntas(e, preguntas));

  for (const c of def.conexiones) {
    const donde = `La conexión ${codigo(c.etapa_origen_id)} → ${codigo(c.etapa_destino_id)}`;
    for (const extremo of [c.etapa_origen_id, c.etapa_destino_id])
      if (!etapas.has(extremo)) problemas.push(`${donde} usa la etapa inexistente ${extremo}`);
    if (c.etapa_origen_id === c.etapa_destino_id) problemas.push(`${donde} une una etapa consigo misma`);
    if (c.tipo_conexion === 'CONDICIONAL' && !c.condicion)
      problemas.push(`${donde} es CONDICIONAL y no tiene condicion`);
    if (c.condicion) problemas.push(...problemasDeCondicion(donde, c.condicion, preguntas));
  }

  for (const e of def.etapas) {
    const salidas = def.conexiones.filter((c) => c.etapa_origen_id === e.id);
    if (e.es_etapa_final && salidas.length)
      problemas.push(`La etapa final ${e.codigo} no puede tener conexiones de salida`);
    if (completa && !e.es_etapa_final && !salidas.length)
      problemas.push(`La etapa ${e.codigo} no es final y no tiene ninguna salida`);
    if (salidas.filter((c) => c.es_predeterminada).length > 1)
      problemas.push(`La etapa ${e.codigo} tiene más de una conexión predeterminada`);
  }

  if (completa && iniciales.length === 1) {
    const vistos = alcanzables(def, iniciales[0]!.id);
    for (const e of def.etapas)
      if (!vistos.has(e.id))
        problemas.push(`La etapa ${e.codigo} no es alcanzable desde la etapa inicial ${iniciales[0]!.codigo}`);
  }
  return problemas;
}

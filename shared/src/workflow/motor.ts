/**
 * The workflow engine's rules, pure so the desktop evaluates a case offline exactly as the server does (docs/workflow.md
 * lists what the reference stores but never evaluates): conditions on connections with the default edge as fallback,
 * required questions, safe `validacion_regex`, `mostrar_si`, `perfiles_permitidos` and `requiere_validacion`.
 */
import type { Rol } from '../roles.js';
import { fechaIso } from '../ppsh/schemas.js';
import { PERFILES_VALIDADORES, rolTienePerfil, rolValida } from './perfiles.js';
import { cumplePatron } from './regex-seguro.js';
import type { Condicion, Respuestas, TipoPregunta, ValorRespuesta } from './schemas.js';

export interface PreguntaDef {
  id: string;
  codigo: string;
  pregunta: string;
  tipo_pregunta: TipoPregunta;
  orden: number;
  es_obligatoria: boolean;
  validacion_regex: string | null;
  mensaje_validacion: string | null;
  opciones: string[] | null;
  permite_multiple: boolean;
  extensiones_permitidas: string[] | null;
  tamano_maximo_mb: number | null;
  mostrar_si: Condicion | null;
}

export interface EtapaDef {
  id: string;
  codigo: string;
  nombre: string;
  perfiles_permitidos: string[];
  es_etapa_inicial: boolean;
  es_etapa_final: boolean;
  requiere_validacion: boolean;
  preguntas: PreguntaDef[];
}

export interface ConexionDef {
  id: string;
  etapa_origen_id: string;
  etapa_destino_id: string;
  nombre: string | null;
  tipo_conexion: string;
  condicion: Condicion | null;
  es_predeterminada: boolean;
}

/** A template's graph, by ids (the server's rows) or by codes (a template being saved): the engine does not mind. */
export interface PlantillaDef {
  etapas: EtapaDef[];
  conexiones: ConexionDef[];
}

/** The answers a condition can see: question code → value, the current stage's own answers overriding earlier ones. */
export type Valores = Record<string, ValorRespuesta | undefined>;

const vacio = (v: ValorRespuesta | undefined) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

const comoTexto = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

export function cumpleCondicion(c: Condicion, valores: Valores): boolean {
  const v = valores[c.pregunta];
  if (vacio(v)) return false;
  const esperados = (Array.isArray(c.valor) ? c.valor : [c.valor]).map(comoTexto);
  const actuales = (Array.isArray(v) ? v : [v]).map(comoTexto);
  return actuales.some((a) => esperados.includes(a));
}

export const describirCondicion = (c: Condicion) =>
  `${c.pregunta} ${Array.isArray(c.valor) ? `∈ {${c.valor.join(', ')}}` : `= ${String(c.valor)}`}`;

export function preguntasVisibles(etapa: EtapaDef, valores: Valores): PreguntaDef[] {
  return etapa.preguntas.filter((p) => !p.mostrar_si || cumpleCondicion(p.mostrar_si, valores));
}

export type MotivoRespuesta = 'OBLIGATORIA' | 'FORMATO' | 'OPCION_INVALIDA' | 'TIPO' | 'NO_EXISTE' | 'ARCHIVO';
export interface ErrorRespuesta {
  pregunta: string;
  motivo: MotivoRespuesta;
  mensaje: string;
}

const TIPOS_TEXTO: readonly TipoPregunta[] = ['RESPUESTA_TEXTO', 'RESPUESTA_LARGA'];
const TIPOS_OPCION: readonly TipoPregunta[] = ['LISTA', 'OPCIONES'];
const TIPOS_ARCHIVO: readonly TipoPregunta[] = ['DOCUMENTOS', 'CARGA_ARCHIVO'];

function errorDeValor(p: PreguntaDef, v: ValorRespuesta): Omit<ErrorRespuesta, 'pregunta'> | null {
  const tipo = (mensaje: string) => ({ motivo: 'TIPO' as const, mensaje: `${p.codigo}: ${mensaje}` });
  if (TIPOS_TEXTO.includes(p.tipo_pregunta) && typeof v !== 'string') return tipo('se espera un texto');
  if (p.tipo_pregunta === 'SELECCION_FECHA' && (typeof v !== 'string' || !fechaIso.safeParse(v).success))
    return tipo('se espera una fecha AAAA-MM-DD');
  if (TIPOS_OPCION.includes(p.tipo_pregunta)) {
    const elegidas = Array.isArray(v) ? v : [v];
    if (Array.isArray(v) && !p.permite_multiple) return tipo('admite una sola opción');
    const fuera = elegidas.filter((e) => typeof e !== 'string' || !(p.opciones ?? []).includes(e));
    if (fuera.length)
      return {
        motivo: 'OPCION_INVALIDA',
        mensaje: `${p.codigo}: "${fuera.map(comoTexto).join(', ')}" no es una opción (${(p.opciones ?? []).join(', ')})`,
      };
  }
  if (TIPOS_ARCHIVO.includes(p.tipo_pregunta)) {
    if (!Array.isArray(v) || v.some((a) => typeof a !== 'object'))
      return tipo('se esperan archivos [{nombre, sha256}]');
    const archivos = v as { nombre: string; tamano_bytes?: number }[];
    if (p.tipo_pregunta === 'CARGA_ARCHIVO' && archivos.length > 1) return tipo('admite un solo archivo');
    const permitidas = p.extensiones_permitidas;
    const malo = archivos.find(
      (a) =>
        (permitidas?.length && !permitidas.includes(a.nombre.split('.').pop()?.toLowerCase() ?? '')) ||
        (p.tamano_maximo_mb && (a.tamano_bytes ?? 0) > p.tamano_maximo_mb * 1024 * 1024),
    );
    if (malo)
      return {
        motivo: 'ARCHIVO',
        mensaje: `${p.codigo}: "${malo.nombre}" no cumple (extensiones ${permitidas?.join(', ') ?? 'cualquiera'}, máximo ${p.tamano_maximo_mb ?? '-'} MB)`,
      };
  }
  if (p.validacion_regex && typeof v === 'string') {
    const r = cumplePatron(p.validacion_regex, v);
    if (!r.ok)
      return {
        motivo: 'FORMATO',
        mensaje:
          r.motivo === 'DEMASIADO_LARGO'
            ? `${p.codigo}: respuesta demasiado larga para validarla`
            : (p.mensaje_validacion ?? `${p.codigo}: la respuesta no tiene el formato esperado`),
      };
  }
  return null;
}

/**
 * Checks the answers of one stage. `valores` are all the answers the case would have (stored + sent); `enviadas` are
 * the ones in this request. With `completa`, visible required questions must be answered (leaving the stage).
 */
export function validarRespuestas(
  etapa: EtapaDef,
  valores: Valores,
  enviadas: Respuestas,
  completa: boolean,
): ErrorRespuesta[] {
  const errores: ErrorRespuesta[] = [];
  const porCodigo = new Map(etapa.preguntas.map((p) => [p.codigo, p]));
  for (const codigo of Object.keys(enviadas))
    if (!porCodigo.has(codigo))
      errores.push({
        pregunta: codigo,
        motivo: 'NO_EXISTE',
        mensaje: `La etapa ${etapa.codigo} no tiene la pregunta ${codigo}`,
      });
  for (const p of preguntasVisibles(etapa, valores)) {
    const v = valores[p.codigo];
    if (vacio(v)) {
      if (completa && p.es_obligatoria)
        errores.push({
          pregunta: p.codigo,
          motivo: 'OBLIGATORIA',
          mensaje: `Falta responder ${p.codigo}: ${p.pregunta}`,
        });
      continue;
    }
    const e = errorDeValor(p, v as ValorRespuesta);
    if (e) errores.push({ pregunta: p.codigo, ...e });
  }
  return errores;
}

/** Who may fill in a stage: its profiles, plus validators where the stage awaits validation. */
export const puedeResponder = (rol: Rol, etapa: EtapaDef) =>
  rolTienePerfil(rol, etapa.perfiles_permitidos) || (etapa.requiere_validacion && rolValida(rol));

/** Who may move a case out of a stage: a stage that requires validation is closed only by a validator profile. */
export const puedeTransicionar = (rol: Rol, etapa: EtapaDef) =>
  etapa.requiere_validacion ? rolValida(rol) : rolTienePerfil(rol, etapa.perfiles_permitidos);

export function motivoSinPermiso(rol: Rol, etapa: EtapaDef): string {
  return etapa.requiere_validacion
    ? `La etapa ${etapa.codigo} requiere validación de ${PERFILES_VALIDADORES.join(', ')}; su rol (${rol}) no valida`
    : `Su rol (${rol}) no actúa en la etapa ${etapa.codigo} (perfiles: ${etapa.perfiles_permitidos.join(', ')})`;
}

/**
 * The connections a case may follow now: those whose condition holds, the unconditioned ones, and the default
 * (`es_predeterminada`) ones only when no condition holds.
 */
export function conexionesAbiertas(def: PlantillaDef, etapaId: string, valores: Valores): ConexionDef[] {
  const salientes = def.conexiones.filter((c) => c.etapa_origen_id === etapaId);
  const cumplen = salientes.filter((c) => !c.es_predeterminada && c.condicion && cumpleCondicion(c.condicion, valores));
  const libres = salientes.filter((c) => !c.es_predeterminada && !c.condicion);
  return [...cumplen, ...libres, ...(cumplen.length ? [] : salientes.filter((c) => c.es_predeterminada))];
}

export type VeredictoTransicionWf =
  | { ok: true; conexion: ConexionDef; destino: EtapaDef }
  | {
      ok: false;
      code: 'TRANSICION_NO_PERMITIDA' | 'PERMISO_DENEGADO' | 'VALIDACION';
      mensaje: string;
      detalles?: unknown;
    };

export interface PedidoTransicion {
  def: PlantillaDef;
  etapaActualId: string;
  rol: Rol;
  valores: Valores;
  enviadas: Respuestas;
  /** Destination stage id; omitted, the engine takes the only open connection. */
  destinoId?: string;
}

export function evaluarTransicionWf(t: PedidoTransicion): VeredictoTransicionWf {
  const etapa = t.def.etapas.find((e) => e.id === t.etapaActualId);
  if (!etapa)
    return { ok: false, code: 'TRANSICION_NO_PERMITIDA', mensaje: 'La etapa actual ya no existe en la plantilla' };
  const nombreDe = (id: string) => t.def.etapas.find((e) => e.id === id)?.codigo ?? id;
  if (etapa.es_etapa_final)
    return {
      ok: false,
      code: 'TRANSICION_NO_PERMITIDA',
      mensaje: `El trámite ya terminó en la etapa final ${etapa.codigo}`,
    };
  if (!puedeTransicionar(t.rol, etapa))
    return { ok: false, code: 'PERMISO_DENEGADO', mensaje: motivoSinPermiso(t.rol, etapa) };
  const errores = validarRespuestas(etapa, t.valores, t.enviadas, true);
  if (errores.length)
    return { ok: false, code: 'VALIDACION', mensaje: errores.map((e) => e.mensaje).join('; '), detalles: { errores } };

  const abiertas = conexionesAbiertas(t.def, etapa.id, t.valores);
  let conexion: ConexionDef | undefined;
  if (t.destinoId) {
    conexion = abiertas.find((c) => c.etapa_destino_id === t.destinoId);
    if (!conexion) {
      const existe = t.def.conexiones.find((c) => c.etapa_origen_id === etapa.id && c.etapa_destino_id === t.destinoId);
      const hacia = `${etapa.codigo} → ${nombreDe(t.destinoId)}`;
      const mensaje = !existe
        ? `No hay conexión ${hacia}`
        : existe.es_predeterminada
          ? `La conexión predeterminada ${hacia} solo se toma cuando ninguna condición se cumple`
          : `La conexión ${hacia} exige ${describirCondicion(existe.condicion!)} (respuesta: ${comoTexto(t.valores[existe.condicion!.pregunta] ?? 'sin responder')})`;
      return {
        ok: false,
        code: 'TRANSICION_NO_PERMITIDA',
        mensaje,
        detalles: { destinos_posibles: abiertas.map((c) => nombreDe(c.etapa_destino_id)) },
      };
    }
  } else if (abiertas.length === 1) conexion = abiertas[0];
  else if (abiertas.length === 0)
    return {
      ok: false,
      code: 'TRANSICION_NO_PERMITIDA',
      mensaje: `Ninguna conexión de salida de ${etapa.codigo} se cumple`,
    };
  else
    return {
      ok: false,
      code: 'VALIDACION',
      mensaje: 'Hay varias etapas posibles: indique etapa_destino',
      detalles: { destinos_posibles: abiertas.map((c) => nombreDe(c.etapa_destino_id)) },
    };
  return { ok: true, conexion: conexion!, destino: t.def.etapas.find((e) => e.id === conexion!.etapa_destino_id)! };
}

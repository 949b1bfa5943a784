/**
 * Workflow templates and answers as the desk reads them from its mirror: templates arrive as global catalog rows
 * (workflows, workflow_etapas, workflow_preguntas, workflow_conexiones), answers as case rows. They are turned into the
 * shared engine's view (shared/src/workflow/motor.ts), the same the server builds from its tables, so both evaluate a
 * case alike.
 */
import type { ConexionDef, EtapaDef, PlantillaDef, PreguntaDef } from '#shared/workflow/motor';
import type { RespuestaGuardada as RespuestaGuardadaDe } from '#shared/workflow/respuestas';
import type { TipoPregunta } from '#shared/workflow/schemas';
import type { Sqlite } from '../store/abrir.js';
import type { FilaEspejo } from '../store/tablas.js';

type Fila = Record<string, unknown>;

const leerJson = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : null);
const texto = (v: unknown) => (v === null || v === undefined ? null : String(v));

export interface PlantillaLocal {
  workflow: Fila & { id: string; codigo: string; nombre: string; estado: string };
  def: PlantillaDef;
}

function filas(db: Sqlite, tabla: string, donde: string, ...params: unknown[]): Fila[] {
  return (
    db
      .prepare(`select datos from catalogos where tabla = ? and datos->>'activo' = 1 and ${donde}`)
      .all(tabla, ...params) as { datos: string }[]
  ).map((r) => JSON.parse(r.datos) as Fila);
}

const porOrden = (campo: string) => (a: Fila, b: Fila) =>
  Number(a[campo] ?? 0) - Number(b[campo] ?? 0) || String(a.id).localeCompare(String(b.id));

const preguntaDef = (p: Fila): PreguntaDef => ({
  id: String(p.id),
  codigo: String(p.codigo),
  pregunta: String(p.pregunta),
  tipo_pregunta: p.tipo_pregunta as TipoPregunta,
  orden: Number(p.orden ?? 0),
  es_obligatoria: Boolean(p.es_obligatoria),
  validacion_regex: texto(p.validacion_regex),
  mensaje_validacion: texto(p.mensaje_validacion),
  opciones: leerJson(p.opciones),
  permite_multiple: Boolean(p.permite_multiple),
  extensiones_permitidas: leerJson(p.extensiones_permitidas),
  tamano_maximo_mb: p.tamano_maximo_mb === null || p.tamano_maximo_mb === undefined ? null : Number(p.tamano_maximo_mb),
  mostrar_si: leerJson(p.mostrar_si),
});

/** The active template with this id, or the ACTIVO one with this code; undefined when the desk does not hold it. */
export function buscarWorkflow(
  db: Sqlite,
  clave: { id?: string; codigo?: string },
): PlantillaLocal['workflow'] | undefined {
  const candidatos = clave.id
    ? filas(db, 'workflows', `datos->>'id' = ?`, clave.id)
    : filas(db, 'workflows', `datos->>'codigo' = ? and datos->>'estado' = 'ACTIVO'`, clave.codigo);
  // Should two versions of a code both be ACTIVO, the newest template wins.
  return candidatos.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))[0] as
    PlantillaLocal['workflow'] | undefined;
}

/** The template's active graph, ordered as the server orders it (stages and questions by `orden`). */
export function cargarPlantilla(db: Sqlite, workflow: PlantillaLocal['workflow']): PlantillaLocal {
  const etapas = filas(db, 'workflow_etapas', `datos->>'workflow_id' = ?`, workflow.id).sort(porOrden('orden'));
  const ids = JSON.stringify(etapas.map((e) => e.id));
  const preguntas = filas(db, 'workflow_preguntas', `datos->>'etapa_id' in (select value from json_each(?))`, ids).sort(
    porOrden('orden'),
  );
  const conexiones = filas(db, 'workflow_conexiones', `datos->>'workflow_id' = ?`, workflow.id).sort((a, b) =>
    String(a.created_at).localeCompare(String(b.created_at)),
  );
  const etapasDef: EtapaDef[] = etapas.map((e) => ({
    id: String(e.id),
    codigo: String(e.codigo),
    nombre: String(e.nombre),
    perfiles_permitidos: leerJson<string[]>(e.perfiles_permitidos) ?? [],
    es_etapa_inicial: Boolean(e.es_etapa_inicial),
    es_etapa_final: Boolean(e.es_etapa_final),
    requiere_validacion: Boolean(e.requiere_validacion),
    preguntas: preguntas.filter((p) => p.etapa_id === e.id).map(preguntaDef),
  }));
  const conexionesDef: ConexionDef[] = conexiones.map((c) => ({
    id: String(c.id),
    etapa_origen_id: String(c.etapa_origen_id),
    etapa_destino_id: String(c.etapa_destino_id),
    nombre: texto(c.nombre),
    tipo_conexion: String(c.tipo_conexion),
    condicion: leerJson(c.condicion),
    es_predeterminada: Boolean(c.es_predeterminada),
  }));
  return { workflow, def: { etapas: etapasDef, conexiones: conexionesDef } };
}

/** Templates this desk holds that are ACTIVO (what an officer may start). */
export const workflowsActivos = (db: Sqlite) =>
  filas(db, 'workflows', `datos->>'estado' = 'ACTIVO'`).sort((a, b) =>
    String(a.nombre).localeCompare(String(b.nombre)),
  );

// ---------------------------------------------------------------------------------------------------------------------
// Answers: one sheet (workflow_respuestas_etapa) per case and stage, one row per question with a typed slot
// (shared/src/workflow/respuestas.ts reads and writes the slots).

export type RespuestaGuardada = RespuestaGuardadaDe<FilaEspejo>;

export interface HojaRespuestas {
  hoja: FilaEspejo;
  respuestas: FilaEspejo[];
}

const leerFilas = (db: Sqlite, sql: string, ...params: unknown[]) =>
  (db.prepare(sql).all(...params) as { datos: string }[]).map((r) => JSON.parse(r.datos) as FilaEspejo);

/** The case's answer sheets with their answers, as the desk sees them now. */
export function hojasDe(db: Sqlite, instanciaId: string): HojaRespuestas[] {
  return leerFilas(
    db,
    'select datos from workflow_respuestas_etapa where instancia_id = ? order by rid',
    instanciaId,
  ).map((hoja) => ({
    hoja,
    respuestas: leerFilas(
      db,
      'select datos from workflow_respuestas where respuesta_etapa_id = ? order by rid',
      hoja.id,
    ),
  }));
}

/** Every stored answer of a case with its stage and question code (a question gone from the template is skipped). */
export function respuestasDe(db: Sqlite, instanciaId: string, def: PlantillaDef): RespuestaGuardada[] {
  const codigo = new Map(def.etapas.flatMap((e) => e.preguntas.map((p) => [p.id, p.codigo] as const)));
  return hojasDe(db, instanciaId).flatMap(({ hoja, respuestas }) =>
    respuestas
      .filter((r) => codigo.has(String(r.pregunta_id)))
      .map((fila) => ({ fila, etapa_id: String(hoja.etapa_id), codigo: codigo.get(String(fila.pregunta_id))! })),
  );
}

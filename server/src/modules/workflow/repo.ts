/** Workflow reads: a template's graph as the engine sees it, an instance scoped to the caller's office, its answers. */
import type { SelectQueryBuilder } from 'kysely';
import { tienePermiso } from '#shared/roles';
import type { ConexionDef, EtapaDef, PlantillaDef, PreguntaDef } from '#shared/workflow/motor';
import type { RespuestaGuardada as RespuestaGuardadaDe } from '#shared/workflow/respuestas';
import type { TipoPregunta } from '#shared/workflow/schemas';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/escritura.js';
import type {
  Database,
  WorkflowConexionRow,
  WorkflowEtapaRow,
  WorkflowInstanciaRow,
  WorkflowPreguntaRow,
  WorkflowRespuestaRow,
  WorkflowRow,
} from '../../db/schema.js';
import { noEncontrado } from '../../error-api.js';
import { crearCeder } from './ceder.js';

export type Lector = Db | Trx;

export const leerJson = <T>(texto: string | null): T | null => (texto === null ? null : (JSON.parse(texto) as T));

export function filtrarOficinaInstancias<O>(qb: SelectQueryBuilder<Database, 'workflow_instancias', O>, actor: Actor) {
  return tienePermiso(actor.rol, 'todas_las_oficinas')
    ? qb
    : qb.where('workflow_instancias.cod_agencia', '=', actor.cod_agencia);
}

export async function instanciaVisible(db: Lector, actor: Actor, id: string): Promise<WorkflowInstanciaRow> {
  const fila = await filtrarOficinaInstancias(db.selectFrom('workflow_instancias').selectAll(), actor)
    .where('id', '=', id)
    .where('activo', '=', 1)
    .executeTakeFirst();
  if (!fila) throw noEncontrado('El trámite');
  return fila;
}

export async function workflowPorId(db: Lector, id: string): Promise<WorkflowRow> {
  const wf = await db
    .selectFrom('workflows')
    .selectAll()
    .where('id', '=', id)
    .where('activo', '=', 1)
    .executeTakeFirst();
  if (!wf) throw noEncontrado('La plantilla');
  return wf;
}

export const preguntaDeFila = (p: WorkflowPreguntaRow): PreguntaDef => ({
  id: p.id,
  codigo: p.codigo,
  pregunta: p.pregunta,
  tipo_pregunta: p.tipo_pregunta as TipoPregunta,
  orden: p.orden,
  es_obligatoria: Boolean(p.es_obligatoria),
  validacion_regex: p.validacion_regex,
  mensaje_validacion: p.mensaje_validacion,
  opciones: leerJson(p.opciones),
  permite_multiple: Boolean(p.permite_multiple),
  extensiones_permitidas: leerJson(p.extensiones_permitidas),
  tamano_maximo_mb: p.tamano_maximo_mb,
  mostrar_si: leerJson(p.mostrar_si),
});

export const etapaDeFila = (e: WorkflowEtapaRow, preguntas: PreguntaDef[]): EtapaDef => ({
  id: e.id,
  codigo: e.codigo,
  nombre: e.nombre,
  perfiles_permitidos: leerJson<string[]>(e.perfiles_permitidos) ?? [],
  es_etapa_inicial: Boolean(e.es_etapa_inicial),
  es_etapa_final: Boolean(e.es_etapa_final),
  requiere_validacion: Boolean(e.requiere_validacion),
  preguntas,
});

export const conexionDeFila = (c: WorkflowConexionRow): ConexionDef => ({
  id: c.id,
  etapa_origen_id: c.etapa_origen_id,
  etapa_destino_id: c.etapa_destino_id,
  nombre: c.nombre,
  tipo_conexion: c.tipo_conexion,
  condicion: leerJson(c.condicion),
  es_predeterminada: Boolean(c.es_predeterminada),
});

export interface Plantilla {
  workflow: WorkflowRow;
  etapas: WorkflowEtapaRow[];
  preguntas: WorkflowPreguntaRow[];
  def: PlantillaDef;
}

/** Stages whose questions one read takes (up to 100 questions each): a 100 × 100 template is ten reads, not one. */
const ETAPAS_POR_LECTURA = 10;

/**
 * The active rows of a template and the engine's view of them. The questions are read ten stages at a time, handing the
 * event loop back between reads once one has taken a while (ceder.ts): the 10,000 rows of the largest template, read in
 * one synchronous SQLite call, held every other request for the whole read.
 */
export async function cargarPlantilla(db: Lector, workflowId: string): Promise<Plantilla> {
  const workflow = await workflowPorId(db, workflowId);
  const [etapas, conexiones] = await Promise.all([
    db
      .selectFrom('workflow_etapas')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('activo', '=', 1)
      .orderBy('orden')
      .execute(),
    db
      .selectFrom('workflow_conexiones')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('activo', '=', 1)
      .orderBy('created_at')
      .execute(),
  ]);
  const ceder = crearCeder();
  const preguntas: WorkflowPreguntaRow[] = [];
  for (let i = 0; i < etapas.length; i += ETAPAS_POR_LECTURA) {
    await ceder();
    const lote = etapas.slice(i, i + ETAPAS_POR_LECTURA).map((e) => e.id);
    preguntas.push(
      ...(await db
        .selectFrom('workflow_preguntas')
        .selectAll()
        .where('etapa_id', 'in', lote)
        .where('activo', '=', 1)
        .orderBy('orden')
        .execute()),
    );
  }
  // In question order across the template, as one read gave them (a stable sort keeps each batch's order on ties).
  preguntas.sort((a, b) => a.orden - b.orden);
  const porEtapa = new Map<string, PreguntaDef[]>();
  for (const p of preguntas) {
    const lista = porEtapa.get(p.etapa_id) ?? [];
    lista.push(preguntaDeFila(p));
    porEtapa.set(p.etapa_id, lista);
  }
  const etapasDef = etapas.map((e) => etapaDeFila(e, porEtapa.get(e.id) ?? []));
  const conexionesDef = conexiones.map(conexionDeFila);
  return { workflow, etapas, preguntas, def: { etapas: etapasDef, conexiones: conexionesDef } };
}

export type RespuestaGuardada = RespuestaGuardadaDe<WorkflowRespuestaRow>;

export const respuestasDe = (db: Lector, instanciaId: string): Promise<RespuestaGuardada[]> =>
  db
    .selectFrom('workflow_respuestas')
    .innerJoin('workflow_respuestas_etapa as re', 're.id', 'workflow_respuestas.respuesta_etapa_id')
    .innerJoin('workflow_preguntas as p', 'p.id', 'workflow_respuestas.pregunta_id')
    .selectAll('workflow_respuestas')
    .select(['re.etapa_id', 'p.codigo'])
    .where('re.instancia_id', '=', instanciaId)
    .execute()
    .then((filas) =>
      filas.map(({ etapa_id, codigo, ...fila }) => ({ fila: fila as WorkflowRespuestaRow, etapa_id, codigo })),
    );

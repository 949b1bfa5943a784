/**
 * What a single-part edit has to read of a template to validate it: every stage (flags, codes) and connection, but of
 * the thousands of questions only those a rule can tie to the edit: the questions it names (its own code, the codes its
 * conditions refer to), every question with a `mostrar_si`, and the questions any condition refers to by code. The
 * rules of validarPlantilla over that subset find every problem the edit can cause (a rule involves a question only
 * through its own stage, its code or a condition on it), so an edit reads a few hundred rows, not the whole template.
 */
import type { Condicion } from '#shared/workflow/schemas';
import type { WorkflowPreguntaRow, WorkflowRow } from '../../db/schema.js';
import { conexionDeFila, etapaDeFila, leerJson, preguntaDeFila, type Lector, type Plantilla } from './repo.js';

/** An `in` list stays well under SQL Server's 2,100 parameters per statement. */
const LOTE_IN = 500;

/** The question codes conditions refer to. */
export const referidas = (...condiciones: (Condicion | null | undefined)[]): string[] =>
  condiciones.flatMap((c) => (c ? [c.pregunta] : []));

const preguntasDe = (db: Lector, workflowId: string) =>
  db
    .selectFrom('workflow_preguntas')
    .innerJoin('workflow_etapas', 'workflow_etapas.id', 'workflow_preguntas.etapa_id')
    .selectAll('workflow_preguntas')
    .where('workflow_etapas.workflow_id', '=', workflowId)
    .where('workflow_etapas.activo', '=', 1)
    .where('workflow_preguntas.activo', '=', 1);

/** The template `workflow` with all its stages and connections and the questions named above (`codigos`: the edit's). */
export async function cargarEsqueleto(db: Lector, workflow: WorkflowRow, codigos: string[]): Promise<Plantilla> {
  const [etapas, conexiones, condicionadas] = await Promise.all([
    db
      .selectFrom('workflow_etapas')
      .selectAll()
      .where('workflow_id', '=', workflow.id)
      .where('activo', '=', 1)
      .orderBy('orden')
      .execute(),
    db
      .selectFrom('workflow_conexiones')
      .selectAll()
      .where('workflow_id', '=', workflow.id)
      .where('activo', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    preguntasDe(db, workflow.id).where('workflow_preguntas.mostrar_si', 'is not', null).execute(),
  ]);
  const nombradas = new Set([
    ...codigos,
    ...referidas(...condicionadas.map((q) => leerJson<Condicion>(q.mostrar_si))),
    ...referidas(...conexiones.map((c) => leerJson<Condicion>(c.condicion))),
  ]);
  const porId = new Map(condicionadas.map((q) => [q.id, q]));
  const lista = [...nombradas];
  for (let i = 0; i < lista.length; i += LOTE_IN) {
    const lote = lista.slice(i, i + LOTE_IN);
    for (const q of await preguntasDe(db, workflow.id).where('workflow_preguntas.codigo', 'in', lote).execute())
      porId.set(q.id, q);
  }
  const preguntas = [...porId.values()].sort((a, b) => a.orden - b.orden);
  const porEtapa = new Map<string, WorkflowPreguntaRow[]>();
  for (const q of preguntas) porEtapa.set(q.etapa_id, [...(porEtapa.get(q.etapa_id) ?? []), q]);
  return {
    workflow,
    etapas,
    preguntas,
    def: {
      etapas: etapas.map((e) => etapaDeFila(e, (porEtapa.get(e.id) ?? []).map(preguntaDeFila))),
      conexiones: conexiones.map(conexionDeFila),
    },
  };
}

/** A stage's active questions, in order. */
export const preguntasDeEtapa = (db: Lector, etapaId: string): Promise<WorkflowPreguntaRow[]> =>
  db
    .selectFrom('workflow_preguntas')
    .selectAll()
    .where('etapa_id', '=', etapaId)
    .where('activo', '=', 1)
    .orderBy('orden')
    .execute();

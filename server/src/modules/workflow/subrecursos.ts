/**
 * The reference's template-editing sub-resources: /workflow/etapas, /workflow/preguntas and /workflow/conexiones
 * (create, read, update, delete). An edit costs what it changes: the template is read once, the engine's view of it
 * with the one part changed is validated whole (in memory: the same rules as a whole-template save), and only the
 * rows of that part are written, plus the template's own row (its version orders concurrent edits).
 *
 * A template that cases run on is never changed under them: the edit first copies it as is into the next version
 * (plantillas.ts) and then changes that copy. Ids are resolved through codes: an id of a part of an older version (or
 * of a row an earlier save replaced) names the same stage, question or connection in the template's newest version
 * (docs/compatibilidad.md).
 */
import { z } from 'zod';
import {
  type Condicion,
  ConexionAlta,
  ConexionEdicion,
  ConexionNueva,
  ConexionRespuesta,
  EtapaAlta,
  EtapaEdicion,
  EtapaNueva,
  EtapaRespuesta,
  PreguntaAlta,
  PreguntaEdicion,
  PreguntaNueva,
  PreguntaRespuesta,
} from '#shared/workflow/schemas';
import { v7 as uuidv7 } from 'uuid';
import type { EtapaDef, PlantillaDef } from '#shared/workflow/motor';
import { conexionDef, etapaDef, preguntaDef, validarPlantilla } from '#shared/workflow/plantilla';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, type Trx } from '../../db/escritura.js';
import type {
  Database,
  WorkflowConexionRow,
  WorkflowEtapaRow,
  WorkflowPreguntaRow,
  WorkflowRow,
} from '../../db/schema.js';
import { actualizar, insertar } from '../../escritor.js';
import { AppError, noEncontrado } from '../../error-api.js';
import type { Api } from '../../http/api.js';
import { validar } from '../../http/validar.js';
import { crearCeder } from './ceder.js';
import { cargarEsqueleto, preguntasDeEtapa, referidas } from './esqueleto.js';
import {
  columnasConexion,
  columnasEtapa,
  columnasPregunta,
  conexionesDe,
  copiarComoVersionSiguiente,
  enUso,
  exigirAdmin,
  insertarEtapa,
  rechazarSiHay,
} from './plantillas.js';
import { cargarPlantilla, conexionDeFila, etapaDeFila, preguntaDeFila, type Lector, type Plantilla } from './repo.js';
import * as ser from './serializar.js';

/** Where a part lives, independent of row ids: the template's code and the part's codes (a connection: its ends and rank). */
type Clave =
  | { tipo: 'etapa'; plantilla: string; etapa: string }
  | { tipo: 'pregunta'; plantilla: string; etapa: string; pregunta: string }
  | { tipo: 'conexion'; plantilla: string; origen: string; destino: string; rango: number };
type ClaveDe<T extends Clave['tipo']> = Extract<Clave, { tipo: T }>;

const COLUMNAS_JSON = new Set([
  'perfiles_permitidos',
  'reglas_transicion',
  'opciones',
  'opciones_datos_caso',
  'extensiones_permitidas',
  'mostrar_si',
  'condicion',
]);

function esBooleano(tipo: z.ZodType): boolean {
  if (tipo instanceof z.ZodDefault) return esBooleano(tipo.removeDefault() as z.ZodType);
  if (tipo instanceof z.ZodOptional) return esBooleano(tipo.unwrap() as z.ZodType);
  return tipo instanceof z.ZodBoolean;
}

/** A stored part as the input a template save takes: the schema's fields only, JSON parsed, 0/1 as booleans. */
function comoEntrada<S extends z.ZodObject>(schema: S, fila: object, extra: Record<string, unknown> = {}): z.output<S> {
  const entrada: Record<string, unknown> = {};
  for (const [campo, tipo] of Object.entries(schema.shape)) {
    const v = (fila as Record<string, unknown>)[campo];
    if (v === null || v === undefined || campo === 'id') continue;
    entrada[campo] =
      typeof v === 'string' && COLUMNAS_JSON.has(campo)
        ? JSON.parse(v)
        : esBooleano(tipo as z.ZodType)
          ? Boolean(v)
          : v;
  }
  return validar(schema, { ...entrada, ...extra });
}

/** An edit over a part's current input: a value replaces, null empties (back to the default), absent keeps. */
function aplicar<S extends z.ZodObject>(schema: S, actual: z.output<S>, cambios: Record<string, unknown>): z.output<S> {
  const resultado: Record<string, unknown> = { ...actual };
  for (const [campo, v] of Object.entries(cambios)) {
    if (v === undefined) continue;
    if (v !== null) resultado[campo] = v;
    // A field the part cannot go without (a name, an order) keeps its value when a client sends null for it.
    else if ((schema.shape[campo] as z.ZodType).safeParse(undefined).success) delete resultado[campo];
  }
  return validar(schema, resultado);
}

/** Connections in the order they were saved (uuidv7 ids grow in insertion order; one save stamps one created_at). */
const enOrden = <C extends { id: string }>(conexiones: C[]) => [...conexiones].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The newest version of a template code: the one edits apply to. */
async function versionVigente(db: Lector, codigo: string): Promise<WorkflowRow> {
  const wf = await db
    .selectFrom('workflows')
    .selectAll()
    .where('codigo', '=', codigo)
    .where('activo', '=', 1)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!wf) throw noEncontrado('La plantilla');
  return wf;
}

async function fila<T extends 'workflows' | 'workflow_etapas' | 'workflow_preguntas' | 'workflow_conexiones'>(
  db: Lector,
  tabla: T,
  id: string,
  que: string,
) {
  const f = await db
    .selectFrom(tabla as 'workflows')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) throw noEncontrado(que);
  return f as unknown as Database[T];
}

/**
 * A connection's rank among its template's connections with the same ends, in save order: among the active ones for a
 * current row (the order a new version's copy keeps), among those of the same save for a row a save replaced.
 */
async function rangoDeConexion(db: Lector, c: WorkflowConexionRow): Promise<number> {
  let hermanas = db
    .selectFrom('workflow_conexiones')
    .select('id')
    .where('workflow_id', '=', c.workflow_id)
    .where('etapa_origen_id', '=', c.etapa_origen_id)
    .where('etapa_destino_id', '=', c.etapa_destino_id);
  hermanas = c.activo ? hermanas.where('activo', '=', 1) : hermanas.where('created_at', '=', c.created_at);
  return enOrden(await hermanas.execute()).findIndex((h) => h.id === c.id);
}

/**
 * The key of a part by the id of any of its rows, current or not, and the template that row belongs to while it is
 * current (undefined once a save or a newer version replaced it).
 */
async function ubicar(db: Lector, tipo: Clave['tipo'], id: string): Promise<{ clave: Clave; actual?: string }> {
  if (tipo === 'conexion') {
    const c = await fila(db, 'workflow_conexiones', id, 'La conexión');
    const [wf, origen, destino] = await Promise.all([
      fila(db, 'workflows', c.workflow_id, 'La plantilla'),
      fila(db, 'workflow_etapas', c.etapa_origen_id, 'La etapa de origen'),
      fila(db, 'workflow_etapas', c.etapa_destino_id, 'La etapa de destino'),
    ]);
    const clave: Clave = {
      tipo,
      plantilla: wf.codigo,
      origen: origen.codigo,
      destino: destino.codigo,
      rango: await rangoDeConexion(db, c),
    };
    return { clave, actual: c.activo && wf.activo ? wf.id : undefined };
  }
  const pregunta = tipo === 'pregunta' ? await fila(db, 'workflow_preguntas', id, 'La pregunta') : undefined;
  const etapa = await fila(db, 'workflow_etapas', pregunta?.etapa_id ?? id, 'La etapa');
  const wf = await fila(db, 'workflows', etapa.workflow_id, 'La plantilla');
  const clave: Clave = pregunta
    ? { tipo: 'pregunta', plantilla: wf.codigo, etapa: etapa.codigo, pregunta: pregunta.codigo }
    : { tipo: 'etapa', plantilla: wf.codigo, etapa: etapa.codigo };
  return { clave, actual: (pregunta ?? etapa).activo && wf.activo ? wf.id : undefined };
}

async function claveDe<T extends Clave['tipo']>(db: Lector, tipo: T, id: string) {
  return (await ubicar(db, tipo, id)).clave as ClaveDe<T>;
}

/** The parts a key names in a loaded template, as the API shows them (404 when that version has no such part). */
function etapaEn(p: Plantilla, clave: { etapa: string }) {
  const etapa = ser.detalleWorkflow(p).etapas.find((e) => e.codigo === clave.etapa);
  if (!etapa) throw noEncontrado('La etapa');
  return etapa;
}

function preguntaEn(p: Plantilla, clave: ClaveDe<'pregunta'>) {
  const etapa = etapaEn(p, clave);
  const q = p.preguntas.find((x) => x.etapa_id === etapa.id && x.codigo === clave.pregunta);
  if (!q) throw noEncontrado('La pregunta');
  return ser.pregunta(q);
}

function conexionEn(p: Plantilla, clave: ClaveDe<'conexion'>) {
  const c = enOrden(ser.detalleWorkflow(p).conexiones).filter(
    (x) => x.etapa_origen === clave.origen && x.etapa_destino === clave.destino,
  )[clave.rango];
  if (!c) throw noEncontrado('La conexión');
  return { ...c, etapa_origen: clave.origen, etapa_destino: clave.destino, workflow_id: p.workflow.id };
}

/**
 * One part edit, bound to the template it applies to: the engine's view of that template once changed (validated
 * before anything is written) and the writes of the changed rows, which answer what the route returns.
 */
type Edicion<R> = (p: Plantilla) => { def: () => PlantillaDef; escribir: (trx: Trx) => Promise<R> };

/**
 * Applies an edit to the newest version of a template code: validated in memory on what it can affect (esqueleto.ts;
 * `codigos`: the question codes the edit names), written in place, or on a copy made the next version when cases
 * already run on that one.
 */
async function editar<R>(db: Db, ctx: Contexto, codigo: string, codigos: string[], edicion: Edicion<R>): Promise<R> {
  exigirAdmin(ctx);
  return db.transaction().execute(async (trx) => {
    const ceder = crearCeder();
    const vigente = await cargarEsqueleto(trx, await versionVigente(trx, codigo), codigos);
    if (vigente.workflow.estado === 'ARCHIVADO')
      throw new AppError('EDICION_NO_PERMITIDA', 'La plantilla está archivada');
    await ceder();
    // A BORRADOR may be incomplete while it is built part by part; any other state must stay whole after each step.
    rechazarSiHay(validarPlantilla(edicion(vigente).def(), { completa: vigente.workflow.estado !== 'BORRADOR' }));
    await ceder();
    if (await enUso(trx, vigente.workflow.id)) {
      const entera = await cargarPlantilla(trx, vigente.workflow.id);
      const copia = await cargarPlantilla(trx, await copiarComoVersionSiguiente(trx, ctx, entera));
      return edicion(copia).escribir(trx);
    }
    const workflow = await actualizar(trx, ctx, 'workflows', vigente.workflow, { updated_by: ctx.actor.id });
    return edicion({ ...vigente, workflow }).escribir(trx);
  });
}

/** The row of a stage of `p` by code (404 when this version has none). */
function etapaDe(p: Plantilla, codigo: string) {
  const e = p.etapas.find((x) => x.codigo === codigo);
  if (!e) throw noEncontrado('La etapa');
  return e;
}

function preguntaDe(p: Plantilla, etapa: string, codigo: string) {
  const e = etapaDe(p, etapa);
  const q = p.preguntas.find((x) => x.etapa_id === e.id && x.codigo === codigo);
  if (!q) throw noEncontrado('La pregunta');
  return q;
}

/** A connection of `p` by its ends' codes and rank among those with the same ends, in the engine's form. */
function conexionDe(p: Plantilla, clave: ClaveDe<'conexion'>) {
  const origen = p.etapas.find((e) => e.codigo === clave.origen)?.id;
  const destino = p.etapas.find((e) => e.codigo === clave.destino)?.id;
  const c = enOrden(p.def.conexiones).filter((x) => x.etapa_origen_id === origen && x.etapa_destino_id === destino)[
    clave.rango
  ];
  if (!c) throw noEncontrado('La conexión');
  return c;
}

/** The engine's view of `def` with stage `id` replaced (or removed, when `cambiar` gives nothing). */
function conEtapa(def: PlantillaDef, id: string, cambiar: (e: EtapaDef) => EtapaDef | undefined): PlantillaDef {
  return { ...def, etapas: def.etapas.flatMap((e) => (e.id === id ? (cambiar(e) ?? []) : [e])) };
}

/** A stage as the API shows it (the template detail's shape), from its row and its questions' rows. */
function etapaRespuesta(workflow: WorkflowRow, etapa: WorkflowEtapaRow, preguntas: WorkflowPreguntaRow[]) {
  const propias = preguntas.filter((q) => q.etapa_id === etapa.id && q.activo).sort((a, b) => a.orden - b.orden);
  const def = { etapas: [etapaDeFila(etapa, propias.map(preguntaDeFila))], conexiones: [] };
  return ser.detalleWorkflow({ workflow, etapas: [etapa], preguntas: propias, def }).etapas[0]!;
}

function conexionRespuesta(p: Plantilla, c: WorkflowConexionRow) {
  const codigo = (id: string) => p.etapas.find((e) => e.id === id)!.codigo;
  return {
    ...conexionDeFila(c),
    etapa_origen: codigo(c.etapa_origen_id),
    etapa_destino: codigo(c.etapa_destino_id),
    workflow_id: c.workflow_id,
  };
}

const ELIMINAR = 'ELIMINAR';

export function rutasSubrecursos(api: Api, db: Db) {
  const etiqueta = 'Workflow';

  /** GET: the part itself while its row is current; an id from before an edit reads the newest version's part. */
  const leer = async <T extends Clave['tipo']>(tipo: T, id: string) => {
    const { clave, actual } = await ubicar(db, tipo, id);
    const p = await cargarPlantilla(db, actual ?? (await versionVigente(db, clave.plantilla)).id);
    return { p, clave: clave as ClaveDe<T> };
  };

  // Stages
  api.ruta(
    {
      method: 'post',
      path: '/workflow/etapas',
      resumen: 'Agregar una etapa (con sus preguntas) a una plantilla; nueva versión si ya tiene trámites',
      etiqueta,
      respuesta: EtapaRespuesta,
      body: EtapaAlta,
      status: 201,
    },
    async ({ ctx, body }) => {
      const { workflow_id, ...etapa } = body;
      const wf = await fila(db, 'workflows', workflow_id, 'La plantilla');
      const ids = { etapa: uuidv7(), preguntas: etapa.preguntas.map(() => uuidv7()) };
      const codigos = etapa.preguntas.flatMap((q) => [q.codigo, ...referidas(q.mostrar_si)]);
      return editar(db, ctx, wf.codigo, codigos, (p) => ({
        def: () => {
          if (p.etapas.some((e) => e.codigo === etapa.codigo))
            throw new AppError('DUPLICADO', `La plantilla ya tiene una etapa ${etapa.codigo}`);
          const preguntas = etapa.preguntas.map((q, i) => preguntaDef(q, ids.preguntas[i]!));
          return { ...p.def, etapas: [...p.def.etapas, etapaDef(etapa, ids.etapa, preguntas)] };
        },
        escribir: async (trx) => {
          const r = await insertarEtapa(trx, ctx, p.workflow.id, etapa, crearCeder(), ids);
          return etapaRespuesta(p.workflow, r.etapa, r.preguntas);
        },
      }));
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/etapas/{id}',
      resumen: 'Una etapa',
      etiqueta,
      respuesta: EtapaRespuesta,
      permiso: 'solicitud.ver',
    },
    async ({ params }) => {
      const { p, clave } = await leer('etapa', params.id!);
      return etapaEn(p, clave);
    },
  );
  api.ruta(
    {
      method: 'put',
      path: '/workflow/etapas/{id}',
      resumen: 'Actualizar una etapa (nueva versión de la plantilla si ya tiene trámites)',
      etiqueta,
      respuesta: EtapaRespuesta,
      body: EtapaEdicion,
    },
    async ({ ctx, params, body }) => {
      const clave = await claveDe(db, 'etapa', params.id!);
      return editar(db, ctx, clave.plantilla, [], (p) => {
        const fila = etapaDe(p, clave.etapa);
        const nueva = aplicar(EtapaNueva, comoEntrada(EtapaNueva, fila), body);
        return {
          def: () => conEtapa(p.def, fila.id, (e) => etapaDef(nueva, e.id, e.preguntas)),
          escribir: async (trx) =>
            etapaRespuesta(
              p.workflow,
              await actualizar(trx, ctx, 'workflow_etapas', fila, columnasEtapa(nueva)),
              await preguntasDeEtapa(trx, fila.id),
            ),
        };
      });
    },
  );
  api.ruta(
    {
      method: 'delete',
      path: '/workflow/etapas/{id}',
      resumen: 'Quitar una etapa y sus conexiones (nueva versión si ya tiene trámites)',
      etiqueta,
      respuesta: null,
    },
    async ({ ctx, params }) => {
      const clave = await claveDe(db, 'etapa', params.id!);
      await editar(db, ctx, clave.plantilla, [], (p) => {
        const fila = etapaDe(p, clave.etapa);
        const toca = (c: { etapa_origen_id: string; etapa_destino_id: string }) =>
          c.etapa_origen_id === fila.id || c.etapa_destino_id === fila.id;
        return {
          def: () => ({
            etapas: p.def.etapas.filter((e) => e.id !== fila.id),
            conexiones: p.def.conexiones.filter((c) => !toca(c)),
          }),
          escribir: async (trx) => {
            for (const c of (await conexionesDe(trx, p.workflow.id)).filter(toca))
              await actualizar(trx, ctx, 'workflow_conexiones', c, { activo: 0 }, ELIMINAR);
            for (const q of await preguntasDeEtapa(trx, fila.id))
              await actualizar(trx, ctx, 'workflow_preguntas', q, { activo: 0 }, ELIMINAR);
            await actualizar(trx, ctx, 'workflow_etapas', fila, { activo: 0 }, ELIMINAR);
          },
        };
      });
    },
  );

  // Questions
  api.ruta(
    {
      method: 'post',
      path: '/workflow/preguntas',
      resumen: 'Agregar una pregunta a una etapa (nueva versión de la plantilla si ya tiene trámites)',
      etiqueta,
      respuesta: PreguntaRespuesta,
      body: PreguntaAlta,
      status: 201,
    },
    async ({ ctx, body }) => {
      const { etapa_id, ...pregunta } = body;
      const clave = await claveDe(db, 'etapa', etapa_id);
      const id = uuidv7();
      const codigos = [pregunta.codigo, ...referidas(pregunta.mostrar_si)];
      return editar(db, ctx, clave.plantilla, codigos, (p) => {
        const etapa = etapaDe(p, clave.etapa);
        return {
          def: () =>
            conEtapa(p.def, etapa.id, (e) => {
              if (e.preguntas.some((q) => q.codigo === pregunta.codigo))
                throw new AppError('DUPLICADO', `La etapa ${e.codigo} ya tiene una pregunta ${pregunta.codigo}`);
              return { ...e, preguntas: [...e.preguntas, preguntaDef(pregunta, id)] };
            }),
          escribir: async (trx) =>
            ser.pregunta(
              await insertar(trx, ctx, 'workflow_preguntas', {
                id,
                etapa_id: etapa.id,
                ...columnasPregunta(pregunta),
                activo: 1,
                created_at: ahora(),
                created_by: ctx.actor.id,
              }),
            ),
        };
      });
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/preguntas/{id}',
      resumen: 'Una pregunta',
      etiqueta,
      respuesta: PreguntaRespuesta,
      permiso: 'solicitud.ver',
    },
    async ({ params }) => {
      const { p, clave } = await leer('pregunta', params.id!);
      return preguntaEn(p, clave);
    },
  );
  /** A question's edit: `nueva` is its input once changed, or undefined to remove it. */
  const editarPregunta = async (
    ctx: Contexto,
    id: string,
    cambio: (actual: PreguntaNueva) => PreguntaNueva | undefined,
    condicion?: Condicion | null,
  ) => {
    const clave = await claveDe(db, 'pregunta', id);
    return editar(db, ctx, clave.plantilla, [clave.pregunta, ...referidas(condicion)], (p) => {
      const fila = preguntaDe(p, clave.etapa, clave.pregunta);
      const nueva = cambio(comoEntrada(PreguntaNueva, fila));
      return {
        def: () =>
          conEtapa(p.def, fila.etapa_id, (e) => ({
            ...e,
            preguntas: e.preguntas.flatMap((q) => (q.id !== fila.id ? [q] : nueva ? [preguntaDef(nueva, q.id)] : [])),
          })),
        escribir: (trx) =>
          nueva
            ? actualizar(trx, ctx, 'workflow_preguntas', fila, columnasPregunta(nueva))
            : actualizar(trx, ctx, 'workflow_preguntas', fila, { activo: 0 }, ELIMINAR),
      };
    });
  };
  api.ruta(
    {
      method: 'put',
      path: '/workflow/preguntas/{id}',
      resumen: 'Actualizar una pregunta (nueva versión de la plantilla si ya tiene trámites)',
      etiqueta,
      respuesta: PreguntaRespuesta,
      body: PreguntaEdicion,
    },
    async ({ ctx, params, body }) => {
      return ser.pregunta(
        await editarPregunta(ctx, params.id!, (actual) => aplicar(PreguntaNueva, actual, body), body.mostrar_si),
      );
    },
  );
  api.ruta(
    {
      method: 'delete',
      path: '/workflow/preguntas/{id}',
      resumen: 'Quitar una pregunta (nueva versión de la plantilla si ya tiene trámites)',
      etiqueta,
      respuesta: null,
    },
    async ({ ctx, params }) => {
      await editarPregunta(ctx, params.id!, () => undefined);
    },
  );

  // Connections
  api.ruta(
    {
      method: 'post',
      path: '/workflow/conexiones',
      resumen: 'Agregar una conexión entre dos etapas (por id o por código de etapa)',
      etiqueta,
      respuesta: ConexionRespuesta,
      body: ConexionAlta,
      status: 201,
    },
    async ({ ctx, body }) => {
      const { workflow_id, etapa_origen_id, etapa_destino_id, ...conexion } = body;
      const wf = await fila(db, 'workflows', workflow_id, 'La plantilla');
      // A stage id of any version of this template names its stage by code, as everywhere in these routes.
      const codigoDe = async (id: string | undefined, codigo: string | undefined, que: string) => {
        if (codigo) return codigo;
        const e = await claveDe(db, 'etapa', id!);
        if (e.plantilla !== wf.codigo)
          throw new AppError('VALIDACION', `${que} no pertenece a la plantilla ${wf.codigo}`);
        return e.etapa;
      };
      const origen = await codigoDe(etapa_origen_id, conexion.etapa_origen, 'La etapa de origen');
      const destino = await codigoDe(etapa_destino_id, conexion.etapa_destino, 'La etapa de destino');
      const nueva = validar(ConexionNueva, { ...conexion, etapa_origen: origen, etapa_destino: destino });
      const id = uuidv7();
      return editar(db, ctx, wf.codigo, referidas(nueva.condicion), (p) => {
        // A code this version has no stage for stays as it is: validation names it (422).
        const idDe = (codigo: string) => p.etapas.find((e) => e.codigo === codigo)?.id ?? codigo;
        return {
          def: () => ({
            ...p.def,
            conexiones: [...p.def.conexiones, conexionDef(nueva, id, idDe(origen), idDe(destino))],
          }),
          escribir: async (trx) =>
            conexionRespuesta(
              p,
              await insertar(trx, ctx, 'workflow_conexiones', {
                id,
                workflow_id: p.workflow.id,
                etapa_origen_id: idDe(origen),
                etapa_destino_id: idDe(destino),
                ...columnasConexion(nueva),
                activo: 1,
                created_at: ahora(),
                created_by: ctx.actor.id,
              }),
            ),
        };
      });
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/conexiones/{id}',
      resumen: 'Una conexión',
      etiqueta,
      respuesta: ConexionRespuesta,
      permiso: 'solicitud.ver',
    },
    async ({ params }) => {
      const { p, clave } = await leer('conexion', params.id!);
      return conexionEn(p, clave);
    },
  );
  api.ruta(
    {
      method: 'put',
      path: '/workflow/conexiones/{id}',
      resumen: 'Actualizar una conexión: nombre, tipo, condición, predeterminada',
      etiqueta,
      respuesta: ConexionRespuesta,
      body: ConexionEdicion,
    },
    async ({ ctx, params, body }) => {
      const clave = await claveDe(db, 'conexion', params.id!);
      return editar(db, ctx, clave.plantilla, referidas(body.condicion), (p) => {
        const actual = conexionDe(p, clave);
        const entrada = comoEntrada(ConexionNueva, actual, {
          etapa_origen: clave.origen,
          etapa_destino: clave.destino,
        });
        const nueva = aplicar(ConexionNueva, entrada, body);
        return {
          def: () => ({
            ...p.def,
            conexiones: p.def.conexiones.map((c) =>
              c.id === actual.id ? conexionDef(nueva, c.id, c.etapa_origen_id, c.etapa_destino_id) : c,
            ),
          }),
          escribir: async (trx) => {
            const f = await fila(trx, 'workflow_conexiones', actual.id, 'La conexión');
            return conexionRespuesta(p, await actualizar(trx, ctx, 'workflow_conexiones', f, columnasConexion(nueva)));
          },
        };
      });
    },
  );
  api.ruta(
    { method: 'delete', path: '/workflow/conexiones/{id}', resumen: 'Quitar una conexión', etiqueta, respuesta: null },
    async ({ ctx, params }) => {
      const clave = await claveDe(db, 'conexion', params.id!);
      await editar(db, ctx, clave.plantilla, [], (p) => {
        const actual = conexionDe(p, clave);
        return {
          def: () => ({ ...p.def, conexiones: p.def.conexiones.filter((c) => c.id !== actual.id) }),
          escribir: async (trx) => {
            const f = await fila(trx, 'workflow_conexiones', actual.id, 'La conexión');
            await actualizar(trx, ctx, 'workflow_conexiones', f, { activo: 0 }, ELIMINAR);
          },
        };
      });
    },
  );
}

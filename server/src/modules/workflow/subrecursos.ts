/**
 * The reference's template-editing sub-resources: /workflow/etapas, /workflow/preguntas and /workflow/conexiones
 * (create, read, update, delete). Every edit is a whole-template save through plantillas.ts: the template's graph is
 * read back as its input (by codes), one part changed, and the result saved as PUT /workflow/workflows/{id} saves it,
 * validated and, when cases already run on the template, as a new version.
 *
 * A save rewrites the graph's rows, so ids are resolved through codes: an id from before an edit, or from an older
 * version, names the same stage, question or connection in the template's newest version (docs/compatibilidad.md).
 */
import { z } from 'zod';
import {
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
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import type { Database, WorkflowConexionRow, WorkflowRow } from '../../db/schema.js';
import { AppError, noEncontrado } from '../../error-api.js';
import type { Api } from '../../http/api.js';
import { validar } from '../../http/validar.js';
import { crearServicioPlantillas } from './plantillas.js';
import { cargarPlantilla, type Lector, type Plantilla } from './repo.js';
import * as ser from './serializar.js';

interface Definicion {
  etapas: EtapaNueva[];
  conexiones: ConexionNueva[];
}

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

function definicion(p: Plantilla): Definicion {
  const codigo = new Map(p.etapas.map((e) => [e.id, e.codigo]));
  return {
    etapas: p.etapas.map((e) =>
      comoEntrada(EtapaNueva, e, {
        preguntas: p.preguntas.filter((q) => q.etapa_id === e.id).map((q) => comoEntrada(PreguntaNueva, q)),
      }),
    ),
    conexiones: enOrden(p.def.conexiones).map((c) =>
      comoEntrada(ConexionNueva, c, {
        etapa_origen: codigo.get(c.etapa_origen_id),
        etapa_destino: codigo.get(c.etapa_destino_id),
      }),
    ),
  };
}

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

/** A connection's rank among those with the same ends in the same save. */
async function rangoDeConexion(db: Lector, c: WorkflowConexionRow): Promise<number> {
  const hermanas = await db
    .selectFrom('workflow_conexiones')
    .select('id')
    .where('workflow_id', '=', c.workflow_id)
    .where('created_at', '=', c.created_at)
    .where('etapa_origen_id', '=', c.etapa_origen_id)
    .where('etapa_destino_id', '=', c.etapa_destino_id)
    .execute();
  return enOrden(hermanas).findIndex((h) => h.id === c.id);
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

/** Reads the newest version's graph, changes it, saves it as a whole; returns the template as saved. */
async function editar(
  db: Db,
  ctx: Contexto,
  codigo: string,
  cambiar: (d: Definicion) => Definicion,
): Promise<Plantilla> {
  return db.transaction().execute(async (trx) => {
    const vigente = await cargarPlantilla(trx, (await versionVigente(trx, codigo)).id);
    const { etapas, conexiones } = cambiar(definicion(vigente));
    const id = await crearServicioPlantillas(trx).actualizar(ctx, vigente.workflow.id, { etapas, conexiones });
    return cargarPlantilla(trx, id);
  });
}

function indice<T>(lista: T[], cumple: (x: T) => boolean, que: string): number {
  const i = lista.findIndex(cumple);
  if (i < 0) throw noEncontrado(que);
  return i;
}

const sin = <T>(lista: T[], i: number) => lista.filter((_, j) => j !== i);
const con = <T>(lista: T[], i: number, x: T) => lista.map((y, j) => (j === i ? x : y));

/** The i-th connection (in save order) with these ends. */
function indiceConexion(d: Definicion, clave: ClaveDe<'conexion'>): number {
  const mismas = d.conexiones
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.etapa_origen === clave.origen && c.etapa_destino === clave.destino);
  const elegida = mismas[clave.rango];
  if (!elegida) throw noEncontrado('La conexión');
  return elegida.i;
}

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
      const p = await editar(db, ctx, wf.codigo, (d) => {
        if (d.etapas.some((e) => e.codigo === etapa.codigo))
          throw new AppError('DUPLICADO', `La plantilla ya tiene una etapa ${etapa.codigo}`);
        return { ...d, etapas: [...d.etapas, etapa] };
      });
      return etapaEn(p, { etapa: etapa.codigo });
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
      const p = await editar(db, ctx, clave.plantilla, (d) => {
        const i = indice(d.etapas, (e) => e.codigo === clave.etapa, 'La etapa');
        return { ...d, etapas: con(d.etapas, i, aplicar(EtapaNueva, d.etapas[i]!, body)) };
      });
      return etapaEn(p, clave);
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
      await editar(db, ctx, clave.plantilla, (d) => ({
        etapas: sin(
          d.etapas,
          indice(d.etapas, (e) => e.codigo === clave.etapa, 'La etapa'),
        ),
        conexiones: d.conexiones.filter((c) => c.etapa_origen !== clave.etapa && c.etapa_destino !== clave.etapa),
      }));
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
      const etapa = await claveDe(db, 'etapa', etapa_id);
      const p = await editar(db, ctx, etapa.plantilla, (d) => {
        const i = indice(d.etapas, (e) => e.codigo === etapa.etapa, 'La etapa');
        const e = d.etapas[i]!;
        if (e.preguntas.some((q) => q.codigo === pregunta.codigo))
          throw new AppError('DUPLICADO', `La etapa ${e.codigo} ya tiene una pregunta ${pregunta.codigo}`);
        return { ...d, etapas: con(d.etapas, i, { ...e, preguntas: [...e.preguntas, pregunta] }) };
      });
      return preguntaEn(p, { ...etapa, tipo: 'pregunta', pregunta: pregunta.codigo });
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
  const editarPregunta = async (
    ctx: Contexto,
    id: string,
    cambio: (q: PreguntaNueva[], i: number) => PreguntaNueva[],
  ) => {
    const clave = await claveDe(db, 'pregunta', id);
    const p = await editar(db, ctx, clave.plantilla, (d) => {
      const i = indice(d.etapas, (e) => e.codigo === clave.etapa, 'La etapa');
      const e = d.etapas[i]!;
      const j = indice(e.preguntas, (q) => q.codigo === clave.pregunta, 'La pregunta');
      return { ...d, etapas: con(d.etapas, i, { ...e, preguntas: cambio(e.preguntas, j) }) };
    });
    return { p, clave };
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
      const { p, clave } = await editarPregunta(ctx, params.id!, (qs, j) =>
        con(qs, j, aplicar(PreguntaNueva, qs[j]!, body)),
      );
      return preguntaEn(p, clave);
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
      await editarPregunta(ctx, params.id!, sin);
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
      let rango = 0;
      const p = await editar(db, ctx, wf.codigo, (d) => {
        rango = d.conexiones.filter((c) => c.etapa_origen === origen && c.etapa_destino === destino).length;
        return { ...d, conexiones: [...d.conexiones, nueva] };
      });
      return conexionEn(p, { tipo: 'conexion', plantilla: wf.codigo, origen, destino, rango });
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
      const p = await editar(db, ctx, clave.plantilla, (d) => {
        const i = indiceConexion(d, clave);
        return { ...d, conexiones: con(d.conexiones, i, aplicar(ConexionNueva, d.conexiones[i]!, body)) };
      });
      return conexionEn(p, clave);
    },
  );
  api.ruta(
    { method: 'delete', path: '/workflow/conexiones/{id}', resumen: 'Quitar una conexión', etiqueta, respuesta: null },
    async ({ ctx, params }) => {
      const clave = await claveDe(db, 'conexion', params.id!);
      await editar(db, ctx, clave.plantilla, (d) => ({
        ...d,
        conexiones: sin(d.conexiones, indiceConexion(d, clave)),
      }));
    },
  );
}

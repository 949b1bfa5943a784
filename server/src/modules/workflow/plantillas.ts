/**
 * Workflow templates: only ADMIN edits them, every save is validated (shared/src/workflow/plantilla.ts), and a
 * template that cases already run on is never changed under them: a new graph becomes a new version.
 */
import { v7 as uuidv7 } from 'uuid';
import { definicionPorCodigos, validarPlantilla } from '#shared/workflow/plantilla';
import {
  CAMBIOS_ESTADO_WORKFLOW,
  type ConexionNueva,
  type EstadoWorkflow,
  type EtapaNueva,
  type PreguntaNueva,
  type WorkflowCambios,
  type WorkflowNuevo,
} from '#shared/workflow/schemas';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, type Trx } from '../../db/escritura.js';
import { actualizar, insertar } from '../../escritor.js';
import type { WorkflowConexionRow, WorkflowEtapaRow, WorkflowPreguntaRow, WorkflowRow } from '../../db/schema.js';
import { AppError, permisoDenegado } from '../../error-api.js';
import { crearCeder } from './ceder.js';
import { cargarPlantilla, workflowPorId, type Lector, type Plantilla } from './repo.js';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const bit = (b: boolean) => (b ? 1 : 0) as 0 | 1;

export function exigirAdmin(ctx: Contexto) {
  if (ctx.actor.rol !== 'ADMIN') throw permisoDenegado('Solo el administrador edita plantillas de trámite');
}

export function rechazarSiHay(problemas: string[]) {
  if (problemas.length) throw new AppError('VALIDACION', `Plantilla inválida: ${problemas.join('; ')}`, { problemas });
}

/** A BORRADOR may be saved incomplete (built part by part, docs/compatibilidad.md); any other state, whole. */
const validarDefinicion = (etapas: EtapaNueva[], conexiones: ConexionNueva[], estado: string) =>
  rechazarSiHay(validarPlantilla(definicionPorCodigos(etapas, conexiones), { completa: estado !== 'BORRADOR' }));

/** "1.0" → "1.1": the next minor version after the highest of this code. */
function siguienteVersion(versiones: string[]): string {
  const mayor = versiones
    .map((v) => v.split('.').map(Number))
    .sort((a, b) => a[0]! - b[0]! || (a[1] ?? 0) - (b[1] ?? 0))
    .pop() ?? [1, 0];
  return `${mayor[0]}.${(mayor[1] ?? 0) + 1}`;
}

type Autor = { activo: 1; created_at: string; created_by: string };
const autorDe = (ctx: Contexto): Autor => ({ activo: 1, created_at: ahora(), created_by: ctx.actor.id });

/** A stage's columns from its input (without its questions). */
export const columnasEtapa = (e: EtapaNueva) => ({
  codigo: e.codigo,
  nombre: e.nombre,
  descripcion: e.descripcion ?? null,
  tipo_etapa: e.tipo_etapa,
  orden: e.orden,
  posicion_x: e.posicion_x ?? null,
  posicion_y: e.posicion_y ?? null,
  perfiles_permitidos: JSON.stringify(e.perfiles_permitidos),
  titulo_formulario: e.titulo_formulario ?? null,
  bajada_formulario: e.bajada_formulario ?? null,
  es_etapa_inicial: bit(e.es_etapa_inicial),
  es_etapa_final: bit(e.es_etapa_final),
  requiere_validacion: bit(e.requiere_validacion),
  permite_edicion_posterior: bit(e.permite_edicion_posterior),
  tiempo_estimado_minutos: e.tiempo_estimado_minutos ?? null,
  reglas_transicion: json(e.reglas_transicion),
});

export const columnasPregunta = (p: PreguntaNueva) => ({
  codigo: p.codigo,
  pregunta: p.pregunta,
  tipo_pregunta: p.tipo_pregunta,
  orden: p.orden,
  es_obligatoria: bit(p.es_obligatoria),
  validacion_regex: p.validacion_regex ?? null,
  mensaje_validacion: p.mensaje_validacion ?? null,
  opciones: json(p.opciones),
  opciones_datos_caso: json(p.opciones_datos_caso),
  permite_multiple: bit(p.permite_multiple),
  extensiones_permitidas: json(p.extensiones_permitidas),
  tamano_maximo_mb: p.tamano_maximo_mb ?? null,
  requiere_ocr: bit(p.requiere_ocr),
  texto_ayuda: p.texto_ayuda ?? null,
  placeholder: p.placeholder ?? null,
  valor_predeterminado: p.valor_predeterminado ?? null,
  mostrar_si: json(p.mostrar_si),
});

/** A connection's columns other than its ends (ids, resolved by the caller). */
export const columnasConexion = (c: Omit<ConexionNueva, 'etapa_origen' | 'etapa_destino'>) => ({
  nombre: c.nombre ?? null,
  tipo_conexion: c.tipo_conexion,
  condicion: json(c.condicion),
  es_predeterminada: bit(c.es_predeterminada),
});

/** Inserts one stage with its questions (ids may be chosen by the caller, who validated the template with them). */
export async function insertarEtapa(
  trx: Trx,
  ctx: Contexto,
  workflowId: string,
  e: EtapaNueva,
  ceder: () => Promise<void> = async () => undefined,
  ids: { etapa?: string; preguntas?: string[] } = {},
): Promise<{ etapa: WorkflowEtapaRow; preguntas: WorkflowPreguntaRow[] }> {
  const autor = autorDe(ctx);
  const etapa = await insertar(trx, ctx, 'workflow_etapas', {
    id: ids.etapa ?? uuidv7(),
    workflow_id: workflowId,
    ...columnasEtapa(e),
    ...autor,
  });
  const preguntas: WorkflowPreguntaRow[] = [];
  for (const [i, p] of e.preguntas.entries()) {
    await ceder();
    preguntas.push(
      await insertar(trx, ctx, 'workflow_preguntas', {
        id: ids.preguntas?.[i] ?? uuidv7(),
        etapa_id: etapa.id,
        ...columnasPregunta(p),
        ...autor,
      }),
    );
  }
  return { etapa, preguntas };
}

async function insertarDefinicion(
  trx: Trx,
  ctx: Contexto,
  workflowId: string,
  etapas: EtapaNueva[],
  conexiones: ConexionNueva[],
  ceder: () => Promise<void>,
) {
  const ids = new Map<string, string>();
  for (const e of etapas) {
    await ceder();
    ids.set(e.codigo, (await insertarEtapa(trx, ctx, workflowId, e, ceder)).etapa.id);
  }
  for (const c of conexiones) {
    await ceder();
    await insertar(trx, ctx, 'workflow_conexiones', {
      id: uuidv7(),
      workflow_id: workflowId,
      etapa_origen_id: ids.get(c.etapa_origen)!,
      etapa_destino_id: ids.get(c.etapa_destino)!,
      ...columnasConexion(c),
      ...autorDe(ctx),
    });
  }
}

/** A template's active connections in the order they were saved (uuidv7 ids grow in insertion order). */
export const conexionesDe = (db: Lector, workflowId: string): Promise<WorkflowConexionRow[]> =>
  db
    .selectFrom('workflow_conexiones')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .where('activo', '=', 1)
    .orderBy('id')
    .execute();

/** A draft's old graph stays, inactive (audited and synced as a change, never deleted). */
async function desactivarDefinicion(trx: Trx, ctx: Contexto, workflowId: string, ceder: () => Promise<void>) {
  const p = await cargarPlantilla(trx, workflowId);
  for (const c of await conexionesDe(trx, workflowId)) {
    await ceder();
    await actualizar(trx, ctx, 'workflow_conexiones', c, { activo: 0 }, 'ELIMINAR');
  }
  for (const q of p.preguntas) {
    await ceder();
    await actualizar(trx, ctx, 'workflow_preguntas', q, { activo: 0 }, 'ELIMINAR');
  }
  for (const e of p.etapas) {
    await ceder();
    await actualizar(trx, ctx, 'workflow_etapas', e, { activo: 0 }, 'ELIMINAR');
  }
}

/** One active version per code: activating one retires the others to INACTIVO. */
async function retirarOtrasVersiones(trx: Trx, ctx: Contexto, wf: Pick<WorkflowRow, 'id' | 'codigo'>) {
  const otras = await trx
    .selectFrom('workflows')
    .selectAll()
    .where('codigo', '=', wf.codigo)
    .where('id', '!=', wf.id)
    .where('estado', '=', 'ACTIVO')
    .execute();
  for (const o of otras)
    await actualizar(trx, ctx, 'workflows', o, { estado: 'INACTIVO', updated_by: ctx.actor.id }, 'CAMBIAR_ESTADO');
}

/** Whether any case (running or finished) was started on this template version. */
export const enUso = async (db: Lector, workflowId: string) =>
  Boolean(
    await db
      .selectFrom('workflow_instancias')
      .select('id')
      .where('workflow_id', '=', workflowId)
      .limit(1)
      .executeTakeFirst(),
  );

/** The template's next version: a new workflows row (same code, next minor version) with `cambios` applied. */
async function insertarVersionSiguiente(trx: Trx, ctx: Contexto, wf: WorkflowRow, cambios: Partial<WorkflowRow> = {}) {
  const versiones = await trx
    .selectFrom('workflows')
    .select('version_plantilla')
    .where('codigo', '=', wf.codigo)
    .execute();
  return insertar(
    trx,
    ctx,
    'workflows',
    {
      ...wf,
      updated_by: ctx.actor.id,
      ...cambios,
      id: uuidv7(),
      version_plantilla: siguienteVersion(versiones.map((v) => v.version_plantilla)),
      created_at: ahora(),
      created_by: ctx.actor.id,
    },
    'NUEVA_VERSION',
  );
}

/**
 * A template that cases run on never changes under them (docs/workflow.md, "Versioning"): before a part of it is
 * edited, its graph is copied as is into the next version, which the edit then changes in place. Copying writes every
 * row of the graph once (the cost of the rule); the edits after it, on a version no case uses yet, write only their
 * part. Returns the new version's id.
 */
export async function copiarComoVersionSiguiente(trx: Trx, ctx: Contexto, p: Plantilla): Promise<string> {
  const ceder = crearCeder();
  const destino = await insertarVersionSiguiente(trx, ctx, p.workflow);
  const autor = autorDe(ctx);
  const etapas = new Map<string, string>();
  for (const e of p.etapas) {
    await ceder();
    const { version: _v, updated_at: _u, ...fila } = e;
    const id = uuidv7();
    etapas.set(e.id, id);
    await insertar(trx, ctx, 'workflow_etapas', { ...fila, id, workflow_id: destino.id, ...autor });
  }
  for (const q of p.preguntas) {
    await ceder();
    const { version: _v, updated_at: _u, ...fila } = q;
    await insertar(trx, ctx, 'workflow_preguntas', {
      ...fila,
      id: uuidv7(),
      etapa_id: etapas.get(q.etapa_id)!,
      ...autor,
    });
  }
  for (const c of await conexionesDe(trx, p.workflow.id)) {
    await ceder();
    const { version: _v, updated_at: _u, ...fila } = c;
    await insertar(trx, ctx, 'workflow_conexiones', {
      ...fila,
      id: uuidv7(),
      workflow_id: destino.id,
      etapa_origen_id: etapas.get(c.etapa_origen_id)!,
      etapa_destino_id: etapas.get(c.etapa_destino_id)!,
      ...autor,
    });
  }
  if (destino.estado === 'ACTIVO') await retirarOtrasVersiones(trx, ctx, destino);
  return destino.id;
}

export function crearServicioPlantillas(db: Db | Trx) {
  const enTransaccion = <T>(fn: (trx: Trx) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);

  return {
    async crear(ctx: Contexto, datos: WorkflowNuevo): Promise<string> {
      exigirAdmin(ctx);
      validarDefinicion(datos.etapas, datos.conexiones, datos.estado);
      return enTransaccion(async (trx) => {
        const existe = await trx
          .selectFrom('workflows')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('id', '=', datos.id ?? ''),
              eb.and([eb('codigo', '=', datos.codigo), eb('version_plantilla', '=', datos.version_plantilla)]),
            ]),
          )
          .executeTakeFirst();
        if (existe)
          throw new AppError('DUPLICADO', `Ya existe la plantilla ${datos.codigo} versión ${datos.version_plantilla}`);
        const wf = await insertar(trx, ctx, 'workflows', {
          id: datos.id ?? uuidv7(),
          codigo: datos.codigo,
          version_plantilla: datos.version_plantilla,
          nombre: datos.nombre,
          descripcion: datos.descripcion ?? null,
          estado: datos.estado,
          color_hex: datos.color_hex ?? null,
          icono: datos.icono ?? null,
          categoria: datos.categoria ?? null,
          requiere_autenticacion: bit(datos.requiere_autenticacion),
          es_publico: bit(datos.es_publico),
          perfiles_creadores: JSON.stringify(datos.perfiles_creadores),
          activo: 1,
          created_at: ahora(),
          created_by: ctx.actor.id,
          updated_by: null,
        });
        await insertarDefinicion(trx, ctx, wf.id, datos.etapas, datos.conexiones, crearCeder());
        if (wf.estado === 'ACTIVO') await retirarOtrasVersiones(trx, ctx, wf);
        return wf.id;
      });
    },

    /** Returns the id of the template as saved: the same one, or the new version when cases run on it. */
    async actualizar(ctx: Contexto, id: string, cambios: WorkflowCambios): Promise<string> {
      exigirAdmin(ctx);
      const { etapas, conexiones, estado, version, ...metadatos } = cambios;
      return enTransaccion(async (trx) => {
        const wf = await workflowPorId(trx, id);
        if (wf.estado === 'ARCHIVADO') throw new AppError('EDICION_NO_PERMITIDA', 'La plantilla está archivada');
        if (estado && estado !== wf.estado && !CAMBIOS_ESTADO_WORKFLOW[wf.estado as EstadoWorkflow].includes(estado))
          throw new AppError('TRANSICION_NO_PERMITIDA', `Una plantilla ${wf.estado} no puede pasar a ${estado}`);
        if (etapas && conexiones) validarDefinicion(etapas, conexiones, estado ?? wf.estado);
        // A draft leaving BORRADOR with its stored graph: that graph must now be whole.
        else if (wf.estado === 'BORRADOR' && estado && estado !== 'BORRADOR')
          rechazarSiHay(validarPlantilla((await cargarPlantilla(trx, wf.id)).def));
        const fila = {
          ...Object.fromEntries(Object.entries(metadatos).filter(([, v]) => v !== undefined)),
          ...(metadatos.perfiles_creadores ? { perfiles_creadores: JSON.stringify(metadatos.perfiles_creadores) } : {}),
          ...(metadatos.requiere_autenticacion !== undefined
            ? { requiere_autenticacion: bit(metadatos.requiere_autenticacion) }
            : {}),
          ...(metadatos.es_publico !== undefined ? { es_publico: bit(metadatos.es_publico) } : {}),
          ...(estado ? { estado } : {}),
          updated_by: ctx.actor.id,
        };
        let destino: WorkflowRow;
        const ceder = crearCeder();
        if (etapas && conexiones && (await enUso(trx, wf.id))) {
          destino = await insertarVersionSiguiente(trx, ctx, wf, fila as Partial<WorkflowRow>);
          await insertarDefinicion(trx, ctx, destino.id, etapas, conexiones, ceder);
        } else {
          destino = await actualizar(trx, ctx, 'workflows', wf, fila, 'ACTUALIZAR', version);
          if (etapas && conexiones) {
            await desactivarDefinicion(trx, ctx, wf.id, ceder);
            await insertarDefinicion(trx, ctx, wf.id, etapas, conexiones, ceder);
          }
        }
        if (destino.estado === 'ACTIVO') await retirarOtrasVersiones(trx, ctx, destino);
        return destino.id;
      });
    },

    async eliminar(ctx: Contexto, id: string): Promise<void> {
      exigirAdmin(ctx);
      await enTransaccion(async (trx) => {
        const wf = await workflowPorId(trx, id);
        await actualizar(
          trx,
          ctx,
          'workflows',
          wf,
          { activo: 0, estado: 'ARCHIVADO', updated_by: ctx.actor.id },
          'ELIMINAR',
        );
      });
    },
  };
}

/** /api/v1/workflow: templates (ADMIN edits) and the cases they drive, with the reference's paths (docs/compatibilidad.md). */
import { z } from 'zod';
import {
  ComentarioWorkflow,
  FiltrosInstancias,
  FiltrosWorkflows,
  InstanciaCambios,
  InstanciaNueva,
  RespuestasEtapa,
  TransicionInstancia,
  WorkflowCambios,
  WorkflowNuevo,
  ComentarioWorkflowRespuesta,
  HistorialWorkflowRespuesta,
  InstanciaDetalle,
  InstanciasPagina,
  WorkflowDetalle,
  WorkflowItem,
} from '#shared/workflow/schemas';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../error-api.js';
import type { Api } from '../../http/api.js';
import { paginas } from '../../http/pagina.js';
import { crearServicioPlantillas } from './plantillas.js';
import { cargarPlantilla, filtrarOficinaInstancias, instanciaVisible, respuestasDe } from './repo.js';
import * as ser from './serializar.js';
import type { ServicioWorkflow } from './service.js';
import { rutasSubrecursos } from './subrecursos.js';

const etiqueta = 'Workflow';
const Comentarios = z.strictObject({ incluir_internos: z.enum(['true', 'false']).default('true') });

/** The reference's `version: "1.0"` on create is our version_plantilla; both given and different is a contradiction. */
function conVersionLegada({ version, ...datos }: WorkflowNuevo, crudo: { version_plantilla?: unknown }): WorkflowNuevo {
  if (version === undefined) return datos;
  if (crudo.version_plantilla !== undefined && version !== datos.version_plantilla)
    throw new AppError(
      'VALIDACION',
      'version y version_plantilla nombran lo mismo (la versión de la plantilla) y llegaron distintas; envíe una sola',
    );
  return { ...datos, version_plantilla: version };
}

export function rutasWorkflow(api: Api, db: Db, wf: ServicioWorkflow) {
  const plantillas = crearServicioPlantillas(db);
  const detalleWf = async (id: string) => ser.detalleWorkflow(await cargarPlantilla(db, id));
  const detalleInstancia = async (ctx: Contexto, id: string) => {
    const i = await instanciaVisible(db, ctx.actor, id);
    const [p, guardadas] = await Promise.all([cargarPlantilla(db, i.workflow_id), respuestasDe(db, i.id)]);
    return ser.detalleInstancia(i, p, guardadas, ctx.actor.rol);
  };

  api.ruta(
    {
      method: 'post',
      path: '/workflow/workflows',
      resumen: 'Crear una plantilla completa (etapas, preguntas y conexiones por código)',
      etiqueta,
      body: WorkflowNuevo,
      status: 201,
      respuesta: WorkflowDetalle,
    },
    async ({ ctx, body, req }) => detalleWf(await plantillas.crear(ctx, conVersionLegada(body, req.body))),
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/workflows',
      resumen: 'Listar plantillas',
      etiqueta,
      query: FiltrosWorkflows,
      permiso: 'solicitud.ver',
      respuesta: z.array(WorkflowItem),
    },
    async ({ query }) => {
      let q = db
        .selectFrom('workflows')
        .selectAll('workflows')
        .select((eb) => [
          eb
            .selectFrom('workflow_etapas')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('workflow_etapas.workflow_id', '=', 'workflows.id')
            .where('workflow_etapas.activo', '=', 1)
            .as('total_etapas'),
          eb
            .selectFrom('workflow_instancias')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('workflow_instancias.workflow_id', '=', 'workflows.id')
            .as('total_instancias'),
        ])
        .where('workflows.activo', '=', query.activo === 'false' ? 0 : 1);
      if (query.estado) q = q.where('workflows.estado', '=', query.estado);
      if (query.categoria) q = q.where('workflows.categoria', '=', query.categoria);
      if (query.codigo) q = q.where('workflows.codigo', '=', query.codigo);
      q = q.orderBy('workflows.codigo').orderBy('workflows.created_at');
      // The reference's window; SQL has no OFFSET without a LIMIT, so `skip` alone reads up to its maximum (1000).
      if (query.limit !== undefined || query.skip) q = q.limit(query.limit ?? 1000);
      if (query.skip) q = q.offset(query.skip);
      const filas = await q.execute();
      return filas.map(({ total_etapas, total_instancias, ...w }) => ({
        ...ser.workflow(w),
        total_etapas: Number(total_etapas),
        total_instancias: Number(total_instancias),
      }));
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/workflows/{id}',
      resumen: 'Plantilla con etapas, preguntas y conexiones',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: WorkflowDetalle,
    },
    async ({ params }) => detalleWf(params.id!),
  );
  api.ruta(
    {
      method: 'put',
      path: '/workflow/workflows/{id}',
      resumen: 'Actualizar una plantilla (nueva versión si ya tiene trámites)',
      etiqueta,
      body: WorkflowCambios,
      respuesta: WorkflowDetalle,
    },
    async ({ ctx, params, body }) => detalleWf(await plantillas.actualizar(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'delete',
      path: '/workflow/workflows/{id}',
      resumen: 'Archivar (baja lógica) una plantilla',
      etiqueta,
      respuesta: null,
    },
    async ({ ctx, params }) => {
      await plantillas.eliminar(ctx, params.id!);
    },
  );
  rutasSubrecursos(api, db);

  api.ruta(
    {
      method: 'post',
      path: '/workflow/instancias',
      resumen: 'Iniciar un trámite con una plantilla ACTIVA',
      etiqueta,
      body: InstanciaNueva,
      status: 201,
      respuesta: InstanciaDetalle,
    },
    async ({ ctx, body }) => detalleInstancia(ctx, await wf.iniciarInstancia(ctx, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/instancias',
      resumen: 'Trámites de la oficina (más recientes primero)',
      etiqueta,
      query: FiltrosInstancias,
      permiso: 'solicitud.ver',
      respuesta: InstanciasPagina,
    },
    async ({ ctx, query }) => {
      let q = filtrarOficinaInstancias(db.selectFrom('workflow_instancias'), ctx.actor).where('activo', '=', 1);
      if (query.workflow_id) q = q.where('workflow_id', '=', query.workflow_id);
      if (query.estado) q = q.where('estado', '=', query.estado);
      if (query.creado_por) q = q.where('creado_por_user_id', '=', query.creado_por);
      if (query.asignado_a) q = q.where('asignado_a_user_id', '=', query.asignado_a);
      const pageSize = query.limit ?? query.page_size ?? 20;
      const desde = query.skip ?? ((query.page ?? 1) - 1) * pageSize;
      const [{ total }, filas] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        q.selectAll().orderBy('fecha_inicio', 'desc').orderBy('id', 'desc').limit(pageSize).offset(desde).execute(),
      ]);
      return {
        items: filas.map(ser.itemInstancia),
        total: Number(total),
        page: Math.floor(desde / pageSize) + 1,
        page_size: pageSize,
        total_pages: paginas(Number(total), pageSize),
      };
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/instancias/{id}',
      resumen: 'Detalle del trámite y lo que el usuario puede hacer ahora',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: InstanciaDetalle,
    },
    ({ ctx, params }) => detalleInstancia(ctx, params.id!),
  );
  api.ruta(
    {
      method: 'put',
      path: '/workflow/instancias/{id}',
      resumen: 'Asignar, priorizar, corregir titular o cancelar',
      etiqueta,
      body: InstanciaCambios,
      respuesta: InstanciaDetalle,
    },
    async ({ ctx, params, body }) => {
      await wf.editarInstancia(ctx, params.id!, body);
      return detalleInstancia(ctx, params.id!);
    },
  );
  api.ruta(
    {
      method: 'post',
      path: '/workflow/instancias/{id}/respuestas',
      resumen: 'Guardar respuestas de la etapa actual sin avanzar',
      etiqueta,
      body: RespuestasEtapa,
      respuesta: InstanciaDetalle,
    },
    async ({ ctx, params, body }) => {
      await wf.responder(ctx, params.id!, body);
      return detalleInstancia(ctx, params.id!);
    },
  );
  api.ruta(
    {
      method: 'post',
      path: '/workflow/instancias/{id}/transicion',
      resumen: 'Avanzar por una conexión (reglas evaluadas en el servidor)',
      etiqueta,
      body: TransicionInstancia,
      respuesta: InstanciaDetalle,
    },
    async ({ ctx, params, body }) => {
      await wf.transicionar(ctx, params.id!, body);
      return detalleInstancia(ctx, params.id!);
    },
  );
  api.ruta(
    {
      method: 'post',
      path: '/workflow/instancias/{id}/comentarios',
      resumen: 'Agregar un comentario',
      etiqueta,
      body: ComentarioWorkflow,
      status: 201,
      respuesta: ComentarioWorkflowRespuesta,
    },
    async ({ ctx, params, body }) => ser.comentario(await wf.comentar(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/instancias/{id}/comentarios',
      resumen: 'Comentarios (más recientes primero)',
      etiqueta,
      query: Comentarios,
      permiso: 'solicitud.ver',
      respuesta: z.array(ComentarioWorkflowRespuesta),
    },
    async ({ ctx, params, query }) => {
      await instanciaVisible(db, ctx.actor, params.id!);
      let q = db.selectFrom('workflow_comentarios').selectAll().where('instancia_id', '=', params.id!);
      if (query.incluir_internos === 'false' || ctx.actor.rol === 'CONSULTA') q = q.where('es_interno', '=', 0);
      return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(ser.comentario);
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/workflow/instancias/{id}/historial',
      resumen: 'Historial del trámite (más reciente primero)',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: z.array(HistorialWorkflowRespuesta),
    },
    async ({ ctx, params }) => {
      await instanciaVisible(db, ctx.actor, params.id!);
      const filas = await db
        .selectFrom('workflow_historial')
        .selectAll()
        .where('instancia_id', '=', params.id!)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return filas.map(ser.historial);
    },
  );
}

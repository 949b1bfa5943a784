/**
 * Workflow cases (instancias): start, answer, transition, assign, cancel, comment. The rules come from the shared engine
 * (shared/src/workflow/motor.ts), so the desktop's offline verdict and the server's agree. Every method takes the
 * caller's context, checks office scope, writes through db/escritura.ts and, built on a transaction (the sync push),
 * joins it. The REST routes and the offline-sync commands call these same methods.
 */
import { v7 as uuidv7 } from 'uuid';
import { fechaPanama } from '#shared/calendario';
import { tienePermiso } from '#shared/roles';
import { normalizarBusqueda } from '#shared/texto';
import { preguntasVisibles, type EtapaDef, type Valores } from '#shared/workflow/motor';
import {
  rechazoSiTramiteCerrado,
  validarCambiosInstancia,
  validarInicio,
  validarRespuestasEtapa,
} from '#shared/workflow/reglas';
import { slots, valoresDe } from '#shared/workflow/respuestas';
import {
  type ComentarioWorkflow,
  type InstanciaCambios,
  type InstanciaNueva,
  type Respuestas,
  type RespuestasEtapa,
  type TransicionInstancia,
} from '#shared/workflow/schemas';
import { titularDeRespuestas } from '#shared/workflow/titular';
import { instanciaNueva, moverInstancia } from '#shared/workflow/transicion';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, comprobarVersion, type Trx } from '../../db/escritura.js';
import { actualizar, insertar } from '../../escritor.js';
import type { WorkflowInstanciaRow } from '../../db/schema.js';
import { formatoNumero, siguienteValor } from '../../db/secuencias.js';
import { AppError, cumplir, noEncontrado, permisoDenegado } from '../../error-api.js';
import { cargarPlantilla, instanciaVisible, respuestasDe, type Plantilla } from './repo.js';

export interface HooksWorkflow {
  /** Called after a case is started (metrics). */
  iniciada?: () => void;
}

function textoBusqueda(
  i: Pick<
    WorkflowInstanciaRow,
    'num_expediente' | 'referencia_provisional' | 'nombre_instancia' | 'nombre_titular' | 'documento_titular'
  >,
) {
  return normalizarBusqueda(
    [i.num_expediente, i.referencia_provisional, i.nombre_instancia, i.nombre_titular, i.documento_titular]
      .filter(Boolean)
      .join(' '),
  ).slice(0, 4000);
}

export function crearServicioWorkflow(db: Db | Trx, hooks: HooksWorkflow = {}) {
  const enTransaccion = <T>(fn: (trx: Trx) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);

  async function historial(
    trx: Trx,
    ctx: Contexto,
    i: WorkflowInstanciaRow,
    tipo: 'INICIO' | 'TRANSICION' | 'CAMBIO_ESTADO' | 'ASIGNACION',
    cambio: { destino?: string | null; estado_nuevo?: string; descripcion?: string; datos?: unknown },
  ) {
    await insertar(trx, ctx, 'workflow_historial', {
      id: uuidv7(),
      instancia_id: i.id,
      tipo_cambio: tipo,
      etapa_origen_id: tipo === 'INICIO' ? null : i.etapa_actual_id,
      etapa_destino_id: cambio.destino ?? null,
      estado_anterior: tipo === 'INICIO' ? null : i.estado,
      estado_nuevo: cambio.estado_nuevo ?? i.estado,
      descripcion: cambio.descripcion ?? null,
      datos_adicionales: cambio.datos === undefined ? null : JSON.stringify(cambio.datos),
      created_at: ahora(),
      created_by: ctx.actor.id,
    });
  }

  /** Stores the visible answers of the current stage; hidden ones (mostrar_si) do not apply and are not kept. */
  async function guardarRespuestas(
    trx: Trx,
    ctx: Contexto,
    i: WorkflowInstanciaRow,
    etapa: EtapaDef,
    enviadas: Respuestas,
    valores: Valores,
    completar: boolean,
  ) {
    let re = await trx
      .selectFrom('workflow_respuestas_etapa')
      .selectAll()
      .where('instancia_id', '=', i.id)
      .where('etapa_id', '=', etapa.id)
      .executeTakeFirst();
    const instante = ahora();
    if (!re)
      re = await insertar(trx, ctx, 'workflow_respuestas_etapa', {
        id: uuidv7(),
        instancia_id: i.id,
        etapa_id: etapa.id,
        completada: 0,
        fecha_inicio: instante,
        fecha_completado: null,
        completado_por_user_id: null,
      });
    const visibles = new Map(preguntasVisibles(etapa, valores).map((p) => [p.codigo, p]));
    for (const [codigo, valor] of Object.entries(enviadas)) {
      const p = visibles.get(codigo);
      if (!p) continue;
      const previa = await trx
        .selectFrom('workflow_respuestas')
        .selectAll()
        .where('respuesta_etapa_id', '=', re.id)
        .where('pregunta_id', '=', p.id)
        .executeTakeFirst();
      if (previa) await actualizar(trx, ctx, 'workflow_respuestas', previa, slots(p.tipo_pregunta, valor), 'RESPONDER');
      else
        await insertar(
          trx,
          ctx,
          'workflow_respuestas',
          {
            id: uuidv7(),
            respuesta_etapa_id: re.id,
            pregunta_id: p.id,
            ...slots(p.tipo_pregunta, valor),
            created_at: instante,
            created_by: ctx.actor.id,
          },
          'RESPONDER',
        );
    }
    if (completar)
      await actualizar(trx, ctx, 'workflow_respuestas_etapa', re, {
        completada: 1,
        fecha_completado: instante,
        completado_por_user_id: ctx.actor.id,
      });
  }

  /** The case (at the version the caller saw), its template and the answers conditions see once `enviadas` apply. */
  async function contexto(trx: Trx, ctx: Contexto, id: string, enviadas: Respuestas, version: number | undefined) {
    const i = await instanciaVisible(trx, ctx.actor, id);
    comprobarVersion(i, version);
    cumplir(rechazoSiTramiteCerrado(i.estado));
    const plantilla = await cargarPlantilla(trx, i.workflow_id);
    const etapa = plantilla.def.etapas.find((e) => e.id === i.etapa_actual_id);
    if (!etapa) throw new AppError('REGLA_NEGOCIO', 'La etapa actual del trámite ya no está en su plantilla');
    const valores = { ...valoresDe(await respuestasDe(trx, i.id), etapa.id), ...enviadas };
    return { i, plantilla, etapa, valores };
  }

  async function validarAsignado(trx: Trx, userId: string, agencia: string) {
    const u = await trx
      .selectFrom('usuarios')
      .select(['cod_agencia', 'activo', 'rol'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!u?.activo || u.cod_agencia !== agencia || u.rol === 'CONSULTA')
      throw new AppError(
        'VALIDACION',
        'El funcionario asignado no existe, no está activo o no pertenece a la oficina del trámite',
      );
  }

  const servicio = {
    async iniciarInstancia(ctx: Contexto, datos: InstanciaNueva): Promise<string> {
      const id = await enTransaccion(async (trx) => {
        let q = trx.selectFrom('workflows').select('id').where('activo', '=', 1);
        q = datos.workflow_id
          ? q.where('id', '=', datos.workflow_id)
          : q.where('codigo', '=', datos.workflow_codigo!).where('estado', '=', 'ACTIVO');
        const wfId = (await q.executeTakeFirst())?.id;
        if (!wfId) throw noEncontrado(`La plantilla ${datos.workflow_codigo ?? datos.workflow_id} (activa)`);
        const plantilla: Plantilla = await cargarPlantilla(trx, wfId);
        const wf = plantilla.workflow;
        const creadores = JSON.parse(wf.perfiles_creadores) as string[];
        const inicio = validarInicio({ ...wf, creadores, def: plantilla.def }, ctx.actor.rol);
        if (!inicio.ok) cumplir(inicio);
        const { inicial } = inicio;
        const id = datos.id ?? uuidv7();
        if (await trx.selectFrom('workflow_instancias').select('id').where('id', '=', id).executeTakeFirst())
          throw new AppError('DUPLICADO', 'Ya existe un trámite con ese identificador');
        if (datos.asignado_a_user_id) await validarAsignado(trx, datos.asignado_a_user_id, ctx.actor.cod_agencia);
        const instante = ahora();
        const hoy = fechaPanama();
        const anio = Number(hoy.slice(0, 4));
        const prefijo = `WF-${wf.codigo}`;
        const num = formatoNumero(prefijo, anio, await siguienteValor(trx, prefijo, anio));
        const fila = {
          id,
          num_expediente: num,
          ...instanciaNueva({ datos, workflow: wf, inicial, actor: ctx.actor, instante, hoy }),
        };
        const i = await insertar(trx, ctx, 'workflow_instancias', { ...fila, texto_busqueda: textoBusqueda(fila) });
        await historial(trx, ctx, i, 'INICIO', {
          destino: inicial.id,
          estado_nuevo: 'INICIADO',
          descripcion: `Trámite iniciado en ${inicial.codigo}`,
        });
        return id;
      });
      hooks.iniciada?.();
      return id;
    },

    /** Saves answers of the current stage without leaving it (a form filled in several sittings). */
    async responder(ctx: Contexto, id: string, r: RespuestasEtapa): Promise<void> {
      await enTransaccion(async (trx) => {
        const { i, etapa, valores } = await contexto(trx, ctx, id, r.respuestas, r.version);
        cumplir(validarRespuestasEtapa(ctx.actor.rol, etapa, valores, r.respuestas));
        await guardarRespuestas(trx, ctx, i, etapa, r.respuestas, valores, false);
        await actualizar(
          trx,
          ctx,
          'workflow_instancias',
          i,
          servicio.camposTitular(i, valores),
          'RESPONDER',
          r.version,
        );
      });
    },

    async transicionar(ctx: Contexto, id: string, t: TransicionInstancia): Promise<void> {
      await enTransaccion(async (trx) => {
        const { i, plantilla, etapa, valores } = await contexto(trx, ctx, id, t.respuestas, t.version);
        const instante = ahora();
        const m = moverInstancia({ def: plantilla.def, etapa, rol: ctx.actor.rol, valores, transicion: t, instante });
        if (!m.ok) cumplir(m);
        await guardarRespuestas(trx, ctx, i, etapa, t.respuestas, valores, true);
        await historial(trx, ctx, i, 'TRANSICION', m.historial);
        await actualizar(
          trx,
          ctx,
          'workflow_instancias',
          i,
          { ...servicio.camposTitular(i, valores), ...m.columnas, updated_by: ctx.actor.id },
          'TRANSICION',
          t.version,
        );
        if (t.comentario)
          await servicio.comentarEn(trx, ctx, i.id, {
            comentario: t.comentario,
            es_interno: true,
            es_notificacion: false,
          });
      });
    },

    /** Titular columns (and the search text) refreshed from well-known answers. */
    camposTitular(i: WorkflowInstanciaRow, valores: Valores) {
      const t = titularDeRespuestas(valores);
      if (!t.nombre_titular && !t.documento_titular) return {};
      const nuevo = { ...i, ...t };
      return { ...t, texto_busqueda: textoBusqueda(nuevo) };
    },

    async actualizarInstancia(ctx: Contexto, id: string, c: InstanciaCambios): Promise<void> {
      await enTransaccion(async (trx) => {
        const i = await instanciaVisible(trx, ctx.actor, id);
        comprobarVersion(i, c.version);
        cumplir(rechazoSiTramiteCerrado(i.estado));
        const { version, estado, asignado_a_user_id, observaciones, metadata_adicional, ...campos } = c;
        cumplir(
          validarCambiosInstancia(ctx.actor.rol, {
            cancela: Boolean(estado),
            asigna: asignado_a_user_id !== undefined,
            edita: Boolean(Object.keys(campos).length || metadata_adicional),
          }),
        );
        if (asignado_a_user_id) await validarAsignado(trx, asignado_a_user_id, i.cod_agencia);
        const instante = ahora();
        const cambios: Partial<WorkflowInstanciaRow> = { ...campos, updated_by: ctx.actor.id };
        if (metadata_adicional) cambios.metadata_adicional = JSON.stringify(metadata_adicional);
        if (asignado_a_user_id !== undefined)
          Object.assign(cambios, { asignado_a_user_id, fecha_asignacion: asignado_a_user_id ? instante : null });
        if (estado) Object.assign(cambios, { estado, fecha_fin: instante, pendiente_validacion: 0 });
        if (estado)
          await historial(trx, ctx, i, 'CAMBIO_ESTADO', {
            estado_nuevo: estado,
            descripcion: observaciones ?? 'Trámite cancelado',
          });
        if (asignado_a_user_id !== undefined && asignado_a_user_id !== i.asignado_a_user_id)
          await historial(trx, ctx, i, 'ASIGNACION', {
            descripcion: 'Cambio de funcionario asignado',
            datos: { anterior: i.asignado_a_user_id, nuevo: asignado_a_user_id },
          });
        const nueva = { ...i, ...cambios };
        await actualizar(
          trx,
          ctx,
          'workflow_instancias',
          i,
          { ...cambios, texto_busqueda: textoBusqueda(nueva) },
          'ACTUALIZAR',
          version,
        );
      });
    },

    async comentarEn(trx: Trx, ctx: Contexto, instanciaId: string, c: ComentarioWorkflow) {
      return insertar(trx, ctx, 'workflow_comentarios', {
        id: c.id ?? uuidv7(),
        instancia_id: instanciaId,
        comentario: c.comentario,
        es_interno: c.es_interno ? 1 : 0,
        es_notificacion: c.es_notificacion ? 1 : 0,
        archivos: null,
        created_at: ahora(),
        created_by: ctx.actor.id,
      });
    },

    async comentar(ctx: Contexto, id: string, c: ComentarioWorkflow) {
      if (!tienePermiso(ctx.actor.rol, 'comentario.crear')) throw permisoDenegado();
      return enTransaccion(async (trx) => {
        await instanciaVisible(trx, ctx.actor, id);
        return servicio.comentarEn(trx, ctx, id, c);
      });
    },
  };
  return servicio;
}

export type ServicioWorkflow = ReturnType<typeof crearServicioWorkflow>;

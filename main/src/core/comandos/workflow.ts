/**
 * Workflow commands as the desk applies them offline: the shared engine (shared/src/workflow/motor.ts) over the
 * templates the desk mirrors, with the server's checks and Spanish messages in the server's order
 * (server/src/modules/workflow/service.ts), so a border post learns at once what the server would refuse.
 * Rows are shaped like the server's; the history, answers and comments the server makes with its own ids arrive with
 * the pull, and the local ones (ids from the mutationId, see idLocal) then give way to them.
 */
import type { z } from 'zod';
import { fechaPanama } from '#shared/calendario';
import type { COMANDOS, NombreComando } from '#shared/sync/protocolo';
import { filaHistorial, type CambioWf, type TipoCambioWf } from '#shared/workflow/historial';
import { preguntasVisibles, type EtapaDef, type Valores } from '#shared/workflow/motor';
import type { Respuestas } from '#shared/workflow/schemas';
import {
  rechazoSiTramiteCerrado,
  validarCambiosInstancia,
  validarInicio,
  validarRespuestasEtapa,
} from '#shared/workflow/reglas';
import { slots, valoresDe } from '#shared/workflow/respuestas';
import { titularDeRespuestas } from '#shared/workflow/titular';
import { instanciaNueva, moverInstancia } from '#shared/workflow/transicion';
import { ErrorCore, cumplir } from '../error-core.js';
import type { Sqlite } from '../store/abrir.js';
import type { FilaEspejo, TablaExpediente } from '../store/tablas.js';
import { buscarWorkflow, cargarPlantilla, hojasDe, respuestasDe, type PlantillaLocal } from '../workflow/plantilla.js';
import {
  actualizarFila,
  exigir,
  idLocal,
  insertarFila,
  versionBase,
  versionVista,
  type ContextoComando,
  type EfectoLocal,
} from './comun.js';

type Args<N extends NombreComando> = z.output<(typeof COMANDOS)[N]>;
type Filas = EfectoLocal['filas'];

function instancia(ctx: ContextoComando, id: string): FilaEspejo {
  const i = ctx.espejo.leer('workflow_instancias', id);
  if (!i || !i.activo) throw new ErrorCore('NO_ENCONTRADO', 'El trámite no existe o no está en su oficina');
  return i;
}

function abierta(i: FilaEspejo) {
  cumplir(rechazoSiTramiteCerrado(String(i.estado)));
}

/** The case, its template and the answers conditions see once `enviadas` are applied (the server's `contexto`). */
function contexto(ctx: ContextoComando, id: string, enviadas: Respuestas) {
  const i = instancia(ctx, id);
  abierta(i);
  versionVista(i, ctx.versionVista);
  const wf = buscarWorkflow(ctx.espejo.db, { id: String(i.workflow_id) });
  if (!wf) throw new ErrorCore('NO_ENCONTRADO', 'La plantilla del trámite no está en esta estación; sincronice');
  const plantilla = cargarPlantilla(ctx.espejo.db, wf);
  const etapa = plantilla.def.etapas.find((e) => e.id === i.etapa_actual_id);
  if (!etapa) throw new ErrorCore('REGLA_NEGOCIO', 'La etapa actual del trámite ya no está en su plantilla');
  const valores = { ...valoresDe(respuestasDe(ctx.espejo.db, i.id, plantilla.def), etapa.id), ...enviadas };
  return { i, plantilla, etapa, valores };
}

function historial(
  ctx: ContextoComando,
  i: FilaEspejo,
  parte: string | undefined,
  tipo: TipoCambioWf,
  cambio: CambioWf,
): { tabla: TablaExpediente; id: string } {
  const id = idLocal(ctx, parte);
  insertarFila(ctx, 'workflow_historial', {
    id,
    ...filaHistorial(i, tipo, cambio),
    created_at: ctx.ahora.toISOString(),
    created_by: ctx.usuario.id,
  });
  return { tabla: 'workflow_historial', id };
}

/** Stores the visible answers of the current stage; hidden ones (mostrar_si) do not apply and are not kept. */
function guardarRespuestas(
  ctx: ContextoComando,
  i: FilaEspejo,
  etapa: EtapaDef,
  enviadas: Respuestas,
  valores: Valores,
  completar: boolean,
): Filas {
  const instante = ctx.ahora.toISOString();
  const filas: Filas = [];
  const existente = hojasDe(ctx.espejo.db, i.id).find((h) => h.hoja.etapa_id === etapa.id);
  let hoja = existente?.hoja;
  if (!hoja) {
    hoja = {
      id: idLocal(ctx, `hoja-${etapa.codigo}`),
      instancia_id: i.id,
      etapa_id: etapa.id,
      completada: 0,
      fecha_inicio: instante,
      fecha_completado: null,
      completado_por_user_id: null,
      version: 1,
    };
    insertarFila(ctx, 'workflow_respuestas_etapa', hoja);
    filas.push({ tabla: 'workflow_respuestas_etapa', id: hoja.id });
  }
  const visibles = new Map(preguntasVisibles(etapa, valores).map((p) => [p.codigo, p]));
  for (const [codigo, valor] of Object.entries(enviadas)) {
    const p = visibles.get(codigo);
    if (!p) continue;
    const previa = existente?.respuestas.find((r) => r.pregunta_id === p.id);
    const id = previa?.id ?? idLocal(ctx, `respuesta-${codigo}`);
    if (previa) actualizarFila(ctx, 'workflow_respuestas', previa, slots(p.tipo_pregunta, valor));
    else
      insertarFila(ctx, 'workflow_respuestas', {
        id,
        respuesta_etapa_id: hoja.id,
        pregunta_id: p.id,
        ...slots(p.tipo_pregunta, valor),
        created_at: instante,
        created_by: ctx.usuario.id,
      });
    filas.push({ tabla: 'workflow_respuestas', id });
  }
  if (completar) {
    actualizarFila(ctx, 'workflow_respuestas_etapa', hoja, {
      completada: 1,
      fecha_completado: instante,
      completado_por_user_id: ctx.usuario.id,
    });
    if (existente) filas.push({ tabla: 'workflow_respuestas_etapa', id: hoja.id });
  }
  return filas;
}

/** Titular columns refreshed from well-known answers (NOMBRE_COMPLETO, NUMERO_PASAPORTE…). */
const camposTitular = (valores: Valores) => titularDeRespuestas(valores);

function comentario(
  ctx: ContextoComando,
  instanciaId: string,
  c: { id: string; comentario: string; es_interno: boolean; es_notificacion: boolean },
) {
  insertarFila(ctx, 'workflow_comentarios', {
    id: c.id,
    instancia_id: instanciaId,
    comentario: c.comentario,
    es_interno: c.es_interno ? 1 : 0,
    es_notificacion: c.es_notificacion ? 1 : 0,
    archivos: null,
    created_at: ctx.ahora.toISOString(),
    created_by: ctx.usuario.id,
  });
  return { tabla: 'workflow_comentarios' as const, id: c.id };
}

/**
 * A start names the template version this desk has active, by id, not just its code: should a newer version be
 * published before the desk syncs, the server starts the case on the version the officer saw (running cases keep their
 * version, docs/workflow.md "Versiones") instead of a graph her answers were not made for.
 */
export function conVersionDelEscritorio<A extends { workflow_id?: string; workflow_codigo?: string }>(
  db: Sqlite,
  a: A,
): A {
  if (a.workflow_id || !a.workflow_codigo) return a;
  const wf = buscarWorkflow(db, { codigo: a.workflow_codigo });
  if (!wf) return a;
  const { workflow_codigo: _codigo, ...resto } = a;
  return { ...resto, workflow_id: String(wf.id) } as A;
}

export function iniciar(ctx: ContextoComando, a: Args<'workflow.iniciar'>): EfectoLocal {
  const wf = buscarWorkflow(ctx.espejo.db, { id: a.workflow_id, codigo: a.workflow_codigo });
  if (!wf)
    throw new ErrorCore(
      'NO_ENCONTRADO',
      `La plantilla ${a.workflow_codigo ?? a.workflow_id} (activa) no existe o no está en su oficina`,
    );
  const plantilla: PlantillaLocal = cargarPlantilla(ctx.espejo.db, wf);
  const creadores = JSON.parse(String(wf.perfiles_creadores ?? '[]')) as string[];
  const inicio = validarInicio({ ...wf, creadores, def: plantilla.def }, ctx.usuario.rol);
  if (!inicio.ok) cumplir(inicio);
  const { inicial } = inicio;
  if (ctx.espejo.leer('workflow_instancias', a.id))
    throw new ErrorCore('DUPLICADO', 'Ya existe un trámite con ese identificador');
  const instante = ctx.ahora.toISOString();
  const i: FilaEspejo = {
    id: a.id,
    num_expediente: null,
    ...instanciaNueva({
      datos: a,
      workflow: wf as { id: string; nombre: string },
      inicial,
      actor: ctx.usuario,
      instante,
      hoy: fechaPanama(ctx.ahora),
    }),
    version: 1,
  };

  insertarFila(ctx, 'workflow_instancias', i);
  const h = historial(ctx, i, undefined, 'INICIO', {
    destino: inicial.id,
    estado_nuevo: 'INICIADO',
    descripcion: `Trámite iniciado en ${inicial.codigo}`,
  });
  return { solicitudId: a.id, filas: [{ tabla: 'workflow_instancias', id: a.id }, h], baseVersion: null };
}

export function responder(ctx: ContextoComando, a: Args<'workflow.responder'>): EfectoLocal {
  const { i, etapa, valores } = contexto(ctx, a.instanciaId, a.respuestas);
  cumplir(validarRespuestasEtapa(ctx.usuario.rol, etapa, valores, a.respuestas));
  const filas = guardarRespuestas(ctx, i, etapa, a.respuestas, valores, false);
  actualizarFila(ctx, 'workflow_instancias', i, camposTitular(valores));
  return {
    solicitudId: i.id,
    filas: [{ tabla: 'workflow_instancias', id: i.id }, ...filas],
    baseVersion: versionBase(ctx, 'workflow_instancias', i),
  };
}

export function transicionar(ctx: ContextoComando, a: Args<'workflow.transicionar'>): EfectoLocal {
  const t = a.transicion;
  const { i, plantilla, etapa, valores } = contexto(ctx, a.instanciaId, t.respuestas);
  const m = moverInstancia({
    def: plantilla.def,
    etapa,
    rol: ctx.usuario.rol,
    valores,
    transicion: t,
    instante: ctx.ahora.toISOString(),
  });
  if (!m.ok) cumplir(m);
  const filas = guardarRespuestas(ctx, i, etapa, t.respuestas, valores, true);
  filas.push(historial(ctx, i, undefined, 'TRANSICION', m.historial));
  actualizarFila(ctx, 'workflow_instancias', i, {
    ...camposTitular(valores),
    ...m.columnas,
    updated_by: ctx.usuario.id,
  });
  if (t.comentario)
    filas.push(
      comentario(ctx, i.id, {
        id: idLocal(ctx, 'comentario'),
        comentario: t.comentario,
        es_interno: true,
        es_notificacion: false,
      }),
    );
  return {
    solicitudId: i.id,
    filas: [{ tabla: 'workflow_instancias', id: i.id }, ...filas],
    baseVersion: versionBase(ctx, 'workflow_instancias', i),
  };
}

export function editar(ctx: ContextoComando, a: Args<'workflow.editar'>): EfectoLocal {
  const i = instancia(ctx, a.instanciaId);
  abierta(i);
  versionVista(i, ctx.versionVista);
  const { estado, asignado_a_user_id, observaciones, metadata_adicional, ...campos } = a.cambios;
  cumplir(
    validarCambiosInstancia(ctx.usuario.rol, {
      cancela: Boolean(estado),
      asigna: asignado_a_user_id !== undefined,
      edita: Boolean(Object.keys(campos).length || metadata_adicional),
    }),
  );
  const instante = ctx.ahora.toISOString();
  const cambios: Record<string, unknown> = { ...campos, updated_by: ctx.usuario.id };
  if (metadata_adicional) cambios.metadata_adicional = JSON.stringify(metadata_adicional);
  if (asignado_a_user_id !== undefined)
    Object.assign(cambios, { asignado_a_user_id, fecha_asignacion: asignado_a_user_id ? instante : null });
  if (estado) Object.assign(cambios, { estado, fecha_fin: instante, pendiente_validacion: 0 });
  const filas: Filas = [{ tabla: 'workflow_instancias', id: i.id }];
  if (estado)
    filas.push(
      historial(ctx, i, undefined, 'CAMBIO_ESTADO', {
        estado_nuevo: estado,
        descripcion: observaciones ?? 'Trámite cancelado',
      }),
    );
  if (asignado_a_user_id !== undefined && asignado_a_user_id !== i.asignado_a_user_id)
    filas.push(
      historial(ctx, i, 'asignacion', 'ASIGNACION', {
        descripcion: 'Cambio de funcionario asignado',
        datos: { anterior: i.asignado_a_user_id, nuevo: asignado_a_user_id },
      }),
    );
  actualizarFila(ctx, 'workflow_instancias', i, cambios);
  return { solicitudId: i.id, filas, baseVersion: versionBase(ctx, 'workflow_instancias', i) };
}

export function comentar(ctx: ContextoComando, a: Args<'workflow.comentar'>): EfectoLocal {
  exigir(ctx, 'comentario.crear');
  instancia(ctx, a.instanciaId);
  return {
    solicitudId: a.instanciaId,
    filas: [comentario(ctx, a.instanciaId, a.comentario)],
    baseVersion: null,
  };
}

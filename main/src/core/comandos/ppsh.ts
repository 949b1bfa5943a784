/**
 * PPSH commands as the desk applies them locally, before the server sees them: the same permission matrix and state
 * machine as the server (shared/), so the officer learns at once what the server would refuse, and rows shaped like
 * the server's, so the caseload looks the same before and after sync.
 *
 * Each applier is deterministic given its queued arguments (ids are chosen before queueing), so it can be replayed on
 * top of the server's row when an earlier command on the same row was refused. An edit's `baseVersion` is the server
 * version the officer's view is built on (comun.ts versionBase), so a follow-up edit is checked against what she saw.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { fechaPanama } from '#shared/calendario';
import type { EstadoPpsh } from '#shared/ppsh/estados';
import {
  cambiosResultadoEntrevista,
  rechazoSiCerrada,
  validarCambioEstado,
  validarEdicionSolicitante,
  validarMetodoPago,
  validarFechaEntrevista,
  validarPrioridad,
} from '#shared/ppsh/reglas';
import { resumenPersonas, type PersonaResumen } from '#shared/ppsh/resumen';
import type { COMANDOS } from '#shared/sync/protocolo';
import { type NombreComando } from '#shared/sync/protocolo';
import { ErrorCore, cumplir, noEncontradoLocal } from '../error-core.js';
import {
  actualizarFila,
  exigir,
  insertarFila,
  nulos,
  sinUndefined,
  versionVista,
  type ContextoComando,
  versionBase,
  type EfectoLocal,
} from './comun.js';
import type { FilaEspejo, TablaExpediente } from '../store/tablas.js';

type Args<N extends NombreComando> = z.output<(typeof COMANDOS)[N]>;

function solicitud(ctx: ContextoComando, id: string): FilaEspejo {
  const s = ctx.espejo.leer('ppsh_solicitudes', id);
  if (!s || !s.activo) throw noEncontradoLocal('La solicitud');
  return s;
}

function abierta(s: FilaEspejo) {
  cumplir(rechazoSiCerrada(String(s.estado_actual), 'cambios'));
}

export function registrar(ctx: ContextoComando, a: Args<'ppsh.registrar'>): EfectoLocal {
  exigir(ctx, 'solicitud.crear');
  if (ctx.espejo.leer('ppsh_solicitudes', a.id))
    throw new ErrorCore('DUPLICADO', 'Ya existe una solicitud con ese identificador');
  const instante = ctx.ahora.toISOString();
  const personas = a.solicitantes.map((p) => ({ ...p, id: p.id ?? uuidv7() }));
  const { solicitantes: _personas, ...datos } = a;
  insertarFila(ctx, 'ppsh_solicitudes', {
    ...nulos({ descripcion_caso: datos.descripcion_caso, observaciones_generales: datos.observaciones_generales }),
    ...datos,
    num_expediente: null,
    fecha_solicitud: fechaPanama(ctx.ahora),
    estado_actual: 'RECIBIDO',
    fecha_estado: instante,
    cod_agencia: ctx.usuario.cod_agencia,
    user_id_asignado: null,
    fecha_asignacion: null,
    num_resolucion: null,
    fecha_resolucion: null,
    fecha_vencimiento_permiso: null,
    ...resumenPersonas(null, a.referencia_provisional, personas),
    activo: 1,
    created_at: instante,
    created_by: ctx.usuario.id,
    updated_by: null,
  });
  for (const p of personas) {
    insertarFila(ctx, 'ppsh_solicitantes', {
      ...nulos({
        segundo_nombre: null,
        segundo_apellido: null,
        parentesco_titular: null,
        email: null,
        telefono: null,
        cod_estado_civil: null,
      }),
      ...p,
      es_titular: p.es_titular ? 1 : 0,
      solicitud_id: a.id,
      activo: 1,
      created_at: instante,
      created_by: ctx.usuario.id,
    });
  }
  historialLocal(ctx, a.id, null, 'RECIBIDO', { observaciones: 'Solicitud registrada' });
  return {
    solicitudId: a.id,
    filas: [
      { tabla: 'ppsh_solicitudes', id: a.id },
      ...personas.map((p) => ({ tabla: 'ppsh_solicitantes' as const, id: p.id })),
      { tabla: 'ppsh_estado_historial', id: ctx.mutationId },
    ],
    baseVersion: null,
  };
}

/** The server writes its own history row; ours (id = the command's) shows the change until the server's arrives. */
function historialLocal(
  ctx: ContextoComando,
  solicitudId: string,
  anterior: string | null,
  nuevo: string,
  extra: Record<string, unknown>,
) {
  insertarFila(ctx, 'ppsh_estado_historial', {
    id: ctx.mutationId,
    solicitud_id: solicitudId,
    estado_anterior: anterior,
    estado_nuevo: nuevo,
    fecha_cambio: ctx.ahora.toISOString(),
    user_id: ctx.usuario.id,
    observaciones: null,
    es_dictamen: extra.tipo_dictamen ? 1 : 0,
    tipo_dictamen: null,
    dictamen_detalle: null,
    dias_en_estado_anterior: null,
    ...sinUndefined(extra),
  });
}

export function editar(ctx: ContextoComando, a: Args<'ppsh.editar'>): EfectoLocal {
  exigir(ctx, 'solicitud.editar');
  const s = solicitud(ctx, a.solicitudId);
  abierta(s);
  const campos = a.cambios;
  versionVista(s, ctx.versionVista);
  cumplir(validarPrioridad(campos.prioridad, (campos.descripcion_caso ?? s.descripcion_caso) as string | null));
  actualizarFila(ctx, 'ppsh_solicitudes', s, { ...campos, updated_by: ctx.usuario.id });
  return {
    solicitudId: s.id,
    filas: [{ tabla: 'ppsh_solicitudes', id: s.id }],
    baseVersion: versionBase(ctx, 'ppsh_solicitudes', s),
  };
}

export function editarSolicitante(ctx: ContextoComando, a: Args<'ppsh.editarSolicitante'>): EfectoLocal {
  exigir(ctx, 'solicitud.editar');
  const p = ctx.espejo.leer('ppsh_solicitantes', a.solicitanteId);
  if (!p || !p.activo) throw noEncontradoLocal('La persona');
  const s = solicitud(ctx, String(p.solicitud_id));
  const { version: _version, ...campos } = a.cambios;
  cumplir(
    validarEdicionSolicitante({
      estado: String(s.estado_actual),
      esTitular: Boolean(p.es_titular),
      parentesco: campos.parentesco_titular,
      tipoDocumento: String(campos.tipo_documento ?? p.tipo_documento),
      numDocumento: String(campos.num_documento ?? p.num_documento),
    }),
  );
  versionVista(p, ctx.versionVista);
  const nueva = actualizarFila(ctx, 'ppsh_solicitantes', p, campos);
  const personas = ctx.espejo.db
    .prepare(`select datos from ppsh_solicitantes where solicitud_id = ? and datos->>'activo' = 1`)
    .all(s.id)
    .map((r) => JSON.parse((r as { datos: string }).datos) as PersonaResumen & { id: string })
    .map((x) => (x.id === nueva.id ? (nueva as unknown as PersonaResumen) : x));
  actualizarFila(ctx, 'ppsh_solicitudes', s, {
    ...resumenPersonas(s.num_expediente as string | null, s.referencia_provisional as string | null, personas),
    updated_by: ctx.usuario.id,
  });
  return {
    solicitudId: s.id,
    filas: [
      { tabla: 'ppsh_solicitantes', id: p.id },
      { tabla: 'ppsh_solicitudes', id: s.id },
    ],
    baseVersion: versionBase(ctx, 'ppsh_solicitantes', p),
  };
}

export function cambiarEstado(ctx: ContextoComando, a: Args<'ppsh.cambiarEstado'>): EfectoLocal {
  const s = solicitud(ctx, a.solicitudId);
  const c = a.cambio;
  versionVista(s, ctx.versionVista);
  const desde = s.estado_actual as EstadoPpsh;
  const hacia = c.estado_nuevo;
  const v = validarCambioEstado({
    desde,
    hacia,
    rol: ctx.usuario.rol,
    fechaEstado: String(s.fecha_estado),
    hoy: fechaPanama(ctx.ahora),
    cambio: c,
  });
  if (!v.ok) cumplir(v);
  const { esDictamen, resolucion } = v;
  historialLocal(ctx, s.id, desde, hacia, {
    observaciones: c.observaciones,
    tipo_dictamen: esDictamen ? c.tipo_dictamen : undefined,
    dictamen_detalle: esDictamen ? c.dictamen_detalle : undefined,
  });
  actualizarFila(ctx, 'ppsh_solicitudes', s, {
    estado_actual: hacia,
    fecha_estado: ctx.ahora.toISOString(),
    updated_by: ctx.usuario.id,
    ...resolucion,
  });
  return {
    solicitudId: s.id,
    filas: [
      { tabla: 'ppsh_solicitudes', id: s.id },
      { tabla: 'ppsh_estado_historial', id: ctx.mutationId },
    ],
    baseVersion: versionBase(ctx, 'ppsh_solicitudes', s),
  };
}

export function asignar(ctx: ContextoComando, a: Args<'ppsh.asignar'>): EfectoLocal {
  exigir(ctx, 'solicitud.asignar');
  const s = solicitud(ctx, a.solicitudId);
  actualizarFila(ctx, 'ppsh_solicitudes', s, {
    user_id_asignado: a.user_id_asignado,
    fecha_asignacion: ctx.ahora.toISOString(),
    updated_by: ctx.usuario.id,
  });
  return {
    solicitudId: s.id,
    filas: [{ tabla: 'ppsh_solicitudes', id: s.id }],
    baseVersion: versionBase(ctx, 'ppsh_solicitudes', s),
  };
}

/** A new child row of a case (comment, document, interview, payment) with the id chosen before queueing. */
function agregarHijo(
  ctx: ContextoComando,
  tabla: TablaExpediente,
  solicitudId: string,
  fila: Record<string, unknown> & { id: string },
): EfectoLocal {
  insertarFila(ctx, tabla, { ...fila, solicitud_id: solicitudId });
  return { solicitudId, filas: [{ tabla, id: fila.id }], baseVersion: null };
}

export function comentar(ctx: ContextoComando, a: Args<'ppsh.comentar'>): EfectoLocal {
  exigir(ctx, 'comentario.crear');
  solicitud(ctx, a.solicitudId);
  return agregarHijo(ctx, 'ppsh_comentarios', a.solicitudId, {
    id: a.comentario.id,
    user_id: ctx.usuario.id,
    comentario: a.comentario.comentario,
    es_interno: a.comentario.es_interno ? 1 : 0,
    created_at: ctx.ahora.toISOString(),
  });
}

const MIME_POR_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
export const EXTENSIONES_DOCUMENTO = Object.keys(MIME_POR_EXTENSION);
export const extensionDe = (nombre: string) => (/\.([^.]+)$/.exec(nombre)?.[1] ?? '').toLowerCase();

/** The bytes are already in the document cache (pinned until uploaded); the row shows what the server will store. */
export function adjuntarDocumento(
  ctx: ContextoComando,
  a: Args<'ppsh.adjuntarDocumento'>,
  tamano: number,
): EfectoLocal {
  exigir(ctx, 'documento.subir');
  abierta(solicitud(ctx, a.solicitudId));
  const d = a.documento;
  if (d.cod_tipo_documento === undefined && !d.tipo_documento_texto)
    throw new ErrorCore('VALIDACION', 'Indique el tipo de documento (cod_tipo_documento o tipo_documento_texto)');
  const extension = extensionDe(d.nombre_archivo);
  const instante = ctx.ahora.toISOString();
  return agregarHijo(ctx, 'ppsh_documentos', a.solicitudId, {
    id: d.id,
    cod_tipo_documento: d.cod_tipo_documento ?? null,
    tipo_documento_texto: d.tipo_documento_texto ?? null,
    nombre_archivo: d.nombre_archivo,
    extension,
    mime_type: MIME_POR_EXTENSION[extension] ?? 'application/octet-stream',
    tamano_bytes: tamano,
    sha256: d.sha256,
    observaciones: d.observaciones ?? null,
    es_obligatorio: 0,
    estado_verificacion: 'PENDIENTE',
    verificado_por: null,
    fecha_verificacion: null,
    uploaded_by: ctx.usuario.id,
    uploaded_at: instante,
    activo: 1,
  });
}

export function verificarDocumento(ctx: ContextoComando, a: Args<'ppsh.verificarDocumento'>): EfectoLocal {
  exigir(ctx, 'documento.verificar');
  const d = ctx.espejo.leer('ppsh_documentos', a.documentoId);
  if (!d || !d.activo) throw noEncontradoLocal('El documento');
  const v = a.verificacion;
  actualizarFila(ctx, 'ppsh_documentos', d, {
    estado_verificacion: v.estado,
    observaciones: v.observaciones ?? d.observaciones,
    verificado_por: v.estado === 'PENDIENTE' ? null : ctx.usuario.id,
    fecha_verificacion: v.estado === 'PENDIENTE' ? null : ctx.ahora.toISOString(),
  });
  return {
    solicitudId: String(d.solicitud_id),
    filas: [{ tabla: 'ppsh_documentos', id: d.id }],
    baseVersion: versionBase(ctx, 'ppsh_documentos', d),
  };
}

export function programarEntrevista(ctx: ContextoComando, a: Args<'ppsh.programarEntrevista'>): EfectoLocal {
  exigir(ctx, 'entrevista.gestionar');
  const s = solicitud(ctx, a.solicitudId);
  abierta(s);
  const e = a.entrevista;
  cumplir(validarFechaEntrevista(e.fecha_programada, ctx.ahora));
  return agregarHijo(ctx, 'ppsh_entrevistas', s.id, {
    id: e.id,
    fecha_programada: new Date(e.fecha_programada).toISOString(),
    fecha_realizada: null,
    lugar: e.lugar ?? null,
    cod_agencia: s.cod_agencia,
    entrevistador_user_id: e.entrevistador_user_id ?? ctx.usuario.id,
    asistio: null,
    motivo_inasistencia: null,
    resultado: 'PENDIENTE',
    observaciones: e.observaciones ?? null,
    acta_entrevista: null,
    requiere_segunda_entrevista: 0,
    created_at: ctx.ahora.toISOString(),
    created_by: ctx.usuario.id,
  });
}

export function registrarResultadoEntrevista(
  ctx: ContextoComando,
  a: Args<'ppsh.registrarResultadoEntrevista'>,
): EfectoLocal {
  exigir(ctx, 'entrevista.gestionar');
  const e = ctx.espejo.leer('ppsh_entrevistas', a.entrevistaId);
  if (!e) throw noEncontradoLocal('La entrevista');
  const { fecha_realizada, asistio, requiere_segunda_entrevista } = e;
  const cambios = cambiosResultadoEntrevista(a.resultado, { fecha_realizada, asistio, requiere_segunda_entrevista });
  actualizarFila(ctx, 'ppsh_entrevistas', e, cambios);
  return {
    solicitudId: String(e.solicitud_id),
    filas: [{ tabla: 'ppsh_entrevistas', id: e.id }],
    baseVersion: versionBase(ctx, 'ppsh_entrevistas', e),
  };
}

export function registrarPago(ctx: ContextoComando, a: Args<'ppsh.registrarPago'>): EfectoLocal {
  exigir(ctx, 'pago.registrar');
  solicitud(ctx, a.solicitudId);
  const p = a.pago;
  const concepto = ctx.espejo.catalogo('ppsh_conceptos_pago').find((c) => c.cod_concepto === p.tipo_concepto);
  if (!concepto?.activo) throw new ErrorCore('VALIDACION', 'Concepto de pago desconocido');
  cumplir(validarMetodoPago(p));
  return agregarHijo(ctx, 'ppsh_pagos', a.solicitudId, {
    ...nulos({
      num_recibo: p.num_recibo,
      banco_emisor: p.banco_emisor,
      num_cheque: p.num_cheque,
      num_transferencia: p.num_transferencia,
      observaciones: p.observaciones,
    }),
    id: p.id,
    tipo_concepto: p.tipo_concepto,
    // As on the server: the amount comes from the catalog (the decree's fees), never from the officer.
    monto_centavos: concepto.monto_centavos,
    estado_tesoreria: 'PAGADO',
    fecha_pago: p.fecha_pago ?? fechaPanama(ctx.ahora),
    metodo_pago: p.metodo_pago,
    created_at: ctx.ahora.toISOString(),
    created_by: ctx.usuario.id,
  });
}

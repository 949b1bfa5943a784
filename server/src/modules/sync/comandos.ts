/**
 * What each pushed command does: the same service method as its REST endpoint (shared/src/sync/protocolo.ts names it),
 * plus, for edits, the row it targets and the fields it writes, which decide whether a stale baseVersion is a conflict.
 */
import fs from 'node:fs/promises';
import type { z } from 'zod';
import type { COMANDOS } from '#shared/sync/protocolo';
import { type NombreComando, type ResultadoAplicado, type TablaSincronizada } from '#shared/sync/protocolo';
import type { Config } from '../../config.js';
import type { Contexto } from '../../contexto.js';
import type { Trx } from '../../db/escritura.js';
import { AppError } from '../../error-api.js';
import { rutaArchivo, validarArchivo } from '../ppsh/archivos.js';
import { solicitudVisible } from '../ppsh/repo.js';
import { exigir, type ServicioPpsh } from '../ppsh/service.js';
import { instanciaVisible } from '../workflow/repo.js';
import type { ServicioWorkflow } from '../workflow/service.js';
import { puedeUsarArchivo } from './archivos.js';

export interface Entorno {
  ppsh: ServicioPpsh;
  workflow: ServicioWorkflow;
  ctx: Contexto;
  trx: Trx;
  uploads: Config['uploads'];
}

type Args<N extends NombreComando> = z.output<(typeof COMANDOS)[N]>;

export interface Objetivo {
  tabla: TablaSincronizada;
  id: string;
}

interface DefComando<N extends NombreComando> {
  /** The one row an edit changes (its version goes up by exactly one). Commands that only add rows have none. */
  objetivo?: (args: Args<N>) => Objetivo;
  /** Fields of that row the command writes: a change to any of them since baseVersion is a conflict. */
  campos?: (args: Args<N>) => string[];
  aplicar: (e: Entorno, args: Args<N>) => Promise<ResultadoAplicado>;
}

/** A failure that passes (bytes not uploaded yet): nothing is stored, the client pushes the command again later. */
export class Reintentable extends AppError {}

const resultado = (tabla: TablaSincronizada, fila: { id: string; version: number }): ResultadoAplicado => ({
  tabla,
  id: fila.id,
  version: fila.version,
});

/**
 * The stored bytes of a hash the officer may use (archivos.ts puedeUsarArchivo). Bytes another office uploaded answer
 * exactly as bytes nobody uploaded: her desk uploads them itself, and no answer tells that a hash exists elsewhere.
 */
async function bytesSubidos(e: Entorno, sha256: string): Promise<Buffer> {
  const noSubido = () =>
    new Reintentable('NO_ENCONTRADO', 'El archivo del documento aún no se ha subido al servidor; se reintentará');
  if (!(await puedeUsarArchivo(e.trx, e.ctx.actor, sha256))) throw noSubido();
  try {
    return await fs.readFile(rutaArchivo(e.uploads.dir, sha256));
  } catch {
    throw noSubido();
  }
}

/** The workflow service answers with nothing or an id; the result reports the case row as it now stands. */
async function instancia(trx: Trx, ctx: Contexto, id: string): Promise<ResultadoAplicado> {
  const i = await instanciaVisible(trx, ctx.actor, id);
  return { ...resultado('workflow_instancias', i), num_expediente: i.num_expediente };
}

const enInstancia = (a: { instanciaId: string }): Objetivo => ({ tabla: 'workflow_instancias', id: a.instanciaId });

export const DEFINICIONES: { [N in NombreComando]: DefComando<N> } = {
  'ppsh.registrar': {
    async aplicar({ ppsh, ctx }, args) {
      const { solicitud } = await ppsh.crear(ctx, args);
      return { ...resultado('ppsh_solicitudes', solicitud), num_expediente: solicitud.num_expediente };
    },
  },
  'ppsh.editar': {
    objetivo: (a) => ({ tabla: 'ppsh_solicitudes', id: a.solicitudId }),
    campos: (a) => Object.keys(a.cambios),
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_solicitudes', (await ppsh.editar(ctx, a.solicitudId, a.cambios)).solicitud),
  },
  'ppsh.editarSolicitante': {
    objetivo: (a) => ({ tabla: 'ppsh_solicitantes', id: a.solicitanteId }),
    campos: (a) => Object.keys(a.cambios),
    async aplicar({ ppsh, ctx }, a) {
      const { solicitantes } = await ppsh.editarSolicitante(ctx, a.solicitanteId, a.cambios);
      return resultado(
        'ppsh_solicitantes',
        solicitantes.find((p) => p.id === a.solicitanteId)!,
      );
    },
  },
  'ppsh.cambiarEstado': {
    objetivo: (a) => ({ tabla: 'ppsh_solicitudes', id: a.solicitudId }),
    campos: () => ['estado_actual'],
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_solicitudes', (await ppsh.cambiarEstado(ctx, a.solicitudId, a.cambio)).solicitud),
  },
  'ppsh.asignar': {
    objetivo: (a) => ({ tabla: 'ppsh_solicitudes', id: a.solicitudId }),
    campos: () => ['user_id_asignado'],
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_solicitudes', (await ppsh.asignar(ctx, a.solicitudId, a.user_id_asignado)).solicitud),
  },
  'ppsh.comentar': {
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_comentarios', await ppsh.comentar(ctx, a.solicitudId, a.comentario)),
  },
  'ppsh.adjuntarDocumento': {
    async aplicar(e, { solicitudId, documento: d }) {
      const { ppsh, ctx, uploads } = e;
      // Permission and case first: "the bytes are not here yet, retry" is only true for a case she may attach to.
      exigir(ctx, 'documento.subir');
      await solicitudVisible(e.trx, ctx.actor, solicitudId);
      const bytes = await bytesSubidos(e, d.sha256);
      // The type comes from the stored bytes and must match the name's extension, as for a REST upload.
      const v = validarArchivo(d.nombre_archivo, bytes, uploads.extensions, uploads.maxBytes);
      const fila = await ppsh.registrarDocumento(ctx, solicitudId, {
        cod_tipo_documento: d.cod_tipo_documento,
        tipo_documento_texto: d.tipo_documento_texto,
        observaciones: d.observaciones,
        nombre_archivo: d.nombre_archivo,
        extension: v.extension,
        mime: v.mime,
        tamano: v.tamano,
        sha256: v.sha256,
        documentoId: d.id,
      });
      return resultado('ppsh_documentos', fila);
    },
  },
  'ppsh.verificarDocumento': {
    objetivo: (a) => ({ tabla: 'ppsh_documentos', id: a.documentoId }),
    campos: (a) => ['estado_verificacion', ...(a.verificacion.observaciones === undefined ? [] : ['observaciones'])],
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_documentos', await ppsh.verificarDocumento(ctx, a.documentoId, a.verificacion)),
  },
  'ppsh.programarEntrevista': {
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_entrevistas', await ppsh.programarEntrevista(ctx, a.solicitudId, a.entrevista)),
  },
  'ppsh.registrarResultadoEntrevista': {
    objetivo: (a) => ({ tabla: 'ppsh_entrevistas', id: a.entrevistaId }),
    campos: (a) => Object.keys(a.resultado),
    aplicar: async ({ ppsh, ctx }, a) =>
      resultado('ppsh_entrevistas', await ppsh.registrarResultadoEntrevista(ctx, a.entrevistaId, a.resultado)),
  },
  'ppsh.registrarPago': {
    aplicar: async ({ ppsh, ctx }, a) => resultado('ppsh_pagos', await ppsh.registrarPago(ctx, a.solicitudId, a.pago)),
  },
  'workflow.iniciar': {
    aplicar: async ({ workflow, ctx, trx }, args) => instancia(trx, ctx, await workflow.iniciarInstancia(ctx, args)),
  },
  'workflow.responder': {
    objetivo: enInstancia,
    // Answers belong to the stage the officer saw: a case moved on since then is a conflict, not answers misfiled.
    campos: () => ['etapa_actual_id', 'estado', 'nombre_titular', 'documento_titular'],
    async aplicar({ workflow, ctx, trx }, a) {
      await workflow.responder(ctx, a.instanciaId, { respuestas: a.respuestas });
      return instancia(trx, ctx, a.instanciaId);
    },
  },
  'workflow.transicionar': {
    objetivo: enInstancia,
    campos: () => ['etapa_actual_id', 'estado'],
    async aplicar({ workflow, ctx, trx }, a) {
      await workflow.transicionar(ctx, a.instanciaId, a.transicion);
      return instancia(trx, ctx, a.instanciaId);
    },
  },
  'workflow.editar': {
    objetivo: enInstancia,
    campos: (a) => Object.keys(a.cambios),
    async aplicar({ workflow, ctx, trx }, a) {
      await workflow.editarInstancia(ctx, a.instanciaId, a.cambios);
      return instancia(trx, ctx, a.instanciaId);
    },
  },
  'workflow.comentar': {
    aplicar: async ({ workflow, ctx }, a) =>
      resultado('workflow_comentarios', await workflow.comentar(ctx, a.instanciaId, a.comentario)),
  },
};

export function definicionDe(nombre: string): DefComando<NombreComando> | undefined {
  return Object.hasOwn(DEFINICIONES, nombre)
    ? (DEFINICIONES[nombre as NombreComando] as DefComando<NombreComando>)
    : undefined;
}

/** Commands that create a case: when one is refused, the commands on that case are refused naming it (push.ts). */
export const CREAN_CASO: Partial<Record<NombreComando, string>> = {
  'ppsh.registrar': 'el registro de la solicitud',
  'workflow.iniciar': 'el inicio del trámite',
};

/** The case a command is about: the one a registration or a start creates, else the one its args name. */
export function casoDe(nombre: string, args: unknown): { id: string; referencia: string | null } | null {
  if (typeof args !== 'object' || args === null) return null;
  const a = args as Record<string, unknown>;
  const texto = (v: unknown) => (typeof v === 'string' ? v : null);
  const id = Object.hasOwn(CREAN_CASO, nombre) ? texto(a.id) : (texto(a.solicitudId) ?? texto(a.instanciaId));
  if (!id) return null;
  return { id: id.slice(0, 36), referencia: texto(a.referencia_provisional)?.slice(0, 30) ?? null };
}

/**
 * The command registry and the one local write path: validate with the wire schema, apply to the mirror, queue in the
 * outbox and reindex the case, all in one SQLite transaction (a crash leaves either all of it or none).
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { COMANDOS, type NombreComando } from '#shared/sync/protocolo';
import { bytesJson, MAX_BYTES_COMANDO } from '#shared/sync/tamano';
import type { UsuarioSesion } from '#shared/bridge/tipos';
import { ErrorCore } from '../error-core.js';
import type { IndiceBusqueda } from '../store/busqueda.js';
import type { Espejo } from '../store/espejo.js';
import type { Outbox } from '../store/outbox.js';
import * as ppsh from './ppsh.js';
import * as workflow from './workflow.js';
import type { ContextoComando, EfectoLocal } from './comun.js';

type Aplicador<N extends NombreComando> = (ctx: ContextoComando, args: z.output<(typeof COMANDOS)[N]>) => EfectoLocal;

const tamanoEnCache = (ctx: ContextoComando, sha256: string) =>
  (
    ctx.espejo.db.prepare('select tamano from archivos_cache where sha256 = ?').get(sha256) as
      { tamano: number } | undefined
  )?.tamano ?? 0;

export const APLICADORES: { [N in NombreComando]: Aplicador<N> } = {
  'ppsh.registrar': ppsh.registrar,
  'ppsh.editar': ppsh.editar,
  'ppsh.editarSolicitante': ppsh.editarSolicitante,
  'ppsh.cambiarEstado': ppsh.cambiarEstado,
  'ppsh.asignar': ppsh.asignar,
  'ppsh.comentar': ppsh.comentar,
  'ppsh.adjuntarDocumento': (ctx, a) => ppsh.adjuntarDocumento(ctx, a, tamanoEnCache(ctx, a.documento.sha256)),
  'ppsh.verificarDocumento': ppsh.verificarDocumento,
  'ppsh.programarEntrevista': ppsh.programarEntrevista,
  'ppsh.registrarResultadoEntrevista': ppsh.registrarResultadoEntrevista,
  'ppsh.registrarPago': ppsh.registrarPago,
  'workflow.iniciar': workflow.iniciar,
  'workflow.responder': workflow.responder,
  'workflow.transicionar': workflow.transicionar,
  'workflow.editar': workflow.editar,
  'workflow.comentar': workflow.comentar,
};

export const esNombreComando = (n: string): n is NombreComando => n in COMANDOS;

/** Validates args against the wire schema: what the desk queues is exactly what the server accepts. */
export function validarArgs<N extends NombreComando>(nombre: N, args: unknown): z.output<(typeof COMANDOS)[N]> {
  const r = COMANDOS[nombre].safeParse(args);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ErrorCore(
      'VALIDACION',
      i ? `${i.path.join('.') || 'datos'}: ${i.message}` : 'Datos inválidos',
      r.error.issues,
    );
  }
  return r.data as z.output<(typeof COMANDOS)[N]>;
}

/** A command too heavy to ever travel would block the outbox behind it: refused now, while the officer can fix it. */
function exigirTamano(args: unknown): void {
  const bytes = bytesJson(args);
  if (bytes > MAX_BYTES_COMANDO)
    throw new ErrorCore(
      'CUERPO_DEMASIADO_GRANDE',
      `El cambio pesa ${Math.ceil(bytes / 1024)} KB y no puede enviarse al servidor (máximo ${MAX_BYTES_COMANDO / 1024} KB); acorte los textos o divídalo en varios cambios`,
      { bytes, maximo: MAX_BYTES_COMANDO },
    );
}

export interface Dependencias {
  espejo: Espejo;
  outbox: Outbox;
  indice: IndiceBusqueda;
  reloj: () => Date;
  /**
   * The desk's known offset from the server's clock (server − desk, ms; null: never measured), recorded with each
   * command so the server can tell when the officer acted even if this clock was wrong (docs/sync.md).
   */
  desfaseServidor?: () => number | null;
}

export interface Encolado {
  mutationId: string;
  efecto: EfectoLocal;
}

export function crearEscritor(d: Dependencias) {
  /** Runs an applier (first time or replay) without queueing. */
  function aplicar(
    nombre: NombreComando,
    args: unknown,
    usuario: UsuarioSesion,
    mutationId: string,
    versionVista?: number,
  ): EfectoLocal {
    const ctx: ContextoComando = { espejo: d.espejo, usuario, ahora: d.reloj(), mutationId, versionVista };
    return (APLICADORES[nombre] as Aplicador<NombreComando>)(ctx, validarArgs(nombre, args));
  }

  return {
    aplicar,

    /** The officer's action: applied at once and queued, atomically. */
    encolar(nombre: NombreComando, args: unknown, usuario: UsuarioSesion, versionVista?: number): Encolado {
      const mutationId = uuidv7();
      const datos = validarArgs(nombre, args);
      exigirTamano(datos);
      const efecto = d.espejo.db.transaction(() => {
        const e = aplicar(nombre, datos, usuario, mutationId, versionVista);
        d.outbox.encolar({
          mutationId,
          usuarioId: usuario.id,
          nombre,
          args: datos as Record<string, unknown>,
          baseVersion: e.baseVersion,
          solicitudId: e.solicitudId,
          filas: e.filas,
          creado: d.reloj().toISOString(),
          desfaseMs: d.desfaseServidor?.() ?? null,
        });
        d.indice.reindexar([e.solicitudId]);
        return e;
      })();
      return { mutationId, efecto };
    },
  };
}

export type Escritor = ReturnType<typeof crearEscritor>;

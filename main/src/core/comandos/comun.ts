/**
 * What every local applier shares (PPSH and workflow alike): its context, its effect on the mirror, the row writes (a
 * row's local version goes up by one per command, as on the server, for the officer's screen check) and the server
 * version a command is based on (docs/sync.md, "Follow-up commands").
 */
import type { UsuarioSesion } from '#shared/bridge/tipos';
import { tienePermiso, type Permiso } from '#shared/roles';
import { ErrorCore } from '../error-core.js';
import type { Espejo } from '../store/espejo.js';
import type { FilaEspejo, TablaExpediente } from '../store/tablas.js';

export interface ContextoComando {
  espejo: Espejo;
  usuario: UsuarioSesion;
  ahora: Date;
  mutationId: string;
  /** The version of the target row on the officer's screen, when the edit came with one. */
  versionVista?: number;
}

export interface EfectoLocal {
  /** The case the command belongs to: a PPSH solicitud or a workflow instancia (the outbox's `solicitud_id`). */
  solicitudId: string;
  filas: { tabla: TablaExpediente; id: string }[];
  /** Server version the officer's view of the target row is built on (versionBase); null for commands that only add. */
  baseVersion: number | null;
}

/**
 * The `baseVersion` of a command on this row: the server version the officer's view of it is built on (Espejo.versionBase),
 * never the local version, which on the server may belong to someone else's write.
 */
export const versionBase = (ctx: ContextoComando, tabla: TablaExpediente, fila: { id: string }) =>
  ctx.espejo.versionBase(tabla, fila.id);

export function exigir(ctx: ContextoComando, permiso: Permiso) {
  if (!tienePermiso(ctx.usuario.rol, permiso)) throw new ErrorCore('PERMISO_DENEGADO', 'Su rol no permite esta acción');
}

/** Optimistic concurrency as the officer saw it: an edit made on an older screen than the local row is refused here. */
export function versionVista(fila: FilaEspejo, vista: number | undefined) {
  if (vista !== undefined && vista !== fila.version)
    throw new ErrorCore('CONFLICTO_VERSION', 'El registro cambió mientras lo editaba; recargue y vuelva a intentar', {
      version_actual: fila.version,
    });
}

export const sinUndefined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const nulos = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v ?? null]));

export function actualizarFila(
  ctx: ContextoComando,
  tabla: TablaExpediente,
  fila: FilaEspejo,
  cambios: Record<string, unknown>,
): FilaEspejo {
  const nueva = { ...fila, ...sinUndefined(cambios), version: fila.version + 1, updated_at: ctx.ahora.toISOString() };
  ctx.espejo.escribirLocal(tabla, nueva);
  return nueva;
}

export function insertarFila(
  ctx: ContextoComando,
  tabla: TablaExpediente,
  fila: Record<string, unknown> & { id: string },
): void {
  ctx.espejo.escribirLocal(tabla, { ...fila, version: 1, updated_at: ctx.ahora.toISOString() });
}

/**
 * Ids of the extra rows one command creates locally (history, a comment, answers), derived from its mutationId so a
 * replay writes the same rows. They never reach the server, which makes its own; the server's arrive with the pull.
 */
export const idLocal = (ctx: ContextoComando, parte?: string) =>
  parte ? `${ctx.mutationId}:${parte}` : ctx.mutationId;

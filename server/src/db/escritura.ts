/**
 * The one path for writes to domain tables: stamps version and updated_at, and records the change in audit_log in the
 * same transaction. Services never call insertInto/updateTable on domain tables directly, so nothing escapes the trail.
 * Writes to synced tables also enter the offline-sync change feed here, in the same transaction: the feed is handed to
 * crearEscritor (server/src/escritor.ts plugs in modules/sync/cambios.ts), so this module knows nothing of sync.
 */
import type { Insertable, Updateable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Contexto } from '../contexto.js';
import { AppError } from '../error-api.js';
import { indexarCaso, TABLAS_CON_BUSQUEDA } from './busqueda.js';
import type { Trx } from './connect.js';
import { escribir } from './restricciones.js';
import type { Database } from './schema.js';

// Re-exported: the modules that write take their transaction type from here along with ahora and comprobarVersion.
export type { Trx } from './connect.js';

type TablaConId = {
  [T in keyof Database]: Database[T] extends { id: string; version: number; updated_at: string } ? T : never;
}[keyof Database];

/** The offline-sync change feed as the writer needs it (docs/sync.md): a number before the write, an entry after. */
export interface FeedDeCambios {
  /**
   * Takes the write's change number BEFORE the write, so the feed's counter is the first lock the write takes
   * (undefined: not a synced table).
   */
  reservar(trx: Trx, tabla: string): Promise<number | undefined>;
  /** Records that `fila` (the row as now stored) changed, under the number `reservar` gave the write. */
  registrar(trx: Trx, tabla: string, fila: object, seq: number | undefined): Promise<void>;
}

export const ahora = () => new Date().toISOString();

/** Secrets never reach the audit trail. */
const CAMPOS_SECRETOS = new Set(['password_hash']);
const paraAuditoria = (fila: unknown): string | null =>
  fila === undefined || fila === null
    ? null
    : JSON.stringify(fila, (k, v: unknown) => (CAMPOS_SECRETOS.has(k) ? '[oculto]' : v));

interface FilaDeCaso {
  id: string;
  texto_busqueda?: string;
}

/** Keeps the search index (db/busqueda.ts) in step with a case's search text. */
async function reindexar(trx: Trx, tabla: string, fila: FilaDeCaso, antes?: FilaDeCaso): Promise<void> {
  if (!TABLAS_CON_BUSQUEDA.has(tabla) || fila.texto_busqueda === undefined) return;
  if (antes && antes.texto_busqueda === fila.texto_busqueda) return;
  await indexarCaso(trx, fila.id, fila.texto_busqueda);
}

export async function auditar(
  trx: Trx,
  ctx: Contexto,
  accion: string,
  entidad: string,
  entidadId: string | null,
  antes: unknown,
  despues: unknown,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      fecha: ahora(),
      usuario_id: ctx.actor.id,
      username: ctx.actor.username,
      cod_agencia: ctx.actor.cod_agencia,
      accion,
      entidad,
      entidad_id: entidadId,
      antes: paraAuditoria(antes),
      despues: paraAuditoria(despues),
      request_id: ctx.requestId ?? null,
      cliente: ctx.cliente ?? null,
      // A desk's offline command: when the officer acted, beside `fecha` (when it ran here).
      hecho_en: ctx.hechoEn ?? null,
    })
    .execute();
}

/**
 * A row changed by someone else since the caller read it (`versionEsperada`) is refused. Services check it as soon as
 * they have read the row, before their own rules: of twenty racing identical changes, the losers learn that the row
 * moved (CONFLICTO_VERSION), not that the change no longer applies to the state the winner left.
 */
export function comprobarVersion(fila: { version: number }, versionEsperada: number | undefined): void {
  if (versionEsperada !== undefined && versionEsperada !== fila.version)
    throw new AppError(
      'CONFLICTO_VERSION',
      'El registro fue modificado por otra persona; recargue y vuelva a intentar',
      {
        version_actual: fila.version,
      },
    );
}

/** The writer's two operations, writing `feed` entries in the caller's transaction. */
export function crearEscritor(feed: FeedDeCambios) {
  async function insertar<T extends TablaConId>(
    trx: Trx,
    ctx: Contexto,
    tabla: T,
    fila: Omit<Insertable<Database[T]>, 'version' | 'updated_at'>,
    accion = 'CREAR',
  ): Promise<Database[T]> {
    const completa = { ...fila, version: 1, updated_at: ahora() } as unknown as Insertable<Database[T]>;
    const seq = await feed.reservar(trx, tabla);
    await escribir(() =>
      trx
        .insertInto(tabla)
        .values(completa as never)
        .execute(),
    );
    await feed.registrar(trx, tabla, completa, seq);
    await reindexar(trx, tabla, completa as unknown as FilaDeCaso);
    await auditar(trx, ctx, accion, tabla, (completa as unknown as { id: string }).id, null, completa);
    return completa as unknown as Database[T];
  }

  /**
   * Updates one row by id, bumping its version. With `versionEsperada`, a row changed by someone else since the caller
   * read it is refused (CONFLICTO_VERSION) instead of silently overwritten.
   */
  async function actualizar<T extends TablaConId>(
    trx: Trx,
    ctx: Contexto,
    tabla: T,
    antes: Database[T],
    cambios: Omit<Updateable<Database[T]>, 'version' | 'updated_at'>,
    accion = 'ACTUALIZAR',
    versionEsperada?: number,
  ): Promise<Database[T]> {
    const previo = antes as unknown as { id: string; version: number };
    comprobarVersion(previo, versionEsperada);
    const valores = { ...cambios, version: previo.version + 1, updated_at: ahora() };
    const seq = await feed.reservar(trx, tabla);
    const r = await escribir(() =>
      trx
        .updateTable(tabla as TablaConId)
        .set(valores as never)
        .where('id', '=', previo.id as never)
        .where('version', '=', previo.version as never)
        .executeTakeFirst(),
    );
    if (Number(r.numUpdatedRows) !== 1) {
      throw new AppError(
        'CONFLICTO_VERSION',
        'El registro fue modificado al mismo tiempo por otra persona; vuelva a intentar',
      );
    }
    const despues = { ...antes, ...valores } as Database[T];
    await feed.registrar(trx, tabla, despues, seq);
    await reindexar(trx, tabla, despues as unknown as FilaDeCaso, antes as unknown as FilaDeCaso);
    await auditar(trx, ctx, accion, tabla, previo.id, antes, despues);
    return despues;
  }

  return { insertar, actualizar };
}

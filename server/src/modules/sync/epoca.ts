/**
 * The epoch of the server's history (migration 0030, docs/sync.md "Restore"). Desks stamp it into their cursor and
 * their pushes; when it changes they reset and re-send what they had confirmed in the history that was lost. A new
 * epoch always comes with the number counters moved past a margin (db/secuencias.ts MARGEN_RESTAURACION): whatever
 * replaced the history may have lost numbers already printed on receipts.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { fechaPanama } from '#shared/calendario';
import { esMssql, type Db } from '../../db/connect.js';
import type { Trx } from '../../db/escritura.js';
import { avanzarContadores, MARGEN_RESTAURACION, type Contador } from '../../db/secuencias.js';

/** Why an epoch started: a new database, the ops CLI's restore, a restore noticed at start, IT's `new-epoch`. */
export type MotivoEpoca = 'CREADA' | 'RESTAURADA' | 'RESTAURACION_DETECTADA' | 'NUEVA';

export async function epocaActual(db: Db | Trx): Promise<string> {
  const fila = await db.selectFrom('sync_epoca').select('epoca').where('id', '=', 1).executeTakeFirstOrThrow();
  return fila.epoca;
}

export interface EpocaNueva {
  epoca: string;
  anterior: string | null;
  contadores: { nombre: string; anio: number; valor: number }[];
}

/**
 * Starts a new epoch and moves every number counter `margen` forward, in one transaction. `siFork`: only if the stored
 * recovery fork is still that one (two API processes starting together after a restore start one epoch, not two).
 */
export async function iniciarEpoca(
  db: Db,
  motivo: MotivoEpoca,
  o: { margen?: number; fork?: string | null; siFork?: string | null; ahora?: Date; vistos?: Contador[] } = {},
): Promise<EpocaNueva | null> {
  const margen = o.margen ?? MARGEN_RESTAURACION;
  if (!Number.isInteger(margen) || margen < 0) throw new Error('El margen de números debe ser un entero ≥ 0');
  return db.transaction().execute(async (trx) => {
    const actual = await trx.selectFrom('sync_epoca').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    if (o.siFork !== undefined && actual.recovery_fork !== o.siFork) return null;
    const epoca = randomBytes(16).toString('hex');
    await trx
      .updateTable('sync_epoca')
      .set({
        epoca,
        anterior: actual.epoca,
        desde: (o.ahora ?? new Date()).toISOString(),
        motivo,
        recovery_fork: o.fork === undefined ? actual.recovery_fork : o.fork,
      })
      .where('id', '=', 1)
      .execute();
    const plantillas = await trx.selectFrom('workflows').select('codigo').distinct().execute();
    const nombres = ['PPSH', ...plantillas.map((p) => `WF-${p.codigo}`)];
    const anio = Number(fechaPanama(o.ahora).slice(0, 4));
    const contadores = await avanzarContadores(trx, margen, anio, nombres, o.vistos);
    return { epoca, anterior: actual.epoca, contadores };
  });
}

/** SQL Server's identity of the database's recovery path: a RESTORE (of any backup, by anyone) gives it a new value. */
export const recoveryForkSql = () =>
  'select convert(varchar(36), recovery_fork_guid) as fork from sys.database_recovery_status where database_id = db_id()';

async function recoveryFork(db: Db): Promise<string | null> {
  const r = await sql<{ fork: string | null }>`${sql.raw(recoveryForkSql())}`.execute(db);
  return r.rows[0]?.fork?.toLowerCase() ?? null;
}

/**
 * At start, on SQL Server: a recovery fork other than the one the epoch recorded means the database was restored without
 * the ops CLI (a DBA's RESTORE, a copy attached elsewhere): start a new epoch and move the counters, as a restore through
 * the CLI does. The first start records the fork. SQLite has no such mark: a file copied back by hand is not noticed here
 * (desks still notice a cursor ahead of the server, docs/sync.md "Restore").
 */
export async function comprobarRestauracion(db: Db, logger?: Logger): Promise<EpocaNueva | null> {
  if (!esMssql(db)) return null;
  let fork: string | null;
  try {
    fork = await recoveryFork(db);
  } catch (e) {
    logger?.warn(
      { err: (e as Error).message },
      'no se pudo leer recovery_fork_guid: una restauración manual no se detecta',
    );
    return null;
  }
  if (!fork) return null;
  const { recovery_fork } = await db
    .selectFrom('sync_epoca')
    .select('recovery_fork')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (recovery_fork === fork) return null;
  if (recovery_fork === null) {
    await db
      .updateTable('sync_epoca')
      .set({ recovery_fork: fork })
      .where('id', '=', 1)
      .where('recovery_fork', 'is', null)
      .execute();
    return null;
  }
  const nueva = await iniciarEpoca(db, 'RESTAURACION_DETECTADA', { fork, siFork: recovery_fork });
  if (nueva)
    logger?.warn(
      { epoca: nueva.epoca, anterior: nueva.anterior, contadores: nueva.contadores.length },
      'la base fue restaurada sin la herramienta de operaciones: nueva época de sincronización y contadores avanzados',
    );
  return nueva;
}

/** After a restore by the ops CLI: the fork of the restored database (SQL Server) is the one this epoch belongs to. */
export async function forkActual(db: Db): Promise<string | null> {
  return esMssql(db) ? recoveryFork(db) : null;
}

/**
 * The change feed (migration 0020, docs/sync.md). Every write to a synced table records its change here, in the writer's
 * transaction (server/src/escritor.ts hands reservarCambio and registrarCambio to db/escritura.ts), so a change is
 * visible to pullers exactly when the row is.
 *
 * Change numbers come from the one sync_contador row, bumped inside that transaction: the row lock it takes is held to
 * commit, so synced writes commit in number order and a puller can never see number N+1 while N is still uncommitted
 * (the trap of identity columns, whose values commit out of order under concurrency on SQL Server).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/connect.js';
import type { SyncCambioRow } from '../../db/schema.js';
import { TABLAS, type DefTabla } from './tablas.js';

/** Reserves `n` consecutive change numbers and returns the last one. */
export async function reservarSecuencia(trx: Trx, n: number): Promise<number> {
  await trx
    .updateTable('sync_contador')
    .set((eb) => ({ seq: eb('seq', '+', n) }))
    .where('id', '=', 1)
    .execute();
  const { seq } = await trx.selectFrom('sync_contador').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  // bigint: tedious returns it as a string.
  return Number(seq);
}

async function oficinaDe(trx: Trx, def: DefTabla, fila: Record<string, unknown>): Promise<string | null> {
  if (def.oficina === 'global') return null;
  if (def.oficina === 'propia') return fila.cod_agencia as string;
  const padre = await trx
    .selectFrom('sync_cambios')
    .select('cod_agencia')
    .where('tabla', '=', def.oficina.padre)
    .where('fila_id', '=', String(fila[def.oficina.fk]))
    .executeTakeFirstOrThrow();
  return padre.cod_agencia;
}

/**
 * Takes the next change number for a write to `tabla`, BEFORE the write (undefined: the table is not synced, e.g.
 * usuarios). Bumping the counter first makes it the first lock every synced write takes, so two transactions never hold
 * each other's rows while waiting for the counter (no deadlock on SQL Server between, say, editing a person and the case).
 */
export async function reservarCambio(trx: Trx, tabla: string): Promise<number | undefined> {
  return TABLAS.has(tabla) ? reservarSecuencia(trx, 1) : undefined;
}

/** Records that `fila` (the row as now stored) changed, under the number reservarCambio gave the write. */
export async function registrarCambio(trx: Trx, tabla: string, fila: object, seq: number | undefined): Promise<void> {
  const def = TABLAS.get(tabla);
  if (!def || seq === undefined) return;
  const f = fila as Record<string, unknown>;
  const cod_agencia = await oficinaDe(trx, def, f);
  const fila_id = String(f[def.clave]);
  const version = Number(f.version);
  const r = await trx
    .updateTable('sync_cambios')
    .set({ seq, cod_agencia, version })
    .where('tabla', '=', tabla)
    .where('fila_id', '=', fila_id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    await trx.insertInto('sync_cambios').values({ seq, tabla, fila_id, cod_agencia, version }).execute();
  }
}

/**
 * Feed entries for rows a bulk load inserts (the demo loader): brand-new rows, so one counter bump for the whole batch.
 * The caller inserts the returned entries in the same transaction as the rows.
 */
export async function cambiosDeAltas(trx: Trx, altas: Omit<SyncCambioRow, 'seq'>[]): Promise<SyncCambioRow[]> {
  if (!altas.length) return [];
  const primero = (await reservarSecuencia(trx, altas.length)) - altas.length + 1;
  return altas.map((a, i) => ({ seq: primero + i, ...a }));
}

/**
 * Drops the feed entries of rows that no longer exist (deleted by a purge) and raises seq_minimo past them: a client whose
 * cursor is older may still hold such a row and, with its delete gone from the feed, must reset. Returns entries dropped.
 */
export async function compactarCambios(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let borradas = 0;
    let hasta = 0;
    for (const def of TABLAS.values()) {
      // Compared as text; uuid keys as they are, so SQL Server can seek the primary key.
      const clave = def.claveNumerica
        ? sql`cast(${sql.ref(`t.${def.clave}`)} as varchar(64))`
        : sql.ref(`t.${def.clave}`);
      const huerfanas = trx
        .selectFrom('sync_cambios')
        .where('tabla', '=', def.tabla)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom(`${def.tabla} as t` as 'ppsh_solicitudes')
                .select(sql.lit(1).as('uno'))
                .where(sql<boolean>`${clave} = sync_cambios.fila_id`),
            ),
          ),
        );
      const { maximo } = await huerfanas.select((eb) => eb.fn.max('seq').as('maximo')).executeTakeFirstOrThrow();
      if (maximo === null) continue;
      hasta = Math.max(hasta, Number(maximo));
      const r = await trx.deleteFrom('sync_cambios').where('seq', 'in', huerfanas.select('seq')).executeTakeFirst();
      borradas += Number(r.numDeletedRows);
    }
    if (hasta) {
      await trx
        .updateTable('sync_contador')
        .set({ seq_minimo: hasta })
        .where('id', '=', 1)
        .where('seq_minimo', '<', hasta)
        .execute();
    }
    return borradas;
  });
}

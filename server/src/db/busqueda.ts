/**
 * The caseload's search index: busqueda_terminos(termino, caso_id), kept by the write path (db/escritura.ts) whenever a
 * case's `texto_busqueda` changes. A search word becomes an indexed prefix lookup on both engines instead of a
 * `LIKE '%word%'` scan of every case (seconds per search on 100,000 cases).
 */
import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { terminoDeBusqueda, terminosDeBusqueda } from '#shared/texto';
import type { Db, Trx } from './connect.js';
import type { Database } from './schema.js';

/** Tables whose rows are cases with a `texto_busqueda` column. */
export const TABLAS_CON_BUSQUEDA: ReadonlySet<string> = new Set(['ppsh_solicitudes', 'workflow_instancias']);

export const filasDeTerminos = (casoId: string, texto: string) =>
  terminosDeBusqueda(texto).map((termino) => ({ termino, caso_id: casoId }));

/** Inserts rows in chunks under SQLite's and SQL Server's bound-parameter and VALUES-row limits. */
export async function insertarEnTrozos(trx: Trx, tabla: keyof Database, filas: object[]): Promise<void> {
  if (!filas.length) return;
  const porTrozo = Math.min(1000, Math.max(1, Math.floor(2000 / Object.keys(filas[0]!).length)));
  for (let i = 0; i < filas.length; i += porTrozo) {
    await trx
      .insertInto(tabla)
      .values(filas.slice(i, i + porTrozo) as never)
      .execute();
  }
}

export async function indexarCaso(trx: Trx, casoId: string, texto: string): Promise<void> {
  await trx.deleteFrom('busqueda_terminos').where('caso_id', '=', casoId).execute();
  await insertarEnTrozos(trx, 'busqueda_terminos', filasDeTerminos(casoId, texto));
}

/**
 * Search words as `where` conditions on a case id column (every word must start a term of the case). Two shapes of the
 * same condition, because the best plan depends on how many cases match:
 * - few matches: `id in (terms of that prefix)`, so the engine starts from the handful of matching terms;
 * - many matches (`amplia`): a correlated `exists`, so the engine walks the page's sort index and stops after a page
 *   instead of reading and sorting every match (a common surname matches one case in ten).
 * Words reduce to letters and digits, so no LIKE wildcard can reach the pattern.
 */
export function condicionesDeBusqueda(buscar: string, columnaId: string, amplia: boolean) {
  return buscar
    .split(/\s+/)
    .map(terminoDeBusqueda)
    .filter(Boolean)
    .map(
      (t) =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- used on either case table (and the caseload union's branches)
        (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
          amplia
            ? eb.exists(
                eb
                  .selectFrom('busqueda_terminos as b')
                  .select(sql.lit(1).as('uno'))
                  .whereRef('b.caso_id', '=', columnaId)
                  .where('b.termino', 'like', `${t}%`),
              )
            : eb(
                columnaId,
                'in',
                eb.selectFrom('busqueda_terminos').select('caso_id').where('termino', 'like', `${t}%`),
              ),
    );
}

/**
 * Counts are exact up to this many cases; past it the caseload says "more than 1000" (`total_es_minimo`). Counting every one
 * of 10,000 matches cost more than serving the page itself.
 */
export const TOPE_CONTEO = 1000;

export interface Conteo {
  total: number;
  /** `total` stopped at TOPE_CONTEO: it is a lower bound (named so that nobody reads it as "no more pages"). */
  total_es_minimo: boolean;
}

export async function contarHastaTope(
  db: Db | Trx,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any filtered select over a case table
  filtrada: SelectQueryBuilder<Database, any, object>,
): Promise<Conteo> {
  const { n } = await db
    .selectFrom(
      filtrada
        .select(sql.lit(1).as('uno'))
        .limit(TOPE_CONTEO + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { total: Math.min(Number(n), TOPE_CONTEO), total_es_minimo: Number(n) > TOPE_CONTEO };
}

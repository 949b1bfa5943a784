/**
 * The caseload's search index: busqueda_terminos(termino, caso_id), kept by the write path (db/escritura.ts) whenever a
 * case's `texto_busqueda` changes. A search word becomes an indexed prefix lookup on both engines instead of a
 * `LIKE '%word%'` scan of every case (seconds per search on 100,000 cases).
 */
import { terminoDeBusqueda, terminosDeBusqueda } from '../../../shared/src/texto.js';
import type { Db } from './connect.js';
import type { Database } from './schema.js';
import type { Trx } from './escritura.js';

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
 * The ids of the cases whose search text has a term starting with each word typed (all words must match), as
 * subqueries for `where id in (…)`. Words reduce to letters and digits, so no LIKE wildcard can reach the pattern.
 */
export function casosQueCoinciden(db: Db | Trx, buscar: string) {
  return buscar
    .split(/\s+/)
    .map(terminoDeBusqueda)
    .filter(Boolean)
    .map((t) => db.selectFrom('busqueda_terminos').select('caso_id').where('termino', 'like', `${t}%`));
}

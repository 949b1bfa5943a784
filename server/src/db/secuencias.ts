/**
 * Human numbers (PPSH-2026-000123) from a per-name, per-year counter row, incremented inside the caller's transaction.
 * The UPDATE takes the row lock on SQL Server and SQLite serialises writers, so two requests never get the same number
 * (the reference's max()+1 could).
 */
import type { Trx } from './connect.js';

export async function siguienteValor(trx: Trx, nombre: string, anio: number): Promise<number> {
  const r = await trx
    .updateTable('secuencias')
    .set((eb) => ({ valor: eb('valor', '+', 1) }))
    .where('nombre', '=', nombre)
    .where('anio', '=', anio)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    await trx.insertInto('secuencias').values({ nombre, anio, valor: 1 }).execute();
    return 1;
  }
  const fila = await trx
    .selectFrom('secuencias')
    .select('valor')
    .where('nombre', '=', nombre)
    .where('anio', '=', anio)
    .executeTakeFirstOrThrow();
  return fila.valor;
}

export const formatoNumero = (prefijo: string, anio: number, valor: number) =>
  `${prefijo}-${anio}-${String(valor).padStart(6, '0')}`;

/**
 * How far a restore moves every number counter (docs/sync.md "Restore", docs/operations.md): the numbers issued between
 * the backup and the restore were lost with the database but are printed on applicants' receipts, so the restored
 * counters must not hand them out again. Backups are daily and kept 7 days, so a restore loses at most about 8 days of
 * numbers; 10,000 per counter and year is over a thousand registrations a day per kind of case, far above any office
 * network's pace (the whole demo caseload of 300 cases fits 30 times), and costs little of the 6-digit range (each
 * restore spends 1% of it; a 7th digit simply appears after a million).
 */
export const MARGEN_RESTAURACION = 10_000;

export interface Contador {
  nombre: string;
  anio: number;
  valor: number;
}

/**
 * Every counter (each name and year present, plus the given names for `anio`) moves `margen` past the highest of its
 * own value and the one in `vistos`: the counters of the database a restore replaced. Those numbers are on receipts
 * too, and restoring the same backup twice would otherwise land the second history on the first one's numbers.
 */
export async function avanzarContadores(
  trx: Trx,
  margen: number,
  anio: number,
  nombres: string[],
  vistos: Contador[] = [],
): Promise<Contador[]> {
  const techo = new Map<string, Contador>();
  const subir = (c: Contador) => {
    const clave = `${c.nombre}\u0000${c.anio}`;
    const previo = techo.get(clave);
    if (!previo || previo.valor < Number(c.valor)) techo.set(clave, { ...c, valor: Number(c.valor) });
  };
  for (const c of await trx.selectFrom('secuencias').select(['nombre', 'anio', 'valor']).execute()) subir(c);
  for (const c of vistos) subir(c);
  // This year's numbers may have been issued after a backup of last year: their counter starts past the margin too.
  for (const nombre of new Set(nombres)) subir({ nombre, anio, valor: 0 });
  const avanzados: Contador[] = [];
  for (const c of techo.values()) {
    const valor = c.valor + margen;
    const r = await trx
      .updateTable('secuencias')
      .set({ valor })
      .where('nombre', '=', c.nombre)
      .where('anio', '=', c.anio)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      await trx
        .insertInto('secuencias')
        .values({ ...c, valor })
        .execute();
    avanzados.push({ ...c, valor });
  }
  return avanzados;
}

/**
 * A number asked back by a case re-sent after a restore (`num_expediente_anterior`): returned when it may be given, else
 * null (the caller issues a new one). It must have this prefix, be free (`enUso` false) and not lie beyond what a counter
 * can have issued (the counter plus one restore margin: a desk cannot reserve numbers far ahead). A number above the
 * counter (a restore the tooling did not do, so the counter went back) moves the counter up to it, so it is never issued
 * again.
 */
export async function numeroDevuelto(
  trx: Trx,
  prefijo: string,
  numero: string,
  enUso: (numero: string) => Promise<boolean>,
): Promise<string | null> {
  const partes = /^(.*)-(\d{4})-(\d{6,7})$/.exec(numero);
  if (!partes || partes[1] !== prefijo) return null;
  const anio = Number(partes[2]);
  const valor = Number(partes[3]);
  if (valor < 1 || formatoNumero(prefijo, anio, valor) !== numero || (await enUso(numero))) return null;
  const fila = await trx
    .selectFrom('secuencias')
    .select('valor')
    .where('nombre', '=', prefijo)
    .where('anio', '=', anio)
    .executeTakeFirst();
  const actual = fila ? Number(fila.valor) : 0;
  if (valor > actual + MARGEN_RESTAURACION) return null;
  if (valor > actual) {
    if (fila)
      await trx
        .updateTable('secuencias')
        .set({ valor })
        .where('nombre', '=', prefijo)
        .where('anio', '=', anio)
        .execute();
    else await trx.insertInto('secuencias').values({ nombre: prefijo, anio, valor }).execute();
  }
  return numero;
}

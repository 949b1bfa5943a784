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

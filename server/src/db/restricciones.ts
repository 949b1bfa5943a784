/**
 * A write refused by a database constraint is the client's doing (an id it chose that already exists, a reference to
 * a row that is not there, a value the column cannot hold): a stable refusal with its code, never a 500 over REST nor
 * "retry later" over sync, since the same input fails the same way every time. Errors of both engines are recognised.
 */
import { AppError } from '../error-api.js';

const SQLITE_DUPLICADO = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);
const SQLITE_INVALIDO = new Set([
  'SQLITE_CONSTRAINT_FOREIGNKEY',
  'SQLITE_CONSTRAINT_NOTNULL',
  'SQLITE_CONSTRAINT_CHECK',
]);
/** SQL Server: 2627 / 2601 unique key or index; 547 foreign key or check; 515 NULL; 2628 / 8152 value too long. */
const MSSQL_DUPLICADO = new Set([2627, 2601]);
const MSSQL_INVALIDO = new Set([547, 515, 2628, 8152]);

export function rechazoDeRestriccion(e: unknown): AppError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, number } = e as { code?: unknown; number?: unknown };
  if (SQLITE_DUPLICADO.has(code as string) || MSSQL_DUPLICADO.has(number as number))
    return new AppError('DUPLICADO', 'Ya existe un registro con ese identificador; no se guardó de nuevo');
  if (SQLITE_INVALIDO.has(code as string) || MSSQL_INVALIDO.has(number as number))
    return new AppError('VALIDACION', 'Los datos se refieren a un registro inexistente o no caben en su campo');
  return undefined;
}

/** Runs one write, turning a constraint refusal into its AppError; anything else passes through untouched. */
export async function escribir<T>(sentencia: () => Promise<T>): Promise<T> {
  try {
    return await sentencia();
  } catch (e) {
    throw rechazoDeRestriccion(e) ?? e;
  }
}

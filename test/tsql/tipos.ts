/**
 * SQL Server column types read straight from the compiled migrations (the operation tree each CREATE / ALTER TABLE
 * sends), and the rules they must follow given what the columns hold: instants in datetime2, booleans in bit, calendar
 * dates in char(10), any human text (accents, ñ) in nvarchar. Checked against real rows, not against a snapshot.
 */
import {
  AlterTableNode,
  CreateTableNode,
  DropTableNode,
  RawNode,
  type ColumnDefinitionNode,
  type CompiledQuery,
} from 'kysely';

export interface ColumnaTsql {
  tabla: string;
  columna: string;
  /** As SQL Server receives it, lower case: bit, datetime2(3), nvarchar(100), varchar(36)… */
  tipo: string;
}

function tipoDe(def: ColumnDefinitionNode): string {
  const t = def.dataType;
  // Migrations name each engine's type through sql.raw (server/src/db/columnas.ts); Kysely's own types are DataTypeNodes.
  return (RawNode.is(t) ? t.sqlFragments.join('') : String((t as { dataType?: string }).dataType)).toLowerCase();
}

export function columnasDeMigraciones(sentencias: readonly CompiledQuery[]): ColumnaTsql[] {
  let columnas: ColumnaTsql[] = [];
  for (const { query } of sentencias) {
    // A table a later migration replaced (intentos_login by limites_login) has no rows left to check.
    if (DropTableNode.is(query)) columnas = columnas.filter((c) => c.tabla !== query.table.table.identifier.name);
    if (CreateTableNode.is(query))
      for (const def of query.columns)
        columnas.push({ tabla: query.table.table.identifier.name, columna: def.column.column.name, tipo: tipoDe(def) });
    if (AlterTableNode.is(query))
      for (const accion of query.columnAlterations ?? [])
        if (accion.kind === 'AddColumnNode')
          columnas.push({
            tabla: query.table.table.identifier.name,
            columna: accion.column.column.column.name,
            tipo: tipoDe(accion.column),
          });
  }
  return columnas;
}

const TIPOS_ADMITIDOS = /^(bit|int|bigint|datetime2\(3\)|char\(10\)|nvarchar\((\d+|max)\)|varchar\(\d+\))$/;
const INSTANTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const FECHA = /^\d{4}-\d{2}-\d{2}$/;
/** Names that say yes/no. */
const BOOLEANO = /^(es_|activo$|asistio$|requiere_|tiene_|puede_)/;
/**
 * Names of text an officer or applicant writes (Spanish: accents and ñ) even where the rows at hand happen to be ASCII.
 * Plain `nombre` is left to the data: it is also the key of a sequence or the name of a sync command.
 */
const TEXTO_HUMANO =
  /(^|_)(apellido|descripcion|observaciones|comentario|motivo|direccion|acta|lugar|mensaje)(_|$)|^(primer|segundo)_nombre$|^nombre_(titular|instancia|completo)$/;

/** What is wrong with a column's SQL Server type, given its name and the values it holds on SQLite. */
export function problemasDeTipo(c: ColumnaTsql, valores: readonly unknown[]): string[] {
  const p: string[] = [];
  const nombre = `${c.tabla}.${c.columna} ${c.tipo}`;
  if (!TIPOS_ADMITIDOS.test(c.tipo)) p.push(`${nombre}: tipo fuera del vocabulario (bit, int, datetime2, nvarchar…)`);
  const textos = valores.filter((v): v is string => typeof v === 'string');
  if (c.tipo !== 'datetime2(3)' && textos.some((v) => INSTANTE.test(v)))
    p.push(`${nombre}: un instante va en datetime2`);
  if (c.tipo === 'datetime2(3)' && valores.some((v) => typeof v !== 'string' || !INSTANTE.test(v)))
    p.push(`${nombre}: un datetime2 guarda solo instantes UTC`);
  if (c.tipo === 'bit' && valores.some((v) => v !== 0 && v !== 1)) p.push(`${nombre}: un bit guarda solo 0 y 1`);
  if (BOOLEANO.test(c.columna) && c.tipo !== 'bit') p.push(`${nombre}: un sí/no va en bit`);
  if (c.tipo === 'char(10)' && textos.some((v) => !FECHA.test(v)))
    p.push(`${nombre}: char(10) guarda fechas AAAA-MM-DD`);
  const unicode = textos.some((v) => /[^\p{ASCII}]/u.test(v)) || TEXTO_HUMANO.test(c.columna);
  if (unicode && !c.tipo.startsWith('nvarchar')) p.push(`${nombre}: texto con acentos o ñ va en nvarchar`);
  return p;
}

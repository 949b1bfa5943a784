/**
 * SQL Server cannot run on our machines (docs/decisiones.md §9), so its T-SQL is checked here instead: every migration is
 * compiled through a recording driver (the mock edge: no server answers), and every query the API runs on SQLite is
 * recompiled for SQL Server from Kysely's operation tree, exactly as the production dialect and plugin would send it.
 */
import type { CompiledQuery } from 'kysely';
import {
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  SelectQueryNode,
  createQueryId,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type RootOperationNode,
} from 'kysely';
import { MssqlCompatPlugin, transformarParaMssql } from '../../server/src/db/mssql-plugin.js';

class DriverGrabador implements Driver {
  readonly sentencias: CompiledQuery[] = [];
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: async <R>(q: CompiledQuery): Promise<QueryResult<R>> => {
        this.sentencias.push(q);
        // An empty database: an aggregate read (a count before a backfill) gets its one row, every column 0; a paged
        // read (with a limit, as batched backfills do) gets no rows.
        const agregado = SelectQueryNode.is(q.query) && !q.query.limit && !q.query.top && !q.query.fetch;
        return { rows: agregado ? [new Proxy({}, { get: () => 0 }) as R] : [] };
      },
      streamQuery: async function* () {},
    };
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

/** A Kysely on the SQL Server dialect whose statements are recorded, not sent. */
export function kyselyGrabador() {
  const driver = new DriverGrabador();
  const db = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new MssqlAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new MssqlIntrospector(k),
      createQueryCompiler: () => new MssqlQueryCompiler(),
    },
    plugins: [new MssqlCompatPlugin()],
  });
  return { db, sentencias: driver.sentencias };
}

/** Application queries (not DDL, which the migrations test covers, nor Kysely's own migration bookkeeping). */
export function esConsultaDeAplicacion(node: RootOperationNode): boolean {
  const dml = ['SelectQueryNode', 'InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'RawNode'].includes(
    node.kind,
  );
  return dml && !JSON.stringify(node).includes('"kysely_migration');
}

export function compilarParaMssql(node: RootOperationNode): CompiledQuery {
  return new MssqlQueryCompiler().compileQuery(transformarParaMssql(node), createQueryId());
}

/** Text outside string literals and quoted identifiers: where a keyword means a keyword. */
const codigo = (sql: string) => sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"[^"]*"/g, '""');

const TRAMPAS: [string, RegExp][] = [
  ['limit (use top / offset-fetch)', /\blimit\b/i],
  ['if not exists en create', /\bif\s+not\s+exists\b/i],
  ['tipo boolean (use bit)', /\bboolean\b/i],
  ['tipo timestamp (use datetime2)', /\btimestamp\b/i],
  ['returning (use output inserted.*)', /\breturning\b/i],
  ['tipo text obsoleto (use nvarchar(max))', /^\s*(create|alter)\s+table[\s\S]*\btext\b/i],
  ['autoincrement de SQLite', /\bautoincrement\b/i],
  ['offset sin order by', /^(?![\s\S]*\border by\b)[\s\S]*\boffset\b/i],
];

/** The traps of docs/decisiones.md §5 a statement falls into, plus SQL Server's hard limits. */
export function trampas(q: CompiledQuery): string[] {
  const texto = codigo(q.sql);
  const encontradas = TRAMPAS.filter(([, re]) => re.test(texto)).map(([nombre]) => nombre);
  if (q.parameters.length > 2100) encontradas.push(`${q.parameters.length} parámetros (SQL Server admite 2100)`);
  const filas = texto.match(/\bvalues\s*\(/i) ? (texto.match(/\)\s*,\s*\(/g)?.length ?? 0) + 1 : 0;
  if (filas > 1000) encontradas.push(`${filas} filas en un VALUES (SQL Server admite 1000)`);
  return encontradas;
}

/** One readable line per statement shape: parameters as ?, repeated VALUES rows and IN lists folded. */
export function forma(sql: string): string {
  return sql
    .replace(/@\d+/g, '?')
    .replace(/\((\?(?:, \?)*)\)(?:, \(\1\))+/g, '($1) …')
    .replace(/ in \(\?(?:, \?)+\)/g, ' in (?…)');
}

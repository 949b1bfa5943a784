/**
 * What lets one Kysely query definition run on SQL Server as well as SQLite:
 * - `limit`/`offset` (which T-SQL lacks) become `top(n)` or `offset … rows fetch next … rows only`;
 * - results come back in the SQLite representation the application uses (instants as UTC ISO strings, bits as 0/1).
 * The same transformer is applied in tests to every query the server runs, to snapshot the T-SQL it would send.
 */
import type { SelectQueryNode } from 'kysely';
import {
  FetchNode,
  OffsetNode,
  OperationNodeTransformer,
  OrderByItemNode,
  OrderByNode,
  RawNode,
  TopNode,
  ValueNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

function numeroDe(node: OperationNode): number {
  if (ValueNode.is(node) && typeof node.value === 'number') return node.value;
  throw new Error('limit/offset deben ser números para compilar a T-SQL');
}

class PaginacionTsql extends OperationNodeTransformer {
  protected override transformSelectQuery(original: SelectQueryNode): SelectQueryNode {
    const node = super.transformSelectQuery(original);
    if (!node.limit) return node;
    const filas = numeroDe(node.limit.limit);
    const { limit: _limit, ...resto } = node;
    if (!node.offset && !node.orderBy) return { ...resto, top: TopNode.create(filas) };
    // OFFSET/FETCH needs an ORDER BY; `(select null)` keeps the engine's order where the query asked for none.
    const orderBy =
      node.orderBy ?? OrderByNode.create([OrderByItemNode.create(RawNode.createWithSql('(select null)'))]);
    return {
      ...resto,
      orderBy,
      offset: node.offset ?? OffsetNode.create(ValueNode.createImmediate(0)),
      fetch: FetchNode.create(filas, 'only'),
    };
  }
}

const paginacion = new PaginacionTsql();

export function transformarParaMssql(node: RootOperationNode): RootOperationNode {
  return paginacion.transformNode(node);
}

function normalizarValor(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

export class MssqlCompatPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return transformarParaMssql(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const rows = args.result.rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalizarValor(v)])),
    );
    return { ...args.result, rows };
  }
}

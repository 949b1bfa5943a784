/**
 * Column types for migrations, mapped once per engine (docs/decisiones.md §5): booleans are bit / integer 0-1,
 * instants datetime2 / ISO text (always UTC), JSON and long text nvarchar(max) / text, calendar dates char(10) on both.
 */
import { sql, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';
import { esMssql } from './connect.js';

/** Migrations see the schema as it was when they were written, not today's row types: untyped on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DbMigracion = Kysely<any>;

export const INSTANTE_SEMILLA = '2026-01-01T00:00:00.000Z';

export function columnas(db: DbMigracion) {
  const ms = esMssql(db);
  const t = (mssql: string, sqlite: string): Expression<unknown> => sql.raw(ms ? mssql : sqlite);
  return {
    id: t('varchar(36)', 'text'),
    codigo: (n: number) => t(`varchar(${n})`, 'text'),
    texto: (n: number) => t(`nvarchar(${n})`, 'text'),
    textoLargo: t('nvarchar(max)', 'text'),
    bit: t('bit', 'integer'),
    instante: t('datetime2(3)', 'text'),
    fecha: t('char(10)', 'text'),
    entero: t('int', 'integer'),
    grande: t('bigint', 'integer'),
    /** Search terms: compared case-insensitively so `LIKE 'prefix%'` can seek the index on both engines. */
    termino: t('varchar(60)', 'text collate nocase'),
  };
}

/** `version` and `updated_at` on every table the desktop syncs. */
export function conVersion<T extends string, C extends string>(
  db: DbMigracion,
  tabla: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'version' | 'updated_at'> {
  const c = columnas(db);
  return tabla
    .addColumn('version', c.entero, (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', c.instante, (col) => col.notNull());
}

/**
 * `npm run migrate -- --revertir-ultima` on a real SQLite file: the last reversible migration is undone (its table
 * and its row in kysely_migration are gone), migrating again restores it; a migration without `down` is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { revertirUltima } from '../../server/src/db/migrate.js';
import { MIGRACIONES } from '../../server/src/db/migrations/index.js';
import { ROOT, run, tempDir } from './helpers/tools.js';

const dir = tempDir('revertir');
const archivo = path.join(dir, 'tramites.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const migrate = (...args: string[]) =>
  run(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/src/cli/migrate.ts', ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${archivo}`, NODE_ENV: 'development', DEMO: 'false' },
    timeoutMs: 120_000,
  });
const aplicadas = () => {
  const db = new Database(archivo, { readonly: true });
  try {
    return db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('revertir la última migración', () => {
  it('deshace la última reversible y la siguiente migración la vuelve a aplicar', async () => {
    const todas = Object.keys(MIGRACIONES).sort();
    const ultima = todas.at(-1)!;
    expect(MIGRACIONES[ultima]!.down, `${ultima} debería ser reversible`).toBeTypeOf('function');
    expect((await migrate()).code).toBe(0);
    expect(aplicadas()).toEqual(todas);

    const r = await migrate('--revertir-ultima');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Migración revertida: ${ultima}`);
    expect(aplicadas()).toEqual(todas.slice(0, -1));

    expect((await migrate()).code).toBe(0);
    expect(aplicadas()).toEqual(todas);
  }, 180_000);

  it('una migración sin down se rechaza por su nombre y no cambia nada', async () => {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    try {
      const tabla = (nombre: string) => ({
        up: (k: Kysely<unknown>) => k.schema.createTable(nombre).addColumn('id', 'integer').execute(),
      });
      const migraciones = {
        '0001_reversible': { ...tabla('a'), down: async () => undefined },
        '0002_sin_down': tabla('b'),
      };
      await new Migrator({ db, provider: { getMigrations: async () => migraciones } }).migrateToLatest();
      await expect(revertirUltima(db as never, migraciones)).rejects.toThrow(
        'La migración 0002_sin_down no es reversible: restaure el respaldo previo a la actualización',
      );
      const filas = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      expect(filas.rows.map((f) => f.name)).toEqual(['0001_reversible', '0002_sin_down']);
    } finally {
      await db.destroy();
    }
  });
});

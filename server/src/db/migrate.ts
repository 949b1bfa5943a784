import { Migrator } from 'kysely';
import type { DbMigracion } from './columnas.js';
import { MIGRACIONES } from './migrations/index.js';

export async function migrateToLatest(db: DbMigracion): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRACIONES } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const fallida = results?.find((r) => r.status === 'Error')?.migrationName ?? 'desconocida';
    throw new Error(`La migración ${fallida} falló: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

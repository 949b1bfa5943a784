import { Migrator } from 'kysely';
import type { DbMigracion } from './columnas.js';
import { MIGRACIONES } from './migrations/index.js';

export async function migrateToLatest(db: DbMigracion): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRACIONES } });
  // Nothing pending (the deployment's migrate step ran first): only read, so the API's login needs no schema rights
  // and no migration lock (sp_getapplock on dbo, which a least-privilege SQL Server login may not take).
  if ((await migrator.getMigrations()).every((m) => m.executedAt)) return [];
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const fallida = results?.find((r) => r.status === 'Error')?.migrationName ?? 'desconocida';
    throw new Error(`La migración ${fallida} falló: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

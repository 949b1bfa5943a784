import { Migrator } from 'kysely';
import { conBloqueoDeMigraciones } from './bloqueo-migraciones.js';
import type { DbMigracion } from './columnas.js';
import { MIGRACIONES } from './migrations/index.js';

const migrador = (db: DbMigracion, migraciones = MIGRACIONES) =>
  new Migrator({ db: conBloqueoDeMigraciones(db), provider: { getMigrations: async () => migraciones } });

export async function migrateToLatest(db: DbMigracion): Promise<string[]> {
  const migrator = migrador(db);
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

/**
 * Undoes the last applied migration when it is reversible (it has a `down`), for an update whose new schema must go
 * before the previous version runs again. Migrations are append-only and backward compatible, so this is rarely
 * needed; one without `down` is refused by name (restore the backup taken before the update instead).
 */
export async function revertirUltima(db: DbMigracion, migraciones = MIGRACIONES): Promise<string> {
  const migrator = migrador(db, migraciones);
  const ultima = (await migrator.getMigrations()).filter((m) => m.executedAt).at(-1);
  if (!ultima) throw new Error('No hay migraciones aplicadas que revertir');
  if (!ultima.migration.down)
    throw new Error(`La migración ${ultima.name} no es reversible: restaure el respaldo previo a la actualización`);
  const { error } = await migrator.migrateDown();
  if (error)
    throw new Error(`No se pudo revertir ${ultima.name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  return ultima.name;
}

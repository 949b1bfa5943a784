/**
 * The SQL Server migration lock, taken so the migration login's grants suffice (docs/operations.md §2: db_datareader,
 * db_datawriter, db_ddladmin; never db_owner). Kysely's own lock calls sp_getapplock with @DbPrincipal = 'dbo', and
 * Microsoft's documentation of sp_getapplock says the caller must be a member of that principal, of dbo or of the
 * db_owner role: the migration login is none of them. The lock is taken for 'public' instead (the procedure's default,
 * of which every database user is a member), so it still keeps two migrate runs apart. sp_getapplock reports a refusal
 * as a negative return code, not as an error: the code is checked, and a refusal stops the migration.
 */
import { MssqlAdapter, sql, type Kysely } from 'kysely';
import type { DbMigracion } from './columnas.js';

/** Kysely's lock resource name (its migration table's), so any tool reading app locks sees the familiar name. */
const RECURSO = 'kysely_migration';
/** Another migrate run holding the lock gets this long to finish before this one gives up (ms). */
const ESPERA_MS = 10 * 60 * 1000;

export function bloqueoMigracionesSql(): string {
  return [
    'DECLARE @resultado int;',
    `EXEC @resultado = sp_getapplock @Resource = N'${RECURSO}', @LockMode = 'Exclusive', @LockOwner = 'Session',`,
    `  @LockTimeout = ${ESPERA_MS}, @DbPrincipal = N'public';`,
    "IF @resultado < 0 RAISERROR(N'No se obtuvo el bloqueo de migraciones (sp_getapplock devolvió %d): otra " +
      "migración sigue en curso o el login no tiene usuario en la base', 16, 1, @resultado);",
  ].join('\n');
}

export function liberarBloqueoMigracionesSql(): string {
  return `EXEC sp_releaseapplock @Resource = N'${RECURSO}', @DbPrincipal = N'public', @LockOwner = 'Session';`;
}

class AdaptadorMigracionesSqlServer extends MssqlAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql.raw(bloqueoMigracionesSql()).execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql.raw(liberarBloqueoMigracionesSql()).execute(db);
  }
}

/**
 * The database as Kysely's Migrator should see it: on SQL Server its adapter takes the lock above; on SQLite (no
 * app locks, one writer) it is returned as it is. Kysely keeps its state in private fields, so methods run bound to
 * the real instance and only the executor's adapter is swapped.
 */
export function conBloqueoDeMigraciones<D extends DbMigracion>(db: D): D {
  const ejecutor = db.getExecutor();
  if (!(ejecutor.adapter instanceof MssqlAdapter)) return db;
  const adaptador = new AdaptadorMigracionesSqlServer();
  const ejecutorPropio = new Proxy(ejecutor, {
    get: (e, p) => (p === 'adapter' ? adaptador : Reflect.get(e, p)),
  });
  return new Proxy(db, {
    get(objetivo, p) {
      if (p === 'getExecutor') return () => ejecutorPropio;
      const valor = Reflect.get(objetivo, p) as unknown;
      return typeof valor === 'function' ? (valor as (...a: unknown[]) => unknown).bind(objetivo) : valor;
    },
  });
}

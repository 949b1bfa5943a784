/**
 * The migration lock on SQL Server, through the real Kysely Migrator on the SQL Server dialect with a recording driver
 * (no SQL Server here): the lock is taken for 'public', which Microsoft's documentation of sp_getapplock lets any
 * database user take, instead of Kysely's 'dbo', which needs dbo or db_owner (the migration login is db_ddladmin).
 */
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bloqueoMigracionesSql,
  conBloqueoDeMigraciones,
  liberarBloqueoMigracionesSql,
} from '../../server/src/db/bloqueo-migraciones.js';
import { kyselyGrabador } from '../tsql/tsql.js';

describe('bloqueo de migraciones en SQL Server', () => {
  it('el Migrator de Kysely toma y suelta el bloqueo para public y comprueba el código de sp_getapplock', async () => {
    const { db, sentencias } = kyselyGrabador();
    const migrador = new Migrator({
      db: conBloqueoDeMigraciones(db),
      provider: {
        getMigrations: async () => ({
          '0001_prueba': { up: async (d) => void (await sql`select 1 as uno`.execute(d)) },
        }),
      },
    });
    await migrador.migrateToLatest();
    const bloqueo = sentencias.filter((q) => /applock/.test(q.sql)).map((q) => q.sql);
    expect(bloqueo).toEqual([bloqueoMigracionesSql(), liberarBloqueoMigracionesSql()]);
    expect(sentencias.some((q) => /@DbPrincipal = N?'dbo'/.test(q.sql))).toBe(false);
  });

  it('el T-SQL del bloqueo', () => {
    expect(bloqueoMigracionesSql()).toBe(
      [
        'DECLARE @resultado int;',
        "EXEC @resultado = sp_getapplock @Resource = N'kysely_migration', @LockMode = 'Exclusive', @LockOwner = 'Session',",
        "  @LockTimeout = 600000, @DbPrincipal = N'public';",
        "IF @resultado < 0 RAISERROR(N'No se obtuvo el bloqueo de migraciones (sp_getapplock devolvió %d): otra " +
          "migración sigue en curso o el login no tiene usuario en la base', 16, 1, @resultado);",
      ].join('\n'),
    );
    expect(liberarBloqueoMigracionesSql()).toBe(
      "EXEC sp_releaseapplock @Resource = N'kysely_migration', @DbPrincipal = N'public', @LockOwner = 'Session';",
    );
  });

  it('sin el adaptador propio, Kysely pediría el bloqueo para dbo (lo que exige dbo o db_owner)', async () => {
    const opciones = { lockTable: 'kysely_migration_lock', lockRowId: 'migration_lock' };
    const { db, sentencias } = kyselyGrabador();
    await db.getExecutor().adapter.acquireMigrationLock(db, opciones);
    await conBloqueoDeMigraciones(db).getExecutor().adapter.acquireMigrationLock(db, opciones);
    expect(sentencias.map((q) => q.sql.match(/@DbPrincipal = N?'(\w+)'/)?.[1])).toEqual(['dbo', 'public']);
  });
});

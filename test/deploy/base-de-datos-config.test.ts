/**
 * The manual's DB_HOST/DB_PORT/DB_USER/DB_PASSWORD/DB_NAME name an external SQL Server when DATABASE_URL is absent, and
 * the ops CLI refuses or skips by name when what it needs is missing (real CLI process, embedded database).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { ROOT, run } from './helpers/tools.js';

const SECRETO = { SECRET_KEY: 'x'.repeat(40) };

describe('base de datos desde las variables del manual', () => {
  it('arma la conexión a un SQL Server externo con DB_*', () => {
    const c = loadConfig({
      ...SECRETO,
      DB_HOST: 'sql.migracion.gob.pa',
      DB_PORT: '14330',
      DB_NAME: 'TramitesMigratorios',
      DB_USER: 'tramites_api',
      DB_PASSWORD: 'Cl@ve;#%2026',
      DB_TRUST_SERVER_CERTIFICATE: 'true',
    });
    expect(c.database).toEqual({
      kind: 'mssql',
      server: 'sql.migracion.gob.pa',
      port: 14330,
      database: 'TramitesMigratorios',
      user: 'tramites_api',
      password: 'Cl@ve;#%2026',
      encrypt: true,
      trustServerCertificate: true,
    });
  });

  it('DATABASE_URL, si está, manda sobre DB_*', () => {
    const c = loadConfig({ ...SECRETO, DATABASE_URL: 'sqlite:/tmp/x.db', DB_HOST: 'sql.migracion.gob.pa' });
    expect(c.database).toEqual({ kind: 'sqlite', file: '/tmp/x.db' });
  });

  it('sin DATABASE_URL ni DB_HOST usa la base embebida', () => {
    expect(loadConfig({ ...SECRETO, DB_PASSWORD: 'solo-la-clave' }).database.kind).toBe('sqlite');
  });

  it('nombra lo que falta cuando DB_HOST viene a medias', () => {
    expect(() => loadConfig({ ...SECRETO, DB_HOST: 'sql', DB_NAME: 'T' })).toThrow(
      /Configuración inválida: Con DB_HOST definida faltan DB_USER, DB_PASSWORD/,
    );
    expect(() => loadConfig({ ...SECRETO, DB_HOST: 'sql', DB_PORT: '99999' })).toThrow(/DB_PORT/);
  });
});

describe('CLI de operaciones', () => {
  const ops = (args: string[], env: Record<string, string> = {}) =>
    run(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/src/ops/cli.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'sqlite:/tmp/no-existe-tramites.db', ...env },
    });

  it('un comando desconocido es un error de uso (salida 64) que lista los comandos', async () => {
    const r = await ops(['nada']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/ensure-logins \| sessions \| report/);
  });

  it('sin DB_ADMIN_PASSWORD no crea logins en un servidor externo: lo dice y sale bien', async () => {
    const r = await ops(['ensure-logins'], {
      DATABASE_URL: '',
      DB_HOST: '127.0.0.1',
      DB_PORT: '1',
      DB_NAME: 'T',
      DB_USER: 'tramites_api',
      DB_PASSWORD: 'x',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Sin DB_ADMIN_PASSWORD: la base y los logins los crea el DBA/);
  });
});

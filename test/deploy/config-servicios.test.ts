/**
 * The manual's variables that used to be ignored without a word (§5.3): REDIS_HOST/PORT/PASSWORD/DB honoured,
 * METRICS_PORT and a DATABASE_URL with sa refused (or, outside production, warned), through the real loadConfig; and
 * the X-Process-Time header and the in-flight requests gauge on a real server.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { urlDeRedis } from '../../server/src/config-servicios.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

const BASE = { DATABASE_URL: 'sqlite::memory:', ENVIRONMENT: 'testing' };

describe('variables de Redis del manual', () => {
  it.each([
    [{}, undefined],
    [{ REDIS_URL: 'redis://redis:6379' }, 'redis://redis:6379'],
    [{ REDIS_HOST: 'cache.interna' }, 'redis://cache.interna:6379'],
    [{ REDIS_HOST: 'cache.interna', REDIS_PORT: 6380, REDIS_DB: 2 }, 'redis://cache.interna:6380/2'],
    [{ REDIS_URL: 'redis://redis:6379/0', REDIS_DB: 1 }, 'redis://redis:6379/1'],
    [{ REDIS_URL: 'redis://redis:6379', REDIS_PASSWORD: 'Cl@ve/1' }, 'redis://:Cl%40ve%2F1@redis:6379'],
    [{ REDIS_URL: 'rediss://r.gob.pa:6380', REDIS_HOST: 'otro' }, 'rediss://otro:6380'],
  ])('%j → %s', (variables, url) => {
    expect(urlDeRedis(variables)).toBe(url);
  });

  it('un puerto, contraseña o base sin servidor se rechaza nombrando las variables', () => {
    expect(() => urlDeRedis({ REDIS_PORT: 6379, REDIS_DB: 0 })).toThrow(
      /^REDIS_PORT, REDIS_DB sin REDIS_HOST ni REDIS_URL/,
    );
    expect(() => urlDeRedis({ REDIS_URL: 'http://redis' })).toThrow(/redis:\/\/ o rediss:\/\//);
  });

  it('loadConfig arma la URL con las variables del manual, vacías como compose las pasa', () => {
    const c = loadConfig({
      ...BASE,
      REDIS_URL: 'redis://redis:6379',
      REDIS_HOST: '',
      REDIS_PORT: '',
      REDIS_PASSWORD: '',
      REDIS_DB: '1',
    });
    expect(c.redisUrl).toBe('redis://redis:6379/1');
    expect(() => loadConfig({ ...BASE, REDIS_DB: '1' })).toThrow(/Configuración inválida: REDIS_DB sin REDIS_HOST/);
  });
});

describe('METRICS_PORT y el login de la API', () => {
  it('METRICS_PORT distinto de PORT se rechaza diciendo dónde está /metrics; igual a PORT o vacío se acepta', () => {
    expect(() => loadConfig({ ...BASE, PORT: '8000', METRICS_PORT: '9090' })).toThrow(
      /METRICS_PORT=9090 no se usa: \/metrics se sirve en el puerto de la API \(PORT=8000\)/,
    );
    expect(loadConfig({ ...BASE, PORT: '8000', METRICS_PORT: '8000' }).port).toBe(8000);
    expect(loadConfig({ ...BASE, METRICS_PORT: '' }).port).toBe(8000);
  });

  const SA = 'mssql://sa:Cl4ve-Fuerte@sql.migracion.gob.pa:1433/TramitesMigratorios';
  it('DATABASE_URL con sa: en producción la API no arranca; en desarrollo arranca con un aviso', () => {
    const clave = randomBytes(32).toString('hex');
    expect(() => loadConfig({ DATABASE_URL: SA, ENVIRONMENT: 'production', SECRET_KEY: clave })).toThrow(
      /Configuración inválida: la API se conectaría a SQL Server como sa/,
    );
    const dev = loadConfig({ DATABASE_URL: SA, ENVIRONMENT: 'development', SECRET_KEY: clave });
    expect(dev.avisos).toEqual([expect.stringMatching(/como sa \(DATABASE_URL o DB_USER\)/)]);
    expect(loadConfig({ ...BASE }).avisos).toEqual([]);
  });
});

describe('X-Process-Time y peticiones en curso en un servidor real', () => {
  let s: ServidorDePrueba;
  beforeAll(async () => {
    s = await iniciarServidor();
  });
  afterAll(async () => s?.cerrar());

  it.each(['/health', '/api/v1/catalogos/agencias', '/api/v1/no-existe'])(
    '%s lleva X-Process-Time en segundos',
    async (ruta) => {
      const r = await fetch(`${s.url}${ruta}`);
      expect(r.headers.get('x-process-time')).toMatch(/^\d+\.\d{4}$/);
      expect(Number(r.headers.get('x-process-time'))).toBeLessThan(30);
    },
  );

  it('http_requests_in_flight cuenta la petición en curso (el propio raspado) y vuelve a bajar', async () => {
    const primero = await (await fetch(`${s.url}/metrics`)).text();
    expect(primero).toMatch(/^http_requests_in_flight 1$/m);
    await Promise.all([fetch(`${s.url}/health`), fetch(`${s.url}/health`)]);
    expect(await (await fetch(`${s.url}/metrics`)).text()).toMatch(/^http_requests_in_flight 1$/m);
  });
});

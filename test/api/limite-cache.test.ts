/** Rate limiting and the catalog cache, in process memory and in a real Redis shared by two API servers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { iniciarRedis, type RedisDePrueba } from '../helpers/redis.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

const LIMITE = {
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_REQUESTS: '5',
  RATE_LIMIT_PERIOD: '60',
  LOGIN_RATE_LIMIT_REQUESTS: '3',
};

async function consumir(url: string, token: string, n: number) {
  const estados: number[] = [];
  for (let i = 0; i < n; i++) estados.push((await cliente(token).get(`${url}/api/v1/catalogos/agencias`)).status);
  return estados;
}

describe('límite de peticiones en memoria', () => {
  let s: ServidorDePrueba;
  beforeAll(async () => {
    s = await iniciarServidor({ env: LIMITE });
  });
  afterAll(() => s.cerrar());

  it('la sexta petición en la ventana recibe 429 LIMITE_EXCEDIDO con cabeceras informativas', async () => {
    const { access_token } = await s.login('analista');
    expect(await consumir(s.url, access_token, 5)).toEqual([200, 200, 200, 200, 200]);
    const r = await cliente(access_token).get(`${s.api}/catalogos/agencias`);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('LIMITE_EXCEDIDO');
    expect(r.body.error.message).toContain('5 cada 60 s');
    expect(r.headers.get('x-ratelimit-limit')).toBe('5');
  });

  it('la sincronización del escritorio tiene su propio presupuesto', async () => {
    const { access_token } = await s.login('analista');
    const r = await cliente(access_token).get(`${s.api}/sync/pull?limit=10`);
    expect(r.status).toBe(200);
    expect((await cliente(access_token).get(`${s.api}/catalogos/sexos`)).status).toBe(429);
  });

  it('el presupuesto es de cada funcionario: otro usuario de la misma dirección sigue trabajando', async () => {
    const { access_token } = await s.login('supervisor');
    expect(await consumir(s.url, access_token, 1)).toEqual([200]);
  });

  it('salud y métricas no cuentan contra el límite', async () => {
    for (let i = 0; i < 8; i++) expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});

describe('límite del inicio de sesión', () => {
  it('es más estricto y cuenta por dirección, acierte o no la contraseña', async () => {
    const s = await iniciarServidor({ env: { ...LIMITE, LOGIN_RATE_LIMIT_REQUESTS: '3' } });
    const intentos = [];
    for (const password of ['mala', 'demo2026', 'mala', 'demo2026']) {
      intentos.push((await cliente().post(`${s.api}/auth/login`, { username: 'analista', password })).status);
    }
    expect(intentos).toEqual([401, 200, 401, 429]);
    await s.cerrar();
  });
});

describe('límite y caché en Redis compartido por dos servidores', () => {
  let redis: RedisDePrueba;
  let a: ServidorDePrueba;
  let b: ServidorDePrueba;
  beforeAll(async () => {
    redis = await iniciarRedis();
    const env = { ...LIMITE, LOGIN_RATE_LIMIT_REQUESTS: '20', REDIS_URL: redis.url };
    a = await iniciarServidor({ env, redis: await redis.cliente() });
    // Same database behind both, as two API replicas behind the load balancer.
    b = await iniciarServidor({
      env: { ...env, DATABASE_URL: a.config.database.kind === 'sqlite' ? `sqlite:${a.config.database.file}` : '' },
      redis: await redis.cliente(),
    });
  });
  afterAll(async () => {
    await a.cerrar();
    await b.cerrar();
    await redis.detener();
  });

  it('el presupuesto de peticiones es uno solo para los dos procesos', async () => {
    const ta = (await a.login('analista')).access_token;
    const tb = (await b.login('analista')).access_token;
    expect(await consumir(a.url, ta, 3)).toEqual([200, 200, 200]);
    expect(await consumir(b.url, tb, 3)).toEqual([200, 200, 429]);
    const claves = await (await redis.cliente()).keys('tramites:rl:api:*');
    expect(claves.length).toBeGreaterThan(0);
  });

  it('los catálogos se guardan en Redis y se sirven desde allí', async () => {
    const c = await redis.cliente();
    await c.flushall();
    const token = (await a.login('supervisor')).access_token;
    const r1 = await cliente(token).get(`${a.api}/ppsh/catalogos/estados`);
    expect(r1.status).toBe(200);
    expect(r1.body).toHaveLength(16);
    const clave = 'tramites:cache:/ppsh/catalogos/estados:true';
    expect(JSON.parse((await c.get(clave))!)).toHaveLength(16);
    // A value only Redis knows proves the second server reads the shared cache, not its database.
    await c.set(clave, JSON.stringify([{ cod_estado: 'DESDE_REDIS' }]), 'EX', 60);
    const tb = (await b.login('supervisor')).access_token;
    const r2 = await cliente(tb).get(`${b.api}/ppsh/catalogos/estados`);
    expect(r2.body).toEqual([{ cod_estado: 'DESDE_REDIS' }]);
  });

  it('si Redis cae, la API sigue respondiendo y /health/detailed lo informa como degradado', async () => {
    const token = (await a.login('admin')).access_token;
    await redis.detener();
    const r = await cliente(token).get(`${a.api}/ppsh/catalogos/causas-humanitarias`);
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(10);
    const salud = await cliente().get(`${a.url}/health/detailed`);
    expect(salud.status).toBe(200);
    expect(salud.body).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
  });
});

/** Start-up and operations of the API process: first start creates the demo, later starts only migrate; CLIs; SIGTERM. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepararBaseDeDatos } from '../../server/src/arranque.js';
import { cacheEnMemoria, conCache, type Cache } from '../../server/src/cache.js';
import { loadConfig } from '../../server/src/config.js';
import { crearLogger } from '../../server/src/logger.js';
import { purgeAuditLog } from '../../server/src/modules/audit/purge.js';
import { purgarMutaciones } from '../../server/src/modules/sync/retencion.js';
import { iniciarApiEnProceso } from '../helpers/api-en-proceso.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');
const temporal = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-arranque-'));
const silencio = crearLogger('silent');
const contar = async (db: Awaited<ReturnType<typeof prepararBaseDeDatos>>, tabla: 'usuarios' | 'ppsh_solicitudes') =>
  Number(
    (
      await db
        .selectFrom(tabla)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function configEn(dir: string, extra: Record<string, string> = {}) {
  return loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'nueva', 't.db')}`,
    UPLOAD_DIR: path.join(dir, 'up'),
    ...extra,
  });
}

describe('primer arranque sobre SQLite', () => {
  it('crea el archivo, migra y carga la demostración; el segundo arranque no la repite', async () => {
    const dir = temporal();
    const db = await prepararBaseDeDatos(configEn(dir, { DEMO: 'true' }), silencio);
    expect(await contar(db, 'usuarios')).toBe(6);
    expect(await contar(db, 'ppsh_solicitudes')).toBe(300);
    await db.destroy();
    const otra = await prepararBaseDeDatos(configEn(dir), silencio);
    expect(await contar(otra, 'ppsh_solicitudes')).toBe(300);
    await otra.destroy();
  });

  it('con DEMO=false la base nueva queda vacía: sin usuarios ni contraseñas por defecto', async () => {
    const db = await prepararBaseDeDatos(configEn(temporal(), { DEMO: 'false' }), silencio);
    expect(await contar(db, 'usuarios')).toBe(0);
    expect(await contar(db, 'ppsh_solicitudes')).toBe(0);
    await db.destroy();
  });
});

describe('herramientas de línea de comandos', () => {
  const ejecutar = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', ...args], {
      cwd: RAIZ,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  it('users create guarda al funcionario con contraseña argon2id; una oficina inexistente se rechaza', async () => {
    const dir = temporal();
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 't.db')}`, USER_PASSWORD: 'Clave-segura-2026' };
    const ok = ejecutar(
      [
        'server/src/cli/users.ts',
        'create',
        '--username',
        'JPerez',
        '--nombre',
        'Juan Pérez',
        '--rol',
        'analista',
        '--agencia',
        '04',
      ],
      env,
    );
    expect(ok.stdout).toContain('Usuario jperez creado (ANALISTA, oficina 04)');
    const malo = ejecutar(
      ['server/src/cli/users.ts', 'create', '--username', 'x', '--nombre', 'X', '--rol', 'ANALISTA', '--agencia', '99'],
      env,
    );
    expect(malo.status).toBe(1);
    expect(malo.stderr).toContain('Oficina desconocida: 99');
    const db = await prepararBaseDeDatos(loadConfig({ DATABASE_URL: env.DATABASE_URL, DEMO: 'false' }), silencio);
    const u = await db.selectFrom('usuarios').selectAll().where('username', '=', 'jperez').executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
    await db.destroy();
  });
});

describe('retención de auditoría', () => {
  it('borra solo las entradas más viejas que el plazo', async () => {
    const db = await prepararBaseDeDatos(configEn(temporal(), { DEMO: 'false' }), silencio);
    const fila = (id: string, fecha: string) => ({
      id,
      fecha,
      usuario_id: null,
      username: 'x',
      cod_agencia: '02',
      accion: 'CREAR',
      entidad: 't',
      entidad_id: id,
      antes: null,
      despues: null,
      request_id: null,
      cliente: null,
    });
    await db
      .insertInto('audit_log')
      .values([fila('a', '2024-01-01T00:00:00.000Z'), fila('b', '2026-11-01T00:00:00.000Z')])
      .execute();
    expect(await purgeAuditLog(db, 365, new Date('2026-11-27T00:00:00Z'))).toBe(1);
    expect((await db.selectFrom('audit_log').select('id').execute()).map((f) => f.id)).toEqual(['b']);
    await expect(purgeAuditLog(db, 0)).rejects.toThrow(/al menos 1 día/);
    await db.destroy();
  });

  it('los resultados de sincronización viejos se borran; los recientes quedan para reintentos', async () => {
    const db = await prepararBaseDeDatos(configEn(temporal(), { DEMO: 'false' }), silencio);
    const fila = (mutation_id: string, created_at: string) => ({
      mutation_id,
      created_at,
      client_id: 'c',
      usuario_id: 'u',
      nombre: 'ppsh.comentar',
      estado: 'applied',
      codigo: null,
      mensaje: null,
      resultado: null,
    });
    await db
      .insertInto('sync_mutaciones')
      .values([fila('vieja', '2026-01-01T00:00:00.000Z'), fila('reciente', '2026-11-20T00:00:00.000Z')])
      .execute();
    expect(await purgarMutaciones(db, 90, new Date('2026-11-27T00:00:00Z'))).toBe(1);
    expect((await db.selectFrom('sync_mutaciones').select('mutation_id').execute()).map((f) => f.mutation_id)).toEqual([
      'reciente',
    ]);
    await db.destroy();
  });
});

describe('caché en memoria', () => {
  it('vence con su TTL y, si la caché falla, se lee de la fuente', async () => {
    const cache = cacheEnMemoria();
    let cargas = 0;
    const cargar = async () => ++cargas;
    expect(await conCache(cache, 'k', 60, cargar)).toBe(1);
    expect(await conCache(cache, 'k', 60, cargar)).toBe(1);
    expect(await conCache(cache, 'corta', 0, cargar)).toBe(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(await conCache(cache, 'corta', 0, cargar)).toBe(3);
    const rota: Cache = {
      get: () => Promise.reject(new Error('caída')),
      set: () => Promise.reject(new Error('caída')),
    };
    expect(await conCache(rota, 'k', 60, cargar)).toBe(4);
  });
});

describe('proceso de la API', () => {
  it('termina limpio con SIGTERM (código 0) después de responder', async () => {
    const api = await iniciarApiEnProceso({ DEMO: 'false', LOG_LEVEL: 'silent' });
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    expect(await api.terminar()).toBe(0);
  });

  it('en producción sin SECRET_KEY no arranca y dice por qué', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: RAIZ,
      env: { ...process.env, ENVIRONMENT: 'production', SECRET_KEY: '', JWT_SECRET_KEY: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SECRET_KEY (o JWT_SECRET_KEY) es obligatoria en producción');
  });
});

describe('varios procesos (WEB_CONCURRENCY)', () => {
  // retry: on a loaded 2-core machine a scrape can still miss prom-client's fixed 5 s cluster gather (seen about once
  // in five full runs, never alone); a real regression fails all three tries.
  it(
    '/metrics suma las peticiones de todos los workers y no multiplica los activos',
    { retry: 2, timeout: 90_000 },
    async () => {
      const { url, detener } = await iniciarApiEnProceso({ WEB_CONCURRENCY: '2', LOG_LEVEL: 'silent' });
      try {
        // New connections each time so both workers serve some of them.
        for (let i = 0; i < 20; i++) await fetch(`${url}/openapi.json`, { headers: { connection: 'close' } });
        const lecturas = [];
        for (let i = 0; i < 4; i++)
          lecturas.push(await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text());
        for (const texto of lecturas) {
          expect(texto).toMatch(/http_requests_total\{method="GET",route="\/openapi.json",status="200"\} 20\b/);
          const activos = Number(/tramites_activos\{agencia="02"\} (\d+)/.exec(texto)![1]);
          expect(activos).toBeGreaterThan(0);
          expect(activos).toBeLessThanOrEqual(300);
        }
      } finally {
        await detener();
      }
    },
  );
});

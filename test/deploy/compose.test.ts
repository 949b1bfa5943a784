/**
 * Every compose file and overlay combination validated by the real `docker-compose config` with the values of
 * .env.example, and the required secrets failing with their Spanish message when missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCommand } from './helpers/compose.js';
import { ROOT, run, tempDir } from './helpers/tools.js';

const ENV_EXAMPLE = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const overlay = (name: string) => `deploy/compose/docker-compose.${name}.yml`;

const COMBINACIONES: Array<{ nombre: string; archivos: string[]; perfiles?: string; servicios: string[] }> = [
  { nombre: 'base', archivos: [], servicios: ['db', 'redis', 'migrate', 'api', 'nginx'] },
  { nombre: 'desarrollo', archivos: [overlay('dev')], servicios: ['api', 'nginx'] },
  { nombre: 'pruebas', archivos: [overlay('test')], servicios: ['api', 'nginx'] },
  { nombre: 'producción', archivos: [overlay('prod')], servicios: ['api', 'nginx'] },
  {
    nombre: 'blue-green',
    archivos: [overlay('prod'), overlay('bluegreen')],
    perfiles: 'bluegreen',
    servicios: ['api-blue', 'api-green', 'nginx-router'],
  },
  { nombre: 'réplicas/swarm', archivos: [overlay('prod'), overlay('swarm')], servicios: ['api', 'nginx'] },
  {
    nombre: 'producción + monitoreo',
    archivos: [overlay('prod'), overlay('monitoring')],
    servicios: ['prometheus', 'alertmanager', 'grafana', 'loki', 'promtail', 'node-exporter'],
  },
  { nombre: 'desarrollo + monitoreo', archivos: [overlay('dev'), overlay('monitoring')], servicios: ['grafana'] },
];

describe.concurrent('docker-compose config con los valores de .env.example', () => {
  let dir: string;
  const [bin, ...prefijo] = composeCommand();

  beforeAll(() => {
    dir = tempDir('compose');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `config` with only the given env file: the developer's own shell variables must not leak in. */
  const config = (envText: string, archivos: string[], perfiles?: string) => {
    const envFile = path.join(dir, `env-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(envFile, envText);
    const files = ['docker-compose.yml', ...archivos].flatMap((f) => ['-f', path.join(ROOT, f)]);
    return run(bin!, [...prefijo, '--env-file', envFile, '--project-directory', ROOT, ...files, 'config'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...(perfiles ? { COMPOSE_PROFILES: perfiles } : {}) },
    });
  };

  for (const combinacion of COMBINACIONES) {
    it(`valida ${combinacion.nombre}`, async () => {
      const r = await config(ENV_EXAMPLE, combinacion.archivos, combinacion.perfiles);
      expect(r.stderr).not.toMatch(/ERROR|error:/);
      expect(r.code).toBe(0);
      for (const servicio of combinacion.servicios) expect(r.stdout).toMatch(new RegExp(`^ {2}${servicio}:`, 'm'));
    });
  }

  it('endurece la API según §6.7 (no-new-privileges, cap_drop ALL, read_only, tmpfs /tmp)', async () => {
    const r = await config(ENV_EXAMPLE, [overlay('prod')]);
    const api = r.stdout.split(/^ {2}(?=\S)/m).find((bloque) => bloque.startsWith('api:'));
    expect(api).toBeDefined();
    expect(api).toMatch(/no-new-privileges:true/);
    expect(api).toMatch(/cap_drop:\n\s+- ALL/);
    expect(api).toMatch(/read_only: true/);
    expect(api).toMatch(/tmpfs:\n\s+- \/tmp/);
    expect(api).toMatch(/service_completed_successfully/);
  });

  it.each([
    ['SECRET_KEY', [] as string[], /Falta SECRET_KEY en \.env/],
    ['DB_PASSWORD', [] as string[], /Falta DB_PASSWORD \(contraseña del login de la API en SQL Server\)/],
    ['DB_MIGRATE_PASSWORD', [] as string[], /Falta DB_MIGRATE_PASSWORD/],
    ['DB_MONITOR_PASSWORD', [overlay('monitoring')], /Falta DB_MONITOR_PASSWORD/],
    ['GRAFANA_ADMIN_PASSWORD', [overlay('monitoring')], /Falta GRAFANA_ADMIN_PASSWORD en \.env/],
  ])('sin %s se detiene con un mensaje en español', async (variable, archivos, mensaje) => {
    const sinVariable = ENV_EXAMPLE.split('\n')
      .filter((linea) => !linea.startsWith(`${variable}=`))
      .join('\n');
    const r = await config(sinVariable, archivos);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(mensaje);
  });
});

describe('conexión a la base y puertos (docker-compose config)', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('compose-db');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const [bin, ...prefijo] = composeCommand();
  const config = (extra: string, archivos: string[] = []) => {
    const envFile = path.join(dir, `env-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(envFile, `${ENV_EXAMPLE}\n${extra}\n`);
    const files = ['docker-compose.yml', ...archivos].flatMap((f) => ['-f', path.join(ROOT, f)]);
    return run(bin!, [...prefijo, '--env-file', envFile, '--project-directory', ROOT, ...files, 'config'], {
      env: { PATH: process.env.PATH },
    });
  };
  const servicio = (salida: string, nombre: string) =>
    salida.split(/^ {2}(?=\S)/m).find((b) => b.startsWith(`${nombre}:`)) ?? '';

  it('DB_* y DATABASE_URL de .env llegan a la API; la API usa su login, nunca sa', async () => {
    const r = await config('DB_HOST=sql.migracion.gob.pa\nDB_PORT=14330\nDATABASE_URL=mssql://x:y@otro:1433/B');
    expect(r.code, r.stderr).toBe(0);
    const api = servicio(r.stdout, 'api');
    expect(api).toMatch(/DB_HOST: sql\.migracion\.gob\.pa/);
    expect(api).toMatch(/DB_PORT: '14330'/);
    expect(api).toMatch(/DB_USER: tramites_api/);
    expect(api).toMatch(/DATABASE_URL: mssql:\/\/x:y@otro:1433\/B/);
    expect(api).toMatch(/SYNC_RETENTION_DAYS: '90'/);
    expect(api).not.toMatch(/User Id=sa|DB_USER: sa\b/);
  });

  it('migrate crea base y logins como administrador y migra con su propio login, sin DATABASE_URL', async () => {
    const r = await config('DATABASE_URL=mssql://x:y@otro:1433/B');
    const migrate = servicio(r.stdout, 'migrate');
    const orden = migrate.replace(/\s+/g, ' ');
    expect(orden).toMatch(/cli\.js ensure-database && node dist\/server\/src\/ops\/cli\.js ensure-logins && DB_USER/);
    expect(orden).toMatch(/DB_USER="\$\$DB_MIGRATE_USER" DB_PASSWORD="\$\$DB_MIGRATE_PASSWORD" node dist/);
    expect(migrate).toMatch(/DATABASE_URL: ''/);
    expect(migrate).toMatch(/DB_ADMIN_USER: sa/);
  });

  it('con NGINX_BIND=127.0.0.1 (dev) ningún puerto queda publicado en todas las interfaces', async () => {
    const r = await config('NGINX_BIND=127.0.0.1', [overlay('dev')]);
    expect(r.code, r.stderr).toBe(0);
    const ips = [...r.stdout.matchAll(/^\s+- (?:host_ip: )?['"]?([\d.]+):\d+:\d+/gm)].map((m) => m[1]);
    const largas = [...r.stdout.matchAll(/host_ip: ([\d.]+)/g)].map((m) => m[1]);
    expect([...ips, ...largas].length).toBeGreaterThan(0);
    expect([...ips, ...largas].filter((ip) => ip !== '127.0.0.1')).toEqual([]);
  });

  it('SQL Server externo sin cuenta de administrador: compose valida sin DB_ADMIN_PASSWORD y nada depende de db', async () => {
    const r = await config('DB_HOST=sql.migracion.gob.pa\nDB_ADMIN_PASSWORD=\nCOMPOSE_PROFILES=');
    expect(r.code, r.stderr).toBe(0);
    // db only runs with the db-local profile (lib.sh leaves it out when DB_HOST names another server).
    expect(servicio(r.stdout, 'db')).toMatch(/profiles:\n\s+- db-local/);
    // The local server refuses to start without its sa password, with the variable's name.
    expect(servicio(r.stdout, 'db')).toMatch(/Falta DB_ADMIN_PASSWORD/);
    for (const nombre of ['api', 'migrate', 'api-blue', 'api-green'])
      expect(servicio(r.stdout, nombre)).not.toMatch(/depends_on:[\s\S]*\n {6}db:/);
    const migrate = servicio(r.stdout, 'migrate').replace(/\s+/g, ' ');
    // migrate waits for SQL Server itself, then skips the admin steps (no password) and migrates with its login.
    expect(migrate).toMatch(/cli\.js esperar-base && node dist\/server\/src\/ops\/cli\.js ensure-database/);
    expect(servicio(r.stdout, 'migrate')).toMatch(/DB_ADMIN_PASSWORD: ''/);
    expect(servicio(r.stdout, 'migrate')).toMatch(/DB_HOST: sql\.migracion\.gob\.pa/);
  });

  it('blue-green: cada color en su base de Redis; REDIS_* y METRICS_PORT llegan a la API', async () => {
    const r = await config('REDIS_PASSWORD=Cl4ve-Redis\nMETRICS_PORT=8000', [overlay('prod'), overlay('bluegreen')]);
    expect(r.code, r.stderr).toBe(0);
    expect(servicio(r.stdout, 'api-blue')).toMatch(/REDIS_DB: '0'/);
    expect(servicio(r.stdout, 'api-green')).toMatch(/REDIS_DB: '1'/);
    expect(servicio(r.stdout, 'api-green')).toMatch(/REDIS_URL: redis:\/\/redis:6379\n/);
    expect(servicio(r.stdout, 'api')).toMatch(/REDIS_PASSWORD: Cl4ve-Redis/);
    expect(servicio(r.stdout, 'api')).toMatch(/METRICS_PORT: '8000'/);
    expect(servicio(r.stdout, 'redis')).toMatch(/--requirepass/);
    expect(servicio(r.stdout, 'redis')).toMatch(/REDIS_PASSWORD: Cl4ve-Redis/);
  });

  it('nginx monta la carpeta de desafíos ACME en /srv/certbot', async () => {
    const r = await config('');
    expect(servicio(r.stdout, 'nginx')).toMatch(/deploy\/nginx\/acme:\/srv\/certbot:ro/);
  });
});

describe('.env.example', () => {
  const documentadas = new Set([...ENV_EXAMPLE.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it('documenta cada variable que lee la API (server/src/config.ts)', () => {
    const config = fs.readFileSync(path.join(ROOT, 'server/src/config.ts'), 'utf8');
    const esquema = config.slice(config.indexOf('z.object({'), config.indexOf('\n});', config.indexOf('z.object({')));
    const leidas = [...esquema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(leidas.length).toBeGreaterThan(20);
    expect(leidas.filter((v) => !documentadas.has(v))).toEqual([]);
  });

  it('documenta cada variable que interpolan los archivos compose', () => {
    const archivos = [
      'docker-compose.yml',
      ...fs.readdirSync(path.join(ROOT, 'deploy/compose')).map((f) => `deploy/compose/${f}`),
    ];
    const usadas = new Set(
      archivos.flatMap((f) =>
        [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]),
      ),
    );
    expect([...usadas].filter((v) => !documentadas.has(v))).toEqual([]);
  });

  it('no trae secretos reales: las claves obligatorias son marcadores CAMBIAR', () => {
    for (const variable of [
      'DB_PASSWORD',
      'DB_ADMIN_PASSWORD',
      'DB_MIGRATE_PASSWORD',
      'DB_MONITOR_PASSWORD',
      'SECRET_KEY',
      'GRAFANA_ADMIN_PASSWORD',
    ]) {
      expect(ENV_EXAMPLE).toMatch(new RegExp(`^${variable}=CAMBIAR`, 'm'));
    }
    expect(ENV_EXAMPLE).toMatch(/^SMTP_PASSWORD=$/m);
  });
});

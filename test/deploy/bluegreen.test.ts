/**
 * The blue-green switch for real on loopback, without Docker: two real API instances (blue, green) on their own
 * embedded databases, the committed router.conf in a real nginx, autocannon load through nginx while
 * deploy/scripts/switchover.sh flips blue → green → blue, and a switch to a stopped color that must be refused.
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, stopApi, type ApiInstance } from './helpers/api.js';
import { materializeNginx, nginxBin, startNginx, stopProcess, type NginxSite } from './helpers/nginx.js';
import { ROOT, freePort, getInsecure, run, tempDir, tool, waitFor } from './helpers/tools.js';

const SWITCHOVER = path.join(ROOT, 'deploy/scripts/switchover.sh');
const LOAD_SECONDS = 8;

describe('blue-green en loopback: nginx real delante de dos APIs reales', () => {
  let dir: string;
  let blue: ApiInstance | undefined;
  let green: ApiInstance | undefined;
  let site: NginxSite;
  let nginx: ChildProcess | undefined;
  let routerUrl: string;

  beforeAll(async () => {
    tool('curl', 'curl');
    tool('flock', 'util-linux');
    dir = tempDir('bluegreen');
    [blue, green] = await Promise.all([
      startApi('blue', path.join(dir, 'blue')),
      startApi('green', path.join(dir, 'green')),
    ]);
    site = await materializeNginx(path.join(dir, 'nginx'), {
      conf: 'router.conf',
      httpPort: await freePort(),
      httpsPort: await freePort(),
      upstreams: { 'api-blue:8000': blue.port, 'api-green:8000': green.port },
    });
    nginx = startNginx(site);
    routerUrl = `https://127.0.0.1:${site.httpsPort}`;
    await waitFor(async () => (await getInsecure(`${routerUrl}/health`)).status === 200, 10_000, 'el router nginx');
  });

  afterAll(async () => {
    await Promise.all([stopApi(blue), stopApi(green), stopProcess(nginx, 'SIGQUIT')]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const switchover = (color: string) =>
    run('bash', [SWITCHOVER, color], {
      env: {
        ...process.env,
        ACTIVE_DIR: path.join(site.dir, 'active'),
        BLUE_URL: blue!.url,
        GREEN_URL: green!.url,
        ROUTER_URL: routerUrl,
        NGINX_BIN: nginxBin(),
        NGINX_PREFIX: site.dir,
        NGINX_CONF: site.conf,
        HEALTH_INTERVAL: '0.2',
      },
    });

  const servedColor = async () => (await getInsecure(`${routerUrl}/health`)).headers['x-tramites-color'];

  it('cambia blue → green → blue bajo carga sin una sola petición fallida', async () => {
    expect(await servedColor()).toBe('blue');
    const colores: Record<string, number> = {};
    const carga = autocannon({
      url: `${routerUrl}/health`,
      connections: 10,
      duration: LOAD_SECONDS,
      requests: [
        {
          method: 'GET',
          onResponse: (_status, _body, _context, headers) => {
            const color = String(
              Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'x-tramites-color')?.[1] ?? 'ninguno',
            );
            colores[color] = (colores[color] ?? 0) + 1;
          },
        },
      ],
    });

    await new Promise((r) => setTimeout(r, 1500));
    const aVerde = await switchover('green');
    expect(aVerde.code, aVerde.stderr).toBe(0);
    expect(await servedColor()).toBe('green');
    await new Promise((r) => setTimeout(r, 1500));
    const aAzul = await switchover('blue');
    expect(aAzul.code, aAzul.stderr).toBe(0);

    const resultado = await carga;
    const resumen = {
      peticiones: resultado.requests.total,
      fallidas: resultado.errors + resultado.timeouts + resultado.non2xx,
      errores: resultado.errors,
      timeouts: resultado.timeouts,
      non2xx: resultado.non2xx,
      segundos: resultado.duration,
      porColor: colores,
    };
    console.log('blue-green bajo carga:', JSON.stringify(resumen));
    expect(resultado.requests.total).toBeGreaterThan(200);
    expect(resultado.errors).toBe(0);
    expect(resultado.timeouts).toBe(0);
    expect(resultado.non2xx).toBe(0);
    expect(colores.green ?? 0).toBeGreaterThan(0);
    expect(colores.blue ?? 0).toBeGreaterThan(0);
    expect(colores.ninguno).toBeUndefined();

    // nginx's own log agrees: requests reached each color's upstream port.
    const upstreams = fs
      .readFileSync(site.accessLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { upstream_addr: string }).upstream_addr);
    expect(upstreams.filter((u) => u === `127.0.0.1:${green!.port}`).length).toBeGreaterThan(0);
    expect(upstreams.filter((u) => u === `127.0.0.1:${blue!.port}`).length).toBeGreaterThan(0);
    expect(await servedColor()).toBe('blue');
  }, 60_000);

  it('rechaza cambiar a un color detenido y el tráfico sigue en el actual', async () => {
    await stopApi(green);
    const rechazado = await switchover('green');
    expect(rechazado.code).toBe(3);
    expect(rechazado.stderr).toMatch(/green no está saludable.*el tráfico sigue en blue/);
    expect(fs.readFileSync(path.join(site.dir, 'active/color.conf'), 'utf8')).toMatch(/set \$api_color blue;/);
    const respuesta = await getInsecure(`${routerUrl}/health`);
    expect(respuesta.status).toBe(200);
    expect(respuesta.headers['x-tramites-color']).toBe('blue');
  }, 30_000);
});

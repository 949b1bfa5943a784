/**
 * The committed nginx configs under real nginx: `nginx -t` for every variant, and the single-API nginx.conf serving
 * for real on loopback (TLS, §6.2 security headers, proxy headers, /metrics closed, the desktop update feed's caching).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materializeNginx, startNginx, stopProcess, testNginx, type NginxSite } from './helpers/nginx.js';
import { freePort, getInsecure, run, tempDir, tool, waitFor } from './helpers/tools.js';

const VARIANTES: Array<{ conf: string; upstreams: string[] }> = [
  { conf: 'nginx.conf', upstreams: ['api:8000'] },
  { conf: 'router.conf', upstreams: ['api-blue:8000', 'api-green:8000'] },
  { conf: 'lb.conf', upstreams: ['api:8000'] },
];

async function sitio(dir: string, conf: string, upstreams: string[], port = 9): Promise<NginxSite> {
  return materializeNginx(dir, {
    conf,
    httpPort: await freePort(),
    httpsPort: await freePort(),
    upstreams: Object.fromEntries(upstreams.map((u) => [u, port])),
  });
}

describe('nginx -t con un certificado autofirmado desechable', () => {
  let dir: string;
  beforeAll(() => {
    tool('nginx', 'nginx');
    dir = tempDir('nginx-t');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const { conf, upstreams } of VARIANTES) {
    it(`acepta ${conf}`, async () => {
      const r = await testNginx(await sitio(path.join(dir, conf), conf, upstreams));
      expect(r.stderr).toMatch(/test is successful/);
      expect(r.code).toBe(0);
    });
  }

  it('rechaza una configuración rota (la verificación puede fallar)', async () => {
    const site = await sitio(path.join(dir, 'rota'), 'nginx.conf', ['api:8000']);
    const snippet = path.join(site.dir, 'snippets/api-locations.conf');
    fs.writeFileSync(snippet, fs.readFileSync(snippet, 'utf8').replace('location /api/ {', 'location /api/ {{'));
    const r = await testNginx(site);
    expect(r.code).not.toBe(0);
  });
});

describe('nginx.conf sirviendo en loopback', () => {
  let dir: string;
  let site: NginxSite;
  let nginx: ChildProcess | undefined;
  let upstream: http.Server;
  const recibidas: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    dir = tempDir('nginx-live');
    // A stand-in upstream that records what nginx forwards and sends helmet-like headers nginx must not duplicate.
    upstream = http.createServer((req, res) => {
      recibidas.push(req.headers);
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('X-Powered-By', 'Express');
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ status: 'healthy', url: req.url }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    site = await sitio(path.join(dir, 'site'), 'nginx.conf', ['api:8000'], (upstream.address() as AddressInfo).port);
    const feed = path.join(site.dir, 'srv/updates');
    fs.writeFileSync(path.join(feed, 'latest.yml'), 'version: 1.4.0\nstagingPercentage: 25\n');
    fs.writeFileSync(path.join(feed, 'Tramites-Setup-1.4.0.exe.blockmap'), 'blockmap');
    nginx = startNginx(site);
    await waitFor(
      async () => (await getInsecure(`http://127.0.0.1:${site.httpPort}/nginx-health`)).status === 200,
      10_000,
      'nginx',
    );
  });

  afterAll(async () => {
    await stopProcess(nginx, 'SIGQUIT');
    await new Promise((resolve) => upstream?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const https = (ruta: string) => getInsecure(`https://127.0.0.1:${site.httpsPort}${ruta}`);

  it('pone las cabeceras de seguridad del §6.2 una sola vez y oculta X-Powered-By', async () => {
    const r = await https('/health');
    expect(r.status).toBe(200);
    expect(r.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
    expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-xss-protection']).toBe('1; mode=block');
    expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'self'/);
    expect(r.headers['x-powered-by']).toBeUndefined();
    expect(r.headers['server']).toBe('nginx');
  });

  it('pasa a la API el esquema, la IP del cliente y un X-Request-ID que también queda en el log de nginx', async () => {
    await https('/api/v1/catalogos');
    const ultima = recibidas.at(-1)!;
    expect(ultima['x-forwarded-proto']).toBe('https');
    expect(ultima['x-forwarded-for']).toBe('127.0.0.1');
    expect(ultima['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    const log = fs
      .readFileSync(site.accessLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.find((l) => l.uri === '/api/v1/catalogos')?.reqId).toBe(ultima['x-request-id']);
  });

  it('sirve los desafíos ACME de certbot por HTTP sin redirigir', async () => {
    const retos = path.join(site.dir, 'srv/certbot/.well-known/acme-challenge');
    fs.mkdirSync(retos, { recursive: true });
    fs.writeFileSync(path.join(retos, 'token-prueba'), 'token-prueba.huella');
    const r = await getInsecure(`http://127.0.0.1:${site.httpPort}/.well-known/acme-challenge/token-prueba`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('token-prueba.huella');
    expect((await getInsecure(`http://127.0.0.1:${site.httpPort}/.well-known/acme-challenge/otro`)).status).toBe(404);
  });

  it('cierra /metrics hacia afuera y redirige HTTP a HTTPS', async () => {
    expect((await https('/metrics')).status).toBe(404);
    const r = await getInsecure(`http://127.0.0.1:${site.httpPort}/api/v1/x`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('https://127.0.0.1/api/v1/x');
  });

  it('sirve latest.yml sin caché y los blockmaps con caché inmutable', async () => {
    const latest = await https('/updates/latest.yml');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatch(/stagingPercentage: 25/);
    expect(latest.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(latest.headers['x-content-type-options']).toBe('nosniff');
    const blockmap = await https('/updates/Tramites-Setup-1.4.0.exe.blockmap');
    expect(blockmap.status).toBe(200);
    expect(blockmap.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await https('/updates/no-existe.yml')).status).toBe(404);
  });

  it('el feed es de solo lectura: POST responde 405', async () => {
    const curl = tool('curl', 'curl');
    const r = await run(curl, [
      '-ks',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-X',
      'POST',
      `https://127.0.0.1:${site.httpsPort}/updates/latest.yml`,
    ]);
    expect(r.stdout).toBe('405');
  });
});

/**
 * Certificate issuance and renewal end to end, as the proxy container lives it: a stand-in certbot writes Let's
 * Encrypt's real layout (live/ symlinks into archive/, private key 600 root), deploy/scripts/certificados.sh installs it,
 * and the committed nginx.conf runs as uid/gid 101 (the nginx-unprivileged image's user) both for `nginx -t` and for
 * serving. The served certificate is read over TLS after each step.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materializeNginx, nginxArgs, nginxBin, stopProcess, type NginxSite } from './helpers/nginx.js';
import { ROOT, freePort, run, tempDir, tool, waitFor } from './helpers/tools.js';

const CERTIFICADOS = path.join(ROOT, 'deploy/scripts/certificados.sh');
const DOMINIO = 'tramites.gob.pa';
/** The nginx-unprivileged image runs as uid 101, gid 101. */
const UID_NGINX = 101;

/** The organisation field of the certificate nginx serves: the stand-in certbot numbers each issuance there. */
function certificadoServido(puerto: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: puerto, rejectUnauthorized: false, servername: DOMINIO }, () => {
      const o = s.getPeerCertificate().subject?.O;
      s.end();
      resolve(Array.isArray(o) ? o.join() : String(o));
    });
    s.on('error', reject);
  });
}

/** A stand-in certbot: each issuance (certonly, or renew when the test marked it due) is a new archive/ generation. */
function certbotDePrueba(dir: string, le: string): string {
  const archivo = path.join(dir, 'certbot');
  const carpeta = `${le}/archive/${DOMINIO}`;
  fs.writeFileSync(
    archivo,
    [
      '#!/bin/bash',
      'set -e',
      `echo "$*" >> "${dir}/llamadas"`,
      'case "$*" in *--dry-run*) exit 0 ;; esac',
      `if [[ "$1" == renew && ! -f "${dir}/vence" ]]; then exit 0; fi`,
      `rm -f "${dir}/vence"`,
      `mkdir -p "${carpeta}" "${le}/live/${DOMINIO}"`,
      `n=$(( $(ls "${carpeta}" | grep -c '^cert' || true) + 1 ))`,
      `openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=${DOMINIO}/O=emision-$n" \\`,
      `  -keyout "${carpeta}/privkey$n.pem" -out "${carpeta}/cert$n.pem" 2>/dev/null`,
      `chmod 600 "${carpeta}/privkey$n.pem"`,
      `cp "${carpeta}/cert$n.pem" "${carpeta}/chain$n.pem"`,
      `cp "${carpeta}/cert$n.pem" "${carpeta}/fullchain$n.pem"`,
      `for f in cert chain fullchain privkey; do ln -sfn "../../archive/${DOMINIO}/$f$n.pem" "${le}/live/${DOMINIO}/$f.pem"; done`,
    ].join('\n'),
    { mode: 0o755 },
  );
  return archivo;
}

describe('certificados.sh con el diseño de Let’s Encrypt y nginx como uid 101', () => {
  let dir: string;
  let le: string;
  let site: NginxSite;
  let nginx: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    tool('setpriv', 'util-linux');
    tool('openssl', 'openssl');
    dir = tempDir('certs-uid101');
    le = path.join(dir, 'letsencrypt');
    site = await materializeNginx(path.join(dir, 'nginx'), {
      conf: 'nginx.conf',
      httpPort: await freePort(),
      httpsPort: await freePort(),
      upstreams: { 'api:8000': await freePort() },
    });
    // What uid 101 writes: nginx's temp folders, pid and access log (in Docker: the /tmp tmpfs and stdout).
    fs.chownSync(path.join(site.dir, 'run'), UID_NGINX, UID_NGINX);
    fs.writeFileSync(site.accessLog, '');
    fs.chownSync(site.accessLog, UID_NGINX, UID_NGINX);
    // The first start uses a self-signed certificate readable by the proxy, as docs/operations.md §2 says.
    fs.chownSync(path.join(site.dir, 'certs/privkey.pem'), 0, UID_NGINX);
    fs.chmodSync(path.join(site.dir, 'certs/privkey.pem'), 0o640);
    fs.chownSync(path.join(site.dir, 'certs'), 0, UID_NGINX);
    fs.chmodSync(path.join(site.dir, 'certs'), 0o750);

    const como101 = path.join(dir, 'nginx-101');
    fs.writeFileSync(
      como101,
      `#!/bin/sh\nexec setpriv --reuid=${UID_NGINX} --regid=${UID_NGINX} --clear-groups ${nginxBin()} "$@"\n`,
      { mode: 0o755 },
    );
    nginx = spawn(como101, [...nginxArgs(site), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errores = '';
    nginx.stderr?.on('data', (c: Buffer) => (errores += c.toString()));
    await waitFor(
      async () => (await certificadoServido(site.httpsPort)) === 'undefined',
      10_000,
      `nginx como uid 101 (${errores})`,
    );
    env = {
      PATH: process.env.PATH,
      PROYECTO_DIR: dir,
      CERTBOT: certbotDePrueba(dir, le),
      LETSENCRYPT_DIR: le,
      TLS_DOMAIN: DOMINIO,
      TLS_EMAIL: 'infra@tramites.gob.pa',
      TLS_CERT_DIR: path.join(site.dir, 'certs'),
      ACME_WEBROOT: path.join(dir, 'acme'),
      NGINX_BIN: como101,
      NGINX_PREFIX: site.dir,
      NGINX_CONF: site.conf,
    };
  });

  afterAll(async () => {
    await stopProcess(nginx, 'SIGQUIT');
    expect(nginx?.exitCode !== null || nginx?.signalCode !== null).toBe(true);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const certificados = (accion: string, extra: NodeJS.ProcessEnv = {}) =>
    run('bash', [CERTIFICADOS, accion], { env: { ...env, ...extra } });
  const instalada = () => fs.statSync(path.join(site.dir, 'certs/privkey.pem'));

  it('emite: copia lo que live/ enlaza en archive/, la clave queda root:101 640 y nginx (uid 101) la sirve', async () => {
    const r = await certificados('emitir');
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(le, 'live', DOMINIO, 'privkey.pem')).isSymbolicLink()).toBe(true);
    expect(fs.lstatSync(path.join(site.dir, 'certs/privkey.pem')).isSymbolicLink()).toBe(false);
    expect(instalada().gid).toBe(UID_NGINX);
    expect(instalada().mode & 0o777).toBe(0o640);
    expect(r.stderr).toMatch(/nginx validó y recargó/);
    await waitFor(async () => (await certificadoServido(site.httpsPort)) === 'emision-1', 10_000, 'emision-1');
  });

  it('nginx -t como uid 101 acepta la configuración con el certificado instalado', async () => {
    const r = await run(env.NGINX_BIN!, [...nginxArgs(site), '-t']);
    expect(r.stderr).toMatch(/test is successful/);
  });

  it('renovar sin nada pendiente no toca nginx; con una renovación, nginx pasa a servir el certificado nuevo', async () => {
    const nada = await certificados('renovar');
    expect(nada.code, nada.stderr).toBe(0);
    expect(nada.stderr).toMatch(/Sin renovación pendiente/);
    fs.writeFileSync(path.join(dir, 'vence'), '');
    const r = await certificados('renovar');
    expect(r.code, r.stderr).toBe(0);
    await waitFor(async () => (await certificadoServido(site.httpsPort)) === 'emision-2', 10_000, 'emision-2');
    expect(fs.readlinkSync(path.join(le, 'live', DOMINIO, 'fullchain.pem'))).toBe(
      `../../archive/${DOMINIO}/fullchain2.pem`,
    );
  });

  it('una clave que uid 101 no puede leer (grupo root, como antes) se rechaza y nginx sigue con la anterior', async () => {
    const antes = fs.readFileSync(path.join(site.dir, 'certs/fullchain.pem'), 'utf8');
    fs.writeFileSync(path.join(dir, 'vence'), '');
    const r = await certificados('renovar', { TLS_KEY_GID: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Permission denied/);
    expect(r.stderr).toMatch(/se restauró el anterior/);
    expect(fs.readFileSync(path.join(site.dir, 'certs/fullchain.pem'), 'utf8')).toBe(antes);
    expect(instalada().gid).toBe(UID_NGINX);
    expect(await certificadoServido(site.httpsPort)).toBe('emision-2');
    // The next daily run installs what is still pending, now readable.
    const luego = await certificados('renovar');
    expect(luego.code, luego.stderr).toBe(0);
    await waitFor(async () => (await certificadoServido(site.httpsPort)) === 'emision-3', 10_000, 'emision-3');
  });

  it('TLS_CERT_DIR dentro de live/ (sus enlaces no existen en el contenedor) se rechaza antes de tocar nada', async () => {
    const r = await certificados('renovar', { TLS_CERT_DIR: path.join(le, 'live', DOMINIO) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/enlaces a archive\/ no existen dentro del contenedor/);
  });
});

describe('certificados.sh recarga el nginx que corre: nginx-router en blue-green', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('certs-bluegreen');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('valida y recarga el contenedor nginx-router del proyecto, no el servicio nginx apagado', async () => {
    const le = path.join(dir, 'le');
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    // docker: only nginx-router has a running container in this project; every call is recorded.
    fs.writeFileSync(
      path.join(bin, 'docker'),
      [
        '#!/bin/bash',
        `echo "$*" >> "${dir}/docker"`,
        'if [[ "$1" == ps && "$*" == *project=tramites* && "$*" == *service=nginx-router* ]]; then echo c0ffee; fi',
        'exit 0',
      ].join('\n'),
      { mode: 0o755 },
    );
    const r = await run('bash', [CERTIFICADOS, 'emitir'], {
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        PROYECTO_DIR: dir,
        COMPOSE_PROJECT_NAME: 'tramites',
        CERTBOT: certbotDePrueba(dir, le),
        LETSENCRYPT_DIR: le,
        TLS_DOMAIN: DOMINIO,
        TLS_EMAIL: 'infra@tramites.gob.pa',
        TLS_CERT_DIR: path.join(dir, 'certs'),
        ACME_WEBROOT: path.join(dir, 'acme'),
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const llamadas = fs
      .readFileSync(path.join(dir, 'docker'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('exec'));
    expect(llamadas).toEqual(['exec c0ffee nginx -t', 'exec c0ffee nginx -s reload']);
  });
});

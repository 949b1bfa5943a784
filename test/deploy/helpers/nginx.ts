/**
 * Runs the committed nginx configs outside Docker: copies deploy/nginx into a temp prefix and rewrites only the
 * Docker-specific parts (listen ports, upstream host names, /tmp and /srv paths, stdout access log), with a
 * throwaway self-signed certificate. Each rewrite must match, so a config that drifts from these anchors fails here.
 */
import type { ChildProcess } from 'node:child_process';
import { detenerGrupo, lanzarEnGrupo, procesosDelGrupo } from '../../helpers/procesos.js';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, run, tool } from './tools.js';

export interface NginxSite {
  dir: string;
  conf: string;
  httpPort: number;
  httpsPort: number;
  accessLog: string;
}

export interface NginxOptions {
  /** Main config file name under deploy/nginx (nginx.conf, router.conf, lb.conf). */
  conf: string;
  httpPort: number;
  httpsPort: number;
  /** Upstream host:port in the committed config → loopback port. */
  upstreams: Record<string, number>;
}

export function nginxBin(): string {
  return tool('nginx', 'nginx');
}

export async function materializeNginx(dir: string, options: NginxOptions): Promise<NginxSite> {
  fs.cpSync(path.join(ROOT, 'deploy/nginx'), dir, { recursive: true });
  fs.copyFileSync('/etc/nginx/mime.types', path.join(dir, 'mime.types'));
  for (const sub of ['run', 'srv/updates', 'active']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const accessLog = path.join(dir, 'access.log');

  const rewrites: Array<[string, string, string]> = [
    // [file, from, to]
    ['snippets/http-common.conf', '/tmp/', `${dir}/run/`],
    ['snippets/http-common.conf', 'access_log /dev/stdout', `access_log ${accessLog}`],
    ['snippets/http-redirect.conf', 'listen 8080;', `listen 127.0.0.1:${options.httpPort};`],
    ['snippets/http-redirect.conf', '/srv/', `${dir}/srv/`],
    ['snippets/updates.conf', 'root /srv;', `root ${dir}/srv;`],
    [options.conf, '/tmp/', `${dir}/run/`],
    [options.conf, 'listen 8443 ssl', `listen 127.0.0.1:${options.httpsPort} ssl`],
  ];
  for (const [hostPort, port] of Object.entries(options.upstreams)) {
    const files = fs
      .readdirSync(path.join(dir, 'upstreams'))
      .map((f) => `upstreams/${f}`)
      .filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(`server ${hostPort} `));
    if (files.length === 0) throw new Error(`ningún archivo de deploy/nginx/upstreams define "server ${hostPort}"`);
    for (const file of files) rewrites.push([file, `server ${hostPort} `, `server 127.0.0.1:${port} `]);
  }
  for (const [file, from, to] of rewrites) {
    const full = path.join(dir, file);
    const text = fs.readFileSync(full, 'utf8');
    if (!text.includes(from))
      throw new Error(`${file} ya no contiene "${from}": actualice test/deploy/helpers/nginx.ts`);
    fs.writeFileSync(full, text.split(from).join(to));
  }

  await selfSignedCert(path.join(dir, 'certs'));
  return {
    dir,
    conf: path.join(dir, options.conf),
    httpPort: options.httpPort,
    httpsPort: options.httpsPort,
    accessLog,
  };
}

export async function selfSignedCert(certDir: string): Promise<void> {
  fs.mkdirSync(certDir, { recursive: true });
  const openssl = tool('openssl', 'openssl');
  const result = await run(openssl, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-keyout',
    path.join(certDir, 'privkey.pem'),
    '-out',
    path.join(certDir, 'fullchain.pem'),
  ]);
  if (result.code !== 0) throw new Error(`openssl falló: ${result.stderr}`);
}

export function nginxArgs(site: NginxSite): string[] {
  return ['-e', 'stderr', '-p', site.dir, '-c', site.conf];
}

export function testNginx(site: NginxSite) {
  return run(nginxBin(), [...nginxArgs(site), '-t']);
}

/** Starts nginx in the foreground, master and workers in a group of their own that the test run always stops. */
export function startNginx(site: NginxSite): ChildProcess {
  return lanzarEnGrupo(nginxBin(), [...nginxArgs(site), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Stops a child (its whole group when it leads one: nginx's workers too) with `signal`, then SIGKILL. */
export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child?.pid && procesosDelGrupo(child.pid).length) return detenerGrupo(child.pid, { senal: signal });
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

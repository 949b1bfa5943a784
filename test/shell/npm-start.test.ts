/**
 * `npm start` from a fresh checkout of this tree (tracked and new files, no out/, no data/; node_modules linked):
 * it builds, starts the companion API on the embedded demo database, says in one Spanish sentence that there is no
 * Electron binary and serves the web shell; Ctrl+C (SIGINT to its process group) stops everything it started.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_DEMO } from '../helpers/servidor.js';
import { peticion } from './peticion.js';

const raiz = path.resolve(import.meta.dirname, '../..');
let copia: string;

function puertoLibre(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const escucha = (puerto: number) =>
  new Promise<boolean>((resolve) => {
    const c = net.connect(puerto, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });

/** Processes whose working directory is inside the copy: what npm start left behind, if anything. */
function procesosEn(dir: string): string[] {
  const vivos: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir))
        vivos.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return vivos;
}

beforeAll(() => {
  copia = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
  const archivos = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: raiz, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(raiz, f)));
  for (const f of archivos) {
    fs.mkdirSync(path.dirname(path.join(copia, f)), { recursive: true });
    fs.copyFileSync(path.join(raiz, f), path.join(copia, f));
  }
  fs.symlinkSync(path.join(raiz, 'node_modules'), path.join(copia, 'node_modules'));
});
afterAll(() => {
  fs.rmSync(copia, { recursive: true, force: true });
});

describe('npm start', () => {
  it(
    'compila, levanta la API de demostración y el shell web, y Ctrl+C no deja nada vivo',
    { timeout: 180_000 },
    async () => {
      const puertoApi = await puertoLibre();
      const npm = spawn('npm', ['start'], {
        cwd: copia,
        env: { ...process.env, PORT: String(puertoApi), TRAMITES_API_URL: '' },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let salida = '';
      npm.stdout.on('data', (c: Buffer) => (salida += c.toString()));
      npm.stderr.on('data', (c: Buffer) => (salida += c.toString()));
      const termino = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const t = setInterval(() => {
            const m = /Shell web: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})/.exec(salida);
            if (m) resolve(m[1]!);
            if (npm.exitCode !== null) reject(new Error(`npm start terminó antes de tiempo:\n${salida}`));
          }, 200);
          void termino.then(() => clearInterval(t));
          setTimeout(() => reject(new Error(`sin "Shell web:" en 150 s:\n${salida}`)), 150_000).unref();
        });

        expect(fs.existsSync(path.join(copia, 'out/renderer/index.html'))).toBe(true);
        expect(fs.existsSync(path.join(copia, 'out/preload/index.cjs'))).toBe(true);
        expect(salida).toMatch(/no tiene el programa Electron instalado.*navegador/);
        expect(salida).toContain(`http://127.0.0.1:${puertoApi}`);

        const base = url.split('#')[0]!;
        const token = url.split('#token=')[1]!;
        const pagina = await peticion(base, '/');
        expect(pagina.status).toBe(200);
        expect(pagina.headers['content-security-policy']).toMatch(/script-src 'self'/);
        const login = await peticion(base, '/puente/sesion.login', {
          metodo: 'POST',
          headers: { 'content-type': 'application/json', 'x-tramites-token': token },
          cuerpo: JSON.stringify({ username: 'recepcion', password: PASSWORD_DEMO }),
        });
        expect(login.json()).toMatchObject({ estado: 'activa', usuario: { username: 'recepcion' } });

        const puertoShell = Number(new URL(base).port);
        process.kill(-npm.pid!, 'SIGINT');
        await termino;
        await expect.poll(() => procesosEn(copia).join('\n'), { timeout: 30_000, interval: 250 }).toBe('');
        expect(await escucha(puertoApi)).toBe(false);
        expect(await escucha(puertoShell)).toBe(false);
      } finally {
        // Whatever happened above, nothing of this test stays running.
        try {
          process.kill(-npm.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
        for (const p of procesosEn(copia)) process.kill(Number(p.split(' ')[0]), 'SIGKILL');
      }
    },
  );
});

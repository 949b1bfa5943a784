/**
 * The real API process (`node --import tsx server/src/index.ts`) on a free loopback port over its own temp directory,
 * once it answers /health: for what only a separate process shows (its event loop seen from outside, its cluster, a
 * kill). It runs in a process group of its own, stopped with the test that started it (procesos.ts).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detenerGrupo, lanzarEnGrupo } from './procesos.js';
import { puertoLibre } from './redis.js';
import { PASSWORD_DEMO } from './servidor.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');

export interface ApiEnProceso {
  url: string;
  api: string;
  dir: string;
  /** The SQLite file, for a test to read what the server wrote (WAL: readers beside the writer). */
  archivo: string;
  proceso: ChildProcess;
  login(username: string, password?: string): Promise<string>;
  /** The whole group stopped (and gone); a temp directory of its own removed. */
  detener(): Promise<void>;
  /** SIGTERM to the server process alone, as `docker stop` sends it; its exit code once the whole group is gone. */
  terminar(): Promise<number | null>;
}

/** `dir`: an existing directory (another server's database and uploads), kept when this one stops. */
export async function iniciarApiEnProceso(
  env: Record<string, string> = {},
  o: { dir?: string } = {},
): Promise<ApiEnProceso> {
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-proceso-'));
  const puerto = await puertoLibre();
  const proceso = lanzarEnGrupo(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: RAIZ,
    env: {
      ...process.env,
      PORT: String(puerto),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      ENVIRONMENT: 'testing',
      LOG_LEVEL: 'error',
      DEMO: 'true',
      RATE_LIMIT_ENABLED: 'false',
      WEB_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errores = '';
  proceso.stderr?.on('data', (d: Buffer) => (errores = (errores + d.toString()).slice(-4000)));
  const salida = new Promise<number | null>((r) => proceso.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${puerto}`;
  const detener = async () => {
    await detenerGrupo(proceso.pid!);
    if (!o.dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  const terminar = async () => {
    if (proceso.exitCode === null && proceso.signalCode === null) proceso.kill('SIGTERM');
    const codigo = await salida;
    await detener();
    return codigo;
  };
  // Up to 90 s: a loaded 2-core machine starts tsx and builds the demo slowly.
  for (let i = 0; i < 900 && proceso.exitCode === null; i++) {
    const listo = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (listo)
      return {
        url,
        api: `${url}/api/v1`,
        dir,
        archivo: path.join(dir, 'tramites.db'),
        proceso,
        async login(username, password = PASSWORD_DEMO) {
          const r = await fetch(`${url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password }),
          });
          if (r.status !== 200) throw new Error(`login de ${username} falló: ${r.status} ${await r.text()}`);
          return ((await r.json()) as { access_token: string }).access_token;
        },
        detener,
        terminar,
      };
    await new Promise((r) => setTimeout(r, 100));
  }
  await detener();
  throw new Error(`la API no respondió /health: ${errores}`);
}

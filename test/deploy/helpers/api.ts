/**
 * Starts the real API server (server/src/index.ts through tsx) on a free loopback port with its own embedded
 * SQLite file and upload folder, as the blue-green and backup tests need it.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { detenerGrupo, lanzarEnGrupo } from '../../helpers/procesos.js';
import { ROOT, freePort, waitFor } from './tools.js';

export interface ApiInstance {
  name: string;
  port: number;
  url: string;
  dir: string;
  child: ChildProcess;
  /** Last lines the server wrote (pino logs and errors), shown when a test fails. */
  stderrTail: () => string;
}

export const TEST_SECRET_KEY = 'clave-de-prueba-de-despliegue-0123456789abcdef';

export function apiEnv(dir: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    SECRET_KEY: TEST_SECRET_KEY,
    ENVIRONMENT: 'testing',
    RATE_LIMIT_ENABLED: 'false',
    DEMO: 'false',
    WEB_CONCURRENCY: '1',
    LOG_LEVEL: 'warn',
  };
}

/** How the server is launched: from the sources through tsx (default), or as the image runs its compiled dist/. */
export interface Programa {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

const DESDE_FUENTES: Programa = {
  command: path.join(ROOT, 'node_modules/.bin/tsx'),
  args: ['server/src/index.ts'],
  cwd: ROOT,
};

export async function startApi(name: string, dir: string, programa = DESDE_FUENTES): Promise<ApiInstance> {
  fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true });
  const port = await freePort();
  // In a group of its own: tsx runs the server in a child node process; the whole group is stopped together.
  const child = lanzarEnGrupo(programa.command, programa.args, {
    cwd: programa.cwd,
    env: { ...apiEnv(dir, port), ...programa.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const instance: ApiInstance = { name, port, url, dir, child, stderrTail: () => tail };
  try {
    await waitFor(async () => (await fetch(`${url}/health`)).ok, 45_000, `la API ${name} en ${url}/health`);
  } catch (error) {
    await stopApi(instance);
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  return instance;
}

/** Stops the server's whole process group (SIGTERM, then SIGKILL) and checks that none of it is left. */
export async function stopApi(instance: ApiInstance | undefined): Promise<void> {
  if (instance?.child.pid) await detenerGrupo(instance.child.pid);
}

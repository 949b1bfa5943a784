/** What the benchmarks share: a seeded server database, child processes, autocannon runs and a figures table. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { openSqlite } from '../server/src/db/connect.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { cargarDemo, crearUsuariosDemo } from '../server/src/demo/cargar.js';

export const RAIZ = path.resolve(import.meta.dirname, '..');
export const CASOS = Number(process.env.CASES ?? 100_000);

export interface BaseSembrada {
  dir: string;
  archivo: string;
  uploads: string;
}

/**
 * A server database with demo users and `casos` cases, the way `npm run seed:demo` builds it. With BENCH_DB=<dir> the
 * database is kept in that folder and a later run reuses it as it is (seeding 100,000 cases takes minutes; the server
 * applies any newer migration when it starts): use one folder per CASES value.
 */
export async function sembrar(casos = CASOS): Promise<BaseSembrada> {
  const fijo = process.env.BENCH_DB;
  const dir = fijo ? path.resolve(fijo) : fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-bench-'));
  const archivo = path.join(dir, 'tramites.db');
  const uploads = path.join(dir, 'uploads');
  if (fijo && fs.existsSync(archivo)) {
    console.log(`Base reutilizada: ${archivo}`);
    return { dir, archivo, uploads };
  }
  const db = openSqlite(archivo);
  await migrateToLatest(db);
  await crearUsuariosDemo(db, 'demo2026');
  const inicio = performance.now();
  await cargarDemo(db, { casos, uploadDir: uploads, lote: 2000 });
  console.log(`Sembrados ${casos} casos en ${((performance.now() - inicio) / 1000).toFixed(1)} s`);
  await db.destroy();
  return { dir, archivo, uploads };
}

/**
 * Servers started here lead process groups of their own (detached), stopped whole by `detener` and, should the bench end
 * on an error or Ctrl-C, on the way out: a server left behind would keep its port and its CPU.
 */
const grupos = new Set<number>();
const senalarGrupo = (pgid: number, senal: NodeJS.Signals) => {
  try {
    process.kill(-pgid, senal);
  } catch {
    // The group is already gone.
  }
};
process.once('exit', () => {
  for (const g of grupos) senalarGrupo(g, 'SIGKILL');
});
process.once('SIGINT', () => process.exit(130));
const enGrupo = (p: ChildProcess) => {
  if (p.pid !== undefined) grupos.add(p.pid);
  return p;
};

async function esperarHttp(url: string, proceso: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (proceso.exitCode !== null) throw new Error(`el proceso terminó antes de responder (${proceso.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} no respondió`);
}

/** The API as its own process; `opcionesNode` go to node before the script (e.g. --cpu-prof for bench/perfil-api.ts). */
export async function iniciarApi(
  base: BaseSembrada,
  puerto: number,
  env: Record<string, string> = {},
  opcionesNode: string[] = [],
): Promise<ChildProcess> {
  const proceso = spawn(
    process.execPath,
    [...opcionesNode, '--import', 'tsx', path.join(RAIZ, 'server/src/index.ts')],
    {
      cwd: RAIZ,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(puerto),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${base.archivo}`,
        UPLOAD_DIR: base.uploads,
        ENVIRONMENT: 'production',
        SECRET_KEY: 'clave-de-benchmark-0123456789abcdefghijklmnop',
        RATE_LIMIT_ENABLED: 'false',
        ...env,
      },
    },
  );
  await esperarHttp(`http://127.0.0.1:${puerto}/health`, enGrupo(proceso));
  return proceso;
}

export async function iniciarHola(puerto: number): Promise<ChildProcess> {
  const proceso = fork(path.join(RAIZ, 'bench/hola.ts'), {
    detached: true,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: String(puerto) },
  });
  await esperarHttp(`http://127.0.0.1:${puerto}/`, enGrupo(proceso));
  return proceso;
}

/** SIGTERM to the process (its whole group when it leads one), then SIGKILL to whatever of the group is left. */
export async function detener(p: ChildProcess | undefined): Promise<void> {
  if (!p?.pid) return;
  const grupo = grupos.has(p.pid);
  if (p.exitCode === null && p.signalCode === null) {
    const fin = new Promise((r) => p.once('exit', r));
    if (grupo) senalarGrupo(p.pid, 'SIGTERM');
    else p.kill('SIGTERM');
    await fin;
  }
  if (grupo) {
    senalarGrupo(p.pid, 'SIGKILL');
    grupos.delete(p.pid);
  }
}

export async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo2026' }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

export interface Medida {
  nombre: string;
  reqPorSeg: number;
  p50: number;
  p99: number;
  errores: number;
}

export const SEGUNDOS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * autocannon against one URL; non-2xx answers count as errors, so a broken endpoint cannot look fast. `variar` gives
 * each request its own path (the n-th request's), e.g. to measure a page that no cache holds.
 */
export async function medir(
  nombre: string,
  url: string,
  token?: string,
  variar?: (n: number) => string,
): Promise<Medida> {
  let n = 0;
  const r = await autocannon({
    url,
    connections: 10,
    duration: SEGUNDOS,
    // As every real client sends it (the desk's axios, browsers): pages then travel gzipped.
    headers: { 'accept-encoding': 'gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(variar ? { requests: [{ setupRequest: (req: object) => ({ ...req, path: variar(n++) }) }] } : {}),
  });
  return {
    nombre,
    reqPorSeg: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errores: r.errors + r.timeouts + r.non2xx,
  };
}

export function imprimir(medidas: Medida[], base: Medida): void {
  console.log('\n| escenario | req/s | p50 ms | p99 ms | errores | req/s vs línea base |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const m of medidas) {
    console.log(
      `| ${m.nombre} | ${m.reqPorSeg.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.errores} | ${(m.reqPorSeg / base.reqPorSeg).toFixed(3)} |`,
    );
  }
}

export const silencio = pino({ level: 'silent' });

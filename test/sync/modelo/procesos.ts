/**
 * The real processes of a model-test history: the API (server/src/index.ts), the ops CLI (server/src/ops/cli.ts) and the
 * desks (escritorio-remoto.ts), each bundled once (escritorio-en-proceso.ts `empaquetar`) and run by plain node, so a
 * SIGKILL reaches the very process that holds the SQLite file. Every process started here is remembered until it exits:
 * `terminarTodo` stops what a failed history left behind and `vivos` lets the test assert that nothing is left.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { PASSWORD_DEMO } from '../../helpers/servidor.js';
import { empaquetar, matarEscritorio } from '../helpers/escritorio-en-proceso.js';

const RAIZ = path.resolve(import.meta.dirname, '..', '..', '..');
const SECRETO = 'clave-de-prueba-del-modelo-de-sync-0123456789abcdef';

export interface Programas {
  servidor: string;
  ops: string;
  escritorio: string;
  borrar(): void;
}

export async function prepararProgramas(): Promise<Programas> {
  const [servidor, ops, escritorio] = await Promise.all([
    empaquetar(path.join(RAIZ, 'server/src/index.ts'), 'modelo-servidor'),
    empaquetar(path.join(RAIZ, 'server/src/ops/cli.ts'), 'modelo-ops'),
    empaquetar(path.join(import.meta.dirname, 'escritorio-remoto.ts'), 'modelo-escritorio'),
  ]);
  return {
    servidor: servidor.programa,
    ops: ops.programa,
    escritorio: escritorio.programa,
    borrar() {
      for (const p of [servidor, ops, escritorio]) p.borrar();
    },
  };
}

const vivosSet = new Set<ChildProcess>();
// A test run that ends abruptly (a timeout, a crash) must not leave an API or a desk running behind it.
process.once('exit', () => vivosSet.forEach((p) => p.kill('SIGKILL')));
const seguir = (p: ChildProcess) => {
  vivosSet.add(p);
  p.once('exit', () => vivosSet.delete(p));
  return p;
};

/** Pids of the processes started here that have not exited yet. */
export const vivos = () => [...vivosSet].map((p) => p.pid!);

export async function terminarTodo(): Promise<void> {
  await Promise.all(
    [...vivosSet].map(
      (p) => new Promise((r) => (p.exitCode !== null ? r(null) : (p.once('exit', r), p.kill('SIGKILL')))),
    ),
  );
}

export async function puertoLibre(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));

function entornoServidor(dir: string, puerto: number, demo: boolean): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    PORT: String(puerto),
    HOST: '127.0.0.1',
    JWT_SECRET_KEY: SECRETO,
    // A history lasts about a minute; a desk's access token must not expire under it (renewal is tested elsewhere).
    JWT_ACCESS_TOKEN_EXPIRE_MINUTES: '120',
    ENVIRONMENT: 'testing',
    LOG_LEVEL: 'error',
    RATE_LIMIT_ENABLED: 'false',
    WEB_CONCURRENCY: '1',
    DEMO: demo ? 'true' : 'false',
  };
}

/** The API as a process over one data directory, on a port that stays the same across restarts (desks keep the URL). */
export class ServidorEnProceso {
  proceso: ChildProcess | null = null;
  private errores = '';
  private constructor(
    private readonly programa: string,
    readonly dir: string,
    readonly puerto: number,
  ) {}

  static async crear(programa: string, dir: string): Promise<ServidorEnProceso> {
    return new ServidorEnProceso(programa, dir, await puertoLibre());
  }

  get url() {
    return `http://127.0.0.1:${this.puerto}`;
  }
  get api() {
    return `${this.url}/api/v1`;
  }
  get archivo() {
    return path.join(this.dir, 'tramites.db');
  }
  get activo() {
    return this.proceso !== null;
  }

  async arrancar(demo = false): Promise<void> {
    fs.mkdirSync(path.join(this.dir, 'uploads'), { recursive: true });
    this.errores = '';
    const p = seguir(
      spawn(process.execPath, [this.programa], {
        cwd: RAIZ,
        env: entornoServidor(this.dir, this.puerto, demo),
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    p.stderr!.on('data', (d: Buffer) => (this.errores = (this.errores + d.toString()).slice(-4000)));
    this.proceso = p;
    for (let i = 0; i < 1200; i++) {
      if (p.exitCode !== null) break;
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await dormir(50);
    }
    await this.detener('SIGKILL');
    throw new Error(`la API no arrancó en ${this.url}: ${this.errores}`);
  }

  /** SIGTERM lets it finish what is in flight; SIGKILL is a crash. Resolves once the process is gone. */
  async detener(senal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const p = this.proceso;
    this.proceso = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const fin = new Promise((r) => p.once('exit', r));
    p.kill(senal);
    const forzar = setTimeout(() => p.kill('SIGKILL'), 10_000);
    await fin;
    clearTimeout(forzar);
  }

  /** The ops CLI over this server's database, as IT runs it (`npm run ops -- …`). */
  async ops(programaOps: string, ...args: string[]): Promise<string> {
    const { stdout } = await promisify(execFile)(process.execPath, [programaOps, ...args], {
      cwd: RAIZ,
      env: entornoServidor(this.dir, this.puerto, false),
    });
    return stdout;
  }

  async login(username: string, password = PASSWORD_DEMO) {
    const r = await fetch(`${this.api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (r.status !== 200) throw new Error(`login de ${username} falló: ${r.status} ${await r.text()}`);
    return (await r.json()) as { access_token: string; refresh_token: string; user: { id: string } };
  }
}

/**
 * A demo database made once per run (the API creates it on its first start) and copied for each history: building
 * the 300 demo cases costs seconds, copying them milliseconds.
 */
export async function plantillaDemo(programas: Programas): Promise<{ dir: string; copiar(): string; borrar(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'modelo-plantilla-'));
  const s = await ServidorEnProceso.crear(programas.servidor, dir);
  await s.arrancar(true);
  await s.detener('SIGTERM');
  return {
    dir,
    copiar() {
      const destino = fs.mkdtempSync(path.join(os.tmpdir(), 'modelo-historia-'));
      fs.cpSync(dir, destino, { recursive: true });
      return destino;
    },
    borrar: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ErrorLlamada {
  code: string;
  message: string;
}

/** A bridge call the desk refused (its code and Spanish message), or a desk that died under the call. */
export class ErrorEscritorio extends Error implements ErrorLlamada {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A desk process: bridge calls by name, a graceful close, or a SIGKILL proven by matarEscritorio. */
export class EscritorioEnProceso {
  private proceso: ChildProcess | null = null;
  private n = 0;
  private readonly esperas = new Map<number, { ok(r: unknown): void; mal(e: ErrorEscritorio): void }>();

  constructor(
    private readonly programa: string,
    readonly dir: string,
    private readonly api: string,
  ) {}

  get vivo() {
    return this.proceso !== null;
  }
  get archivo() {
    return path.join(this.dir, 'tramites.db');
  }

  async arrancar(desfaseMs: number): Promise<void> {
    const p = seguir(
      spawn(process.execPath, [this.programa, this.dir, this.api], {
        cwd: RAIZ,
        env: { ...process.env, DESFASE_RELOJ_MS: String(desfaseMs) },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    this.proceso = p;
    let errores = '';
    p.stderr!.on('data', (d: Buffer) => (errores = (errores + d.toString()).slice(-4000)));
    const listo = new Promise<void>((ok, mal) => {
      this.esperas.set(0, { ok: () => ok(), mal: (e) => mal(new Error(e.message)) });
    });
    readline.createInterface({ input: p.stdout! }).on('line', (linea) => {
      let m: { n: number; ok: boolean; r?: unknown; code?: string; message?: string };
      try {
        m = JSON.parse(linea) as typeof m;
      } catch {
        return; // a stray log line
      }
      const w = this.esperas.get(m.n);
      this.esperas.delete(m.n);
      if (m.ok) w?.ok(m.r);
      else w?.mal(new ErrorEscritorio(m.code!, m.message!));
    });
    p.once('exit', (code, senal) => {
      if (this.proceso === p) this.proceso = null;
      for (const w of this.esperas.values())
        w.mal(new ErrorEscritorio('ESCRITORIO_MUERTO', `el escritorio terminó (${code ?? senal}) ${errores}`));
      this.esperas.clear();
    });
    await listo;
  }

  llamar<T = unknown>(metodo: string, args: Record<string, unknown> = {}): Promise<T> {
    const p = this.proceso;
    if (!p) return Promise.reject(new ErrorEscritorio('ESCRITORIO_MUERTO', 'el escritorio no está corriendo'));
    const n = ++this.n;
    return new Promise<T>((ok, mal) => {
      this.esperas.set(n, { ok: ok as (r: unknown) => void, mal });
      p.stdin!.write(`${JSON.stringify({ n, metodo, args })}\n`);
    });
  }

  /** SIGKILL at whatever point it is; proven gone and the store closed (matarEscritorio) before this resolves. */
  async matar(): Promise<void> {
    const p = this.proceso;
    if (!p) return;
    const fin = new Promise<number | null>((r) => p.once('exit', (c) => r(c)));
    await matarEscritorio({ proceso: p, pid: p.pid!, fin, esperar: () => fin.then(() => ({})) }, this.archivo);
  }

  async cerrar(): Promise<void> {
    const p = this.proceso;
    if (!p) return;
    const fin = new Promise((r) => p.once('exit', r));
    await this.llamar('_cerrar').catch(() => p.kill('SIGKILL'));
    await fin;
  }
}

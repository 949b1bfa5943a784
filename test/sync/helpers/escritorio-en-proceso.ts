/**
 * Runs escritorio-hijo.ts as a real process (plain node on a bundle of it: the pid IS the desk holding the SQLite store,
 * no wrapper in between) and kills it for real: SIGKILL, then proof that it is gone and that nothing has the store open.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { lanzarEnGrupo } from '../../helpers/procesos.js';
import { PASSWORD_DEMO } from '../../helpers/servidor.js';

const HIJO = path.join(import.meta.dirname, 'escritorio-hijo.ts');
const CACHE = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'tramites-pruebas');

/**
 * The child desk as one ES module: our TypeScript bundled once, packages still loaded from node_modules (better-sqlite3
 * included, so the child's pause hook and the core share it). Loading ~100 files through the tsx loader costs seconds of
 * CPU per launch; this costs a fraction of one, once per test file.
 */
export function prepararEscritorioHijo(): Promise<{ programa: string; borrar(): void }> {
  return empaquetar(HIJO, 'escritorio-hijo');
}

/** Any test program (a desk, the API, the ops CLI) bundled the same way: a process that starts in a fraction of a second. */
export async function empaquetar(entrada: string, nombre: string): Promise<{ programa: string; borrar(): void }> {
  const programa = path.join(CACHE, `${nombre}-${process.pid}.mjs`);
  await build({
    entryPoints: [entrada],
    outfile: programa,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return { programa, borrar: () => fs.rmSync(programa, { force: true }) };
}

export type Evento = Record<string, unknown>;

export interface Hijo {
  proceso: ChildProcess;
  pid: number;
  /** Resolves with the first event that satisfies `cond`; rejects if the desk exits first. */
  esperar(cond: (e: Evento) => boolean): Promise<Evento>;
  fin: Promise<number | null>;
}

/** Desks started and not yet exited: a failed test must not leave one frozen (a paused child waits forever). */
const vivos = new Set<ChildProcess>();

export async function terminarEscritorios(): Promise<void> {
  await Promise.all([...vivos].map((p) => new Promise((r) => (p.once('exit', r), p.kill('SIGKILL')))));
}

export function lanzarEscritorio(
  programa: string,
  dir: string,
  api: string,
  usuario: string,
  orden: string,
  env: Record<string, string> = {},
): Hijo {
  const proceso = lanzarEnGrupo(process.execPath, [programa, dir, api, usuario, orden], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLAVE_USUARIO: PASSWORD_DEMO, ...env },
  });
  const eventos: Evento[] = [];
  const esperas: { cond: (e: Evento) => boolean; resolver: (e: Evento) => void }[] = [];
  let resto = '';
  let errores = '';
  proceso.stderr!.on('data', (d: Buffer) => (errores += d.toString()));
  proceso.stdout!.on('data', (d: Buffer) => {
    const lineas = (resto + d.toString()).split('\n');
    resto = lineas.pop()!;
    for (const l of lineas) {
      const e = JSON.parse(l) as Evento;
      eventos.push(e);
      for (const w of esperas.filter((x) => x.cond(e))) w.resolver(e);
    }
  });
  vivos.add(proceso);
  const fin = new Promise<number | null>((r) =>
    proceso.on('exit', (code) => {
      vivos.delete(proceso);
      r(code);
    }),
  );
  return {
    proceso,
    pid: proceso.pid!,
    fin,
    esperar: (cond) =>
      new Promise((resolver, rechazar) => {
        const ya = eventos.find(cond);
        if (ya) return resolver(ya);
        esperas.push({ cond, resolver });
        void fin.then((code) =>
          rechazar(new Error(`el escritorio terminó (${code}) sin el evento esperado: ${errores}`)),
        );
      }),
  };
}

/** Pids of the processes that have the SQLite store (or its -wal/-shm/-journal) open, read from /proc. */
export function procesosConArchivo(archivo: string): number[] {
  const nombres = new Set(['', '-wal', '-shm', '-journal'].map((s) => archivo + s));
  const pids: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    const abierto = fds.some((fd) => {
      try {
        return nombres.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (abierto) pids.push(Number(pid));
  }
  return pids;
}

const vivo = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
};

/**
 * SIGKILL to the desk, which must be the one process holding the store; returns once the process is gone (signal 0
 * answers ESRCH) and nothing has the store open. Throws otherwise: a restart must never run beside a live desk.
 */
export async function matarEscritorio(hijo: Hijo, archivo: string): Promise<void> {
  const antes = procesosConArchivo(archivo);
  if (antes.join() !== String(hijo.pid))
    throw new Error(`el store lo tienen abierto ${JSON.stringify(antes)}, no solo el escritorio ${hijo.pid}`);
  hijo.proceso.kill('SIGKILL');
  await hijo.fin;
  if (vivo(hijo.pid)) throw new Error(`el escritorio ${hijo.pid} sigue vivo tras SIGKILL`);
  const despues = procesosConArchivo(archivo);
  if (despues.length) throw new Error(`el store sigue abierto por ${JSON.stringify(despues)}`);
}

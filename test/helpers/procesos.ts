/**
 * Processes a test starts (API servers, redis, nginx, desks) run each in a process group of its own, and the whole
 * group is stopped by the test run, not only by the end of a test body: a test that times out never reaches its last
 * lines, and a server started through a wrapper (tsx) or with cluster workers is several processes, of which killing
 * the first one leaves the rest serving. So:
 *
 * - `lanzarEnGrupo` is `spawn` with `detached: true` (the child leads a new group holding all its descendants) and
 *   remembers the group until it is gone;
 * - a group started inside a test is stopped when that test finishes, passed, failed or timed out (`onTestFinished`);
 *   any other (started in a beforeAll) in the file's `afterAll`, which importing this module registers; and, should the
 *   test process itself be ending, synchronously on its way out;
 * - `detenerGrupo` sends SIGTERM to the group, SIGKILL after a grace period, and throws unless every process of the
 *   group is gone afterwards (read from /proc: a zombie waiting for its parent counts as gone).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, onTestFinished } from 'vitest';

const grupos = new Set<number>();

/** Pids of the live (not zombie) processes of group `pgid`, from /proc. */
export function procesosDelGrupo(pgid: number): number[] {
  const pids: number[] = [];
  for (const entrada of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entrada)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entrada}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after its last ')'.
    const [estado, , grupo] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(grupo) === pgid && estado !== 'Z' && estado !== 'X') pids.push(Number(entrada));
  }
  return pids;
}

const senalar = (pgid: number, senal: NodeJS.Signals) => {
  try {
    process.kill(-pgid, senal);
  } catch {
    // The group is already gone.
  }
};

const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops the whole group `pgid`: SIGTERM (a server finishes what is in flight), SIGKILL to whatever is left after
 * `graciaMs`; resolves once no process of the group is left, throws if one survives SIGKILL.
 */
export async function detenerGrupo(pgid: number, { graciaMs = 5000, senal = 'SIGTERM' as NodeJS.Signals } = {}) {
  senalar(pgid, senal);
  for (const fin = Date.now() + graciaMs; procesosDelGrupo(pgid).length && Date.now() < fin;) await dormir(25);
  if (procesosDelGrupo(pgid).length) {
    senalar(pgid, 'SIGKILL');
    for (const fin = Date.now() + 5000; procesosDelGrupo(pgid).length && Date.now() < fin;) await dormir(25);
  }
  const quedan = procesosDelGrupo(pgid);
  if (quedan.length) throw new Error(`el grupo de procesos ${pgid} sigue vivo tras SIGKILL: ${quedan.join(', ')}`);
  grupos.delete(pgid);
}

/** Every group still remembered, stopped; throws if any survives. */
export async function detenerTodos(): Promise<void> {
  const errores = (await Promise.allSettled([...grupos].map((g) => detenerGrupo(g)))).filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (errores.length) throw new Error(errores.map((e) => String(e.reason)).join('\n'));
}

/** `spawn` in a group of its own, stopped with its test (see above). The child's pid is the group's id. */
export function lanzarEnGrupo(comando: string, args: readonly string[], opciones: SpawnOptions = {}): ChildProcess {
  const hijo = spawn(comando, args, { ...opciones, detached: true });
  const pgid = hijo.pid;
  if (pgid === undefined) return hijo; // spawn failed: its 'error' event tells the caller
  grupos.add(pgid);
  hijo.once('exit', () => {
    // The leader is gone; the group may still hold its children (tsx's server, cluster workers).
    if (!procesosDelGrupo(pgid).length) grupos.delete(pgid);
  });
  try {
    onTestFinished(() => (grupos.has(pgid) ? detenerGrupo(pgid) : undefined));
  } catch {
    // Not inside a test (a beforeAll, a bench): the file's afterAll or the exit handler below stops it.
  }
  return hijo;
}

// The last resort: whatever is ending this process (a run cut short) takes the groups it started along.
process.once('exit', () => {
  for (const g of grupos) senalar(g, 'SIGKILL');
});

if (process.env.VITEST) afterAll(detenerTodos);

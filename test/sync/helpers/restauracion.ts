/**
 * The manual's restore procedure (§9) on a test server, with IT's real tool: a hot backup of the server's SQLite file by
 * the ops CLI's backup, then the API stopped, the ops CLI's restore run over its file (a real process, as restore.sh runs it) and
 * the API started again on the same port, so desks and their relays find it where it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backup } from '../../../server/src/ops/sqlite.js';
import { apiEnv } from '../../deploy/helpers/api.js';
import { ROOT, run } from '../../deploy/helpers/tools.js';
import { iniciarServidor, type ServidorDePrueba } from '../../helpers/servidor.js';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

async function ops(s: ServidorDePrueba, args: string[]): Promise<string> {
  const r = await run(TSX, ['server/src/ops/cli.ts', ...args], {
    env: apiEnv(s.dir, Number(new URL(s.url).port)),
    timeoutMs: 60_000,
  });
  if (r.code !== 0) throw new Error(`ops ${args[0]} terminó con ${r.code}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * A hot backup while the API keeps serving: the ops CLI's own backup function (SQLite's backup API, integrity checked),
 * called in this process to spare a process start per backup; the restore below runs the CLI itself.
 */
export async function respaldar(s: ServidorDePrueba, nombre = 'respaldo.sqlite'): Promise<string> {
  if (s.config.database.kind !== 'sqlite') throw new Error('respaldar: solo la base embebida');
  const destino = path.join(s.dir, 'respaldos', nombre);
  await backup(s.config.database.file, destino, { ok: () => undefined, problema: () => undefined, problemas: 0 });
  return destino;
}

/**
 * API stopped, `ops restore --from <respaldo> --confirmar`, API started again over the same files and port. `perdida`:
 * the live database is gone first (a dead disk, a new server), so the restore cannot read the counters it replaces.
 */
export async function restaurar(
  s: ServidorDePrueba,
  respaldo: string,
  o: { margen?: number; perdida?: boolean } = {},
): Promise<{ servidor: ServidorDePrueba; salida: string }> {
  await s.detener();
  if (o.perdida && s.config.database.kind === 'sqlite')
    for (const sufijo of ['', '-wal', '-shm']) fs.rmSync(`${s.config.database.file}${sufijo}`, { force: true });
  const margen = o.margen === undefined ? [] : ['--margen', String(o.margen)];
  const salida = await ops(s, ['restore', '--from', respaldo, '--confirmar', ...margen]);
  const servidor = await iniciarServidor({ dir: s.dir, puerto: Number(new URL(s.url).port) });
  return { servidor, salida };
}

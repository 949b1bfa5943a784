/**
 * A test that times out leaves no process it started through the helpers (test/helpers/procesos.ts): a nested vitest
 * runs a fixture whose test starts the real API process and then never ends; once that run is over, no process that
 * inherited the run's mark is alive. A process the fixture started with a plain `spawn` is the control: it does survive,
 * so the check below is not blind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { expect, it } from 'vitest';
import { lanzarEnGrupo } from '../helpers/procesos.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');

/** Live processes whose environment carries MARCA_LIMPIEZA=`marca`, with their command lines (from /proc). */
function marcados(marca: string): { pid: number; comando: string }[] {
  const encontrados: { pid: number; comando: string }[] = [];
  for (const entrada of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entrada)) continue;
    try {
      const estado = fs.readFileSync(`/proc/${entrada}/stat`, 'utf8');
      if (/^\S+ \(.*\) Z /.test(estado)) continue;
      if (!fs.readFileSync(`/proc/${entrada}/environ`, 'utf8').split('\0').includes(`MARCA_LIMPIEZA=${marca}`))
        continue;
      encontrados.push({ pid: Number(entrada), comando: fs.readFileSync(`/proc/${entrada}/cmdline`, 'utf8') });
    } catch {
      // gone meanwhile
    }
  }
  return encontrados;
}

it('una prueba que expira no deja vivo ningún proceso arrancado con las ayudas de prueba', async () => {
  const marca = `limpieza-${uuidv7()}`;
  const control = `control-${uuidv7()}`;
  const listo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'limpieza-')), 'listo');
  const vitest = lanzarEnGrupo(
    process.execPath,
    [path.join(RAIZ, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/arbol/expira/vitest.config.ts'],
    {
      cwd: RAIZ,
      env: { ...process.env, MARCA_LIMPIEZA: marca, MARCA_CONTROL: control, ARCHIVO_LISTO: listo },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let salida = '';
  vitest.stdout!.on('data', (d: Buffer) => (salida += d.toString()));
  vitest.stderr!.on('data', (d: Buffer) => (salida += d.toString()));
  const fin = new Promise<number | null>((r) => vitest.once('exit', (code) => r(code)));

  // While the nested run goes on, note the API processes it starts (proof that there was something to clean up).
  const servidores = new Set<number>();
  let terminado = false;
  void fin.then(() => (terminado = true));
  while (!terminado) {
    for (const p of marcados(marca)) if (p.comando.includes('server/src/index.ts')) servidores.add(p.pid);
    await new Promise((r) => setTimeout(r, 100));
  }
  const codigo = await fin;

  expect(codigo, salida).not.toBe(0);
  expect(salida).toMatch(/Test timed out/);
  expect(servidores.size, salida).toBeGreaterThan(0);
  expect(marcados(marca)).toEqual([]);
  const sobrevivientes = marcados(control);
  expect(sobrevivientes.map((p) => p.comando)).toEqual([`${process.execPath}\0-e\0setInterval(() => {}, 1000)\0`]);
  for (const p of sobrevivientes) process.kill(p.pid, 'SIGKILL');
}, 120_000);

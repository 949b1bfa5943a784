/**
 * Run only by limpieza-procesos.test.ts, in a vitest of its own: a test that starts the real API through the shared
 * helper and never ends, so vitest times it out. Beside it, a process started with a plain `spawn` and nobody's
 * cleanup, the control that proves the parent's check would see a survivor.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { it } from 'vitest';
import { iniciarApiEnProceso } from '../../helpers/api-en-proceso.js';

it('arranca la API y no termina nunca', async () => {
  spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    env: { ...process.env, MARCA_LIMPIEZA: process.env.MARCA_CONTROL },
    stdio: 'ignore',
  }).unref();
  const api = await iniciarApiEnProceso({ DEMO: 'false' });
  fs.writeFileSync(process.env.ARCHIVO_LISTO!, String(api.proceso.pid));
  await new Promise(() => undefined);
});

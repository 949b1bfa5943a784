/**
 * The short fuzz run of the test command: requests over every operation of /openapi.json, seeded so a failure replays
 * (`npm run fuzz -- --n 2000 --seed <semilla>`). Longer runs: bench/fuzz.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { iniciarEscenario, type Escenario } from './escenario.js';
import { ejecutarFuzz } from './fuzzer.js';

const PETICIONES = Number(process.env.FUZZ_N ?? 1000);
const SEMILLA = Number(process.env.FUZZ_SEED ?? 2026);

let esc: Escenario;
beforeAll(async () => {
  // A small upload limit keeps the oversized-file cases cheap.
  esc = await iniciarEscenario({ env: { MAX_UPLOAD_SIZE: String(256 * 1024) } });
});
afterAll(() => esc?.cerrar());

it(`${PETICIONES} peticiones hostiles (semilla ${SEMILLA}): ningún 5xx, errores en la forma compartida y en español, un rechazo no escribe nada`, async () => {
  // On a quiet machine 1,000 requests take seconds; on a starved one the run stops at 150 s with what it sent.
  const informe = await ejecutarFuzz(esc, { n: PETICIONES, semilla: SEMILLA, limiteMs: 150_000 });
  expect(informe.peticiones).toBeGreaterThanOrEqual(Math.min(PETICIONES, 200));
  // The run must have reached the handlers, not only the front door: some answers are successes, some refusals.
  expect(Object.keys(informe.porEstado).filter((s) => Number(s) < 300).length).toBeGreaterThan(0);
  expect(informe.hallazgos, JSON.stringify(informe.hallazgos.slice(0, 15), null, 1)).toEqual([]);
}, 240_000);

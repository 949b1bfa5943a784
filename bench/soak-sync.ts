/**
 * Long runs of the randomized model test of sync (docs/sync.md, "Model test"):
 *   npm run soak:sync -- --seed S --minutes M      histories from seed S, S+1, … until M minutes have passed
 *   npm run soak:sync -- --seed S --path P         replays exactly the failing history a report named
 * Options: --pasos MIN-MAX (default 30-60), --reducir (shrink a failure to a shorter history: each try is a whole
 * history), --sin-restauracion, --sin-archivos-rechazados, --verbose (every step as it runs).
 * Prints each seed and its outcome; a failure prints its seed, path and the replay command, and the exit code is 1.
 */
import { parseArgs } from 'node:util';
import { correr, type Fallo } from '../test/sync/modelo/corrida.js';
import { plantillaDemo, prepararProgramas, terminarTodo } from '../test/sync/modelo/procesos.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    minutes: { type: 'string', default: '10' },
    path: { type: 'string' },
    pasos: { type: 'string', default: '30-60' },
    reducir: { type: 'boolean', default: false },
    'sin-restauracion': { type: 'boolean', default: false },
    'sin-archivos-rechazados': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const inicial = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const [minPasos, maxPasos] = values.pasos.split('-').map(Number) as [number, number];
const hasta = Date.now() + Number(values.minutes) * 60_000;

const programas = await prepararProgramas();
const plantilla = await plantillaDemo(programas);
// Ctrl-C (or a timeout's SIGTERM) stops the history's API and desks and removes the bundles before leaving.
for (const senal of ['SIGINT', 'SIGTERM'] as const)
  process.once(
    senal,
    () =>
      void terminarTodo().finally(() => {
        plantilla.borrar();
        programas.borrar();
        process.exit(130);
      }),
  );
const fallos: Fallo[] = [];
try {
  for (let seed = inicial; ; seed++) {
    const t0 = Date.now();
    const fallo = await correr(seed, {
      historia: { minPasos, maxPasos, restauracion: !values['sin-restauracion'] },
      archivosRechazados: !values['sin-archivos-rechazados'],
      nuevoServidor: () => plantilla.copiar(),
      programas,
      path: values.path,
      reducir: values.reducir,
      alRegistrar: values.verbose ? (l) => console.log(`  ${l}`) : undefined,
      alTerminar: (h, r) =>
        console.log(
          `  historia de ${h.pasos.length} pasos, ${h.escritorios.length} escritorios, ${r.confirmados} comandos confirmados: ${r.violaciones.length ? `${r.violaciones.length} violaciones` : 'bien'}`,
        ),
    });
    const s = ((Date.now() - t0) / 1000).toFixed(0);
    if (fallo) {
      fallos.push(fallo);
      console.log(`semilla ${seed}: FALLA (${s} s)\n${fallo.mensaje}\n`);
    } else console.log(`semilla ${seed}: bien (${s} s)`);
    if (values.path || Date.now() >= hasta) break;
  }
} finally {
  await terminarTodo();
  plantilla.borrar();
  programas.borrar();
}
console.log(
  fallos.length
    ? `\n${fallos.length} semillas fallaron:\n${fallos.map((f) => `  --seed ${f.seed} --path ${f.path}`).join('\n')}`
    : '\nNinguna semilla falló.',
);
process.exitCode = fallos.length ? 1 : 0;

/**
 * `npm run fuzz -- --n 50000 --seed 7`: the hostile suite's fuzzer (test/hostil/fuzzer.ts) for as long as asked, against
 * its own throwaway server. Prints the answers by status, the slowest operations and every finding; exits 1 on findings.
 */
import { parseArgs } from 'node:util';
import { iniciarEscenario } from '../test/hostil/escenario.js';
import { ejecutarFuzz } from '../test/hostil/fuzzer.js';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '2000' }, seed: { type: 'string', default: String(Date.now() % 100_000) } },
});
const n = Number(values.n);
const semilla = Number(values.seed);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(semilla)) {
  console.error('Uso: npm run fuzz -- --n <peticiones> --seed <entero>');
  process.exit(2);
}

const esc = await iniciarEscenario({ env: { MAX_UPLOAD_SIZE: String(256 * 1024) } });
try {
  console.log(`Fuzz: ${n} peticiones, semilla ${semilla}, servidor ${esc.s.url}`);
  const informe = await ejecutarFuzz(esc, {
    n,
    semilla,
    alAvanzar: (hechas) => console.log(`  ${hechas} peticiones…`),
  });
  console.log(`${informe.peticiones} peticiones en ${(informe.milisegundos / 1000).toFixed(1)} s`);
  console.log('Respuestas por estado:', JSON.stringify(informe.porEstado));
  const lentas = Object.entries(informe.tiempoPorOperacion).sort((a, b) => b[1] - a[1]);
  console.log('Operaciones más costosas (ms en total):');
  for (const [op, ms] of lentas.slice(0, 8)) console.log(`  ${op}: ${Math.round(ms)}`);
  console.log(`Hallazgos: ${informe.hallazgos.length}`);
  for (const h of informe.hallazgos) console.log(JSON.stringify(h));
  process.exitCode = informe.hallazgos.length ? 1 : 0;
} finally {
  await esc.cerrar();
}

/**
 * The randomized model-based test of sync (docs/sync.md, "Model test"): fast-check generates histories of several desks
 * of offices 02 and 04 doing every kind of command, with cuts of their links (mid-transfer too), SIGKILLs, clock jumps,
 * API restarts and a restore from a backup taken earlier; each runs against the real API process, real desk processes
 * and the ops CLI, and after syncing to quiescence must keep the model's promises (test/sync/modelo/modelo.ts). A few
 * fixed seeds here; `npm run soak:sync -- --seed S --minutes M` runs many more, and replays a failure with its path.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { correr } from './modelo/corrida.js';
import { ejecutar } from './modelo/ejecutor.js';
import type { Paso } from './modelo/historia.js';
import { plantillaDemo, prepararProgramas, terminarTodo, vivos, type Programas } from './modelo/procesos.js';

/**
 * Switches of what histories contain, each to be turned off only while the behaviour it exercises is not built: a
 * restore loses the commands desks confirmed after the backup until the server has an epoch and desks a journal; an
 * executable renamed .pdf wedges the outbox until refused uploads become the officer's rejections.
 */
const RESTAURACION = process.env.MODELO_RESTAURACION !== '0';
const ARCHIVOS_RECHAZADOS = process.env.MODELO_ARCHIVOS_RECHAZADOS !== '0';

/**
 * Fixed seeds: short histories (15-25 steps) that between them reach every kind of step, which the last test checks
 * (a change to the generator that loses one says so there: pick other seeds then).
 */
const SEMILLAS = [134, 260];
const CLASES = [
  'accion',
  'sync',
  'sync con corte de red',
  'sync con SIGKILL del escritorio',
  'sync con SIGKILL de la API',
  'red cortada',
  'red arriba',
  'SIGKILL',
  'reloj',
  'reiniciarServidor',
  'respaldar',
  'restaurar',
];

function clase(p: Paso): string {
  if (p.t === 'sync' && p.corte)
    return {
      red: 'sync con corte de red',
      muerte: 'sync con SIGKILL del escritorio',
      servidor: 'sync con SIGKILL de la API',
    }[p.corte.tipo];
  if (p.t === 'red') return p.arriba ? 'red arriba' : 'red cortada';
  return p.t === 'matar' ? 'SIGKILL' : p.t;
}
const vistas = new Set<string>();

let programas: Programas;
let plantilla: Awaited<ReturnType<typeof plantillaDemo>>;
beforeAll(async () => {
  programas = await prepararProgramas();
  plantilla = await plantillaDemo(programas);
}, 120_000);
afterEach(async () => {
  const quedaban = vivos();
  await terminarTodo();
  expect(quedaban, 'procesos que la historia dejó vivos').toEqual([]);
});
afterAll(async () => {
  await terminarTodo();
  expect(vivos()).toEqual([]);
  plantilla?.borrar();
  programas?.borrar();
});

describe('modelo de la sincronización: historias aleatorias contra el núcleo y la API reales', () => {
  it.each(SEMILLAS)(
    'la historia de la semilla %i cumple el modelo',
    async (seed) => {
      const fallo = await correr(seed, {
        historia: { minPasos: 15, maxPasos: 25, restauracion: RESTAURACION },
        archivosRechazados: ARCHIVOS_RECHAZADOS,
        nuevoServidor: () => plantilla.copiar(),
        programas,
        alTerminar: (h) => h.pasos.forEach((p) => vistas.add(clase(p))),
      });
      expect(fallo?.mensaje ?? null).toBeNull();
    },
    300_000,
  );

  /**
   * Found by the soak (seed 403, 40-80 steps) and kept as an 8-step history: the second restore of the same backup
   * moved the number counters to where the first had (the backup's value plus the margin), so a number printed on a
   * receipt in between went to another case. A restore now moves them past the replaced database's values too.
   */
  it('dos restauraciones del mismo respaldo: ningún número ya impreso pasa a otro caso', async () => {
    const registrar = (e: number): Paso => ({ t: 'accion', e, accion: 'ppsh.registrar', a: 0, b: 1 });
    const sync = (e: number): Paso => ({ t: 'sync', e, corte: null });
    const r = await ejecutar(
      {
        escritorios: ['recepcion', 'recepcion.darien'],
        pasos: [
          { t: 'respaldar' },
          { t: 'restaurar' },
          registrar(0),
          sync(0),
          { t: 'restaurar' },
          registrar(1),
          sync(1),
          sync(0),
        ],
      },
      programas,
      plantilla.copiar(),
      { archivosRechazados: false },
    );
    expect(r.violaciones, r.bitacora.join('\n')).toEqual([]);
  }, 180_000);

  it('entre todas, las historias fijas recorren cada clase de paso', () => {
    const esperadas = RESTAURACION ? CLASES : CLASES.filter((c) => c !== 'respaldar' && c !== 'restaurar');
    expect([...vistas].sort()).toEqual([...esperadas].sort());
  });
});

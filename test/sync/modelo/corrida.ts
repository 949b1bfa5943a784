/**
 * fast-check around the executor: the property "this history keeps the model's promises", run for given seeds, with a
 * failure report that says how to replay it (`npm run soak:sync -- --seed S --path P`). Shared by the test in the
 * suite (test/sync/modelo.test.ts) and the long runs (bench/soak-sync.ts).
 */
import fc from 'fast-check';
import { ejecutar, type Resultado } from './ejecutor.js';
import { describir, historia, OPCIONES_POR_DEFECTO, type Historia, type OpcionesHistoria } from './historia.js';
import type { Programas } from './procesos.js';

export interface OpcionesCorrida {
  historia?: Partial<OpcionesHistoria>;
  archivosRechazados: boolean;
  /** A fresh server data directory for each history (a copy of the demo database). */
  nuevoServidor: () => string;
  programas: Programas;
  /** Where a failed history came from: replay it exactly (and shrink no further). */
  path?: string;
  /** Histories per seed (1 in the suite). */
  corridas?: number;
  /** Shrink a failure to a shorter history (each try is a whole history: minutes). */
  reducir?: boolean;
  alRegistrar?: (linea: string) => void;
  alTerminar?: (h: Historia, r: Resultado) => void;
}

export interface Fallo {
  seed: number;
  path: string;
  mensaje: string;
}

/** Replay command line of a failure: the options that change what is generated travel with it. */
export function comoReproducir(
  seed: number,
  path: string,
  o: Pick<OpcionesCorrida, 'historia' | 'archivosRechazados'>,
) {
  const h = { ...OPCIONES_POR_DEFECTO, ...o.historia };
  const extra = [
    `--pasos ${h.minPasos}-${h.maxPasos}`,
    o.historia?.restauracion === false ? '--sin-restauracion' : '',
    o.archivosRechazados ? '' : '--sin-archivos-rechazados',
  ].filter(Boolean);
  return `npm run soak:sync -- --seed ${seed} --path ${path}${extra.length ? ` ${extra.join(' ')}` : ''}`;
}

/** Runs the histories of one seed; resolves with the failure (seed, path, history, violations) or null. */
export async function correr(seed: number, o: OpcionesCorrida): Promise<Fallo | null> {
  const opciones = { ...OPCIONES_POR_DEFECTO, ...o.historia };
  const propiedad = fc.asyncProperty(historia(opciones), async (h) => {
    const r = await ejecutar(h, o.programas, o.nuevoServidor(), {
      archivosRechazados: o.archivosRechazados,
      alRegistrar: o.alRegistrar,
    });
    o.alTerminar?.(h, r);
    if (r.violaciones.length)
      throw new Error(
        [
          `${r.violaciones.length} violaciones del modelo:`,
          ...r.violaciones.map((v) => `  - ${v}`),
          'Historia:',
          describir(h),
          'Bitácora:',
          ...r.bitacora,
        ].join('\n'),
      );
  });
  const d = await fc.check(propiedad, {
    seed,
    path: o.path,
    numRuns: o.corridas ?? 1,
    endOnFailure: !o.reducir,
  });
  if (!d.failed) return null;
  const path = d.counterexamplePath ?? '';
  const causa = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
  return {
    seed,
    path,
    mensaje: [
      `La historia de la semilla ${seed} (path ${path}) rompe el modelo de sincronización.`,
      `Reproducir: ${comoReproducir(seed, path, o)}`,
      causa,
    ].join('\n'),
  };
}

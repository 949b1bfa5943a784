/**
 * What one template edit costs on the real API process (docs/workflow.md, "Editing a template part by part"), and how
 * long it holds the event loop, seen as the latency of /health asked again and again during it. Every figure is also
 * printed as a ratio to a baseline measured in the same run on the same machine:
 * - a single-question PUT on a 100-stage × 40-question template against the same PUT on a 3 × 1 template;
 * - /health during those edits and during a whole 100 × 100 graph PUT against /health with the server idle.
 * `npm run bench:plantillas` (EDICIONES=<n> edits per series, 20 by default).
 */
import { plantillaGrande } from '../test/helpers/datos.js';
import { detener, iniciarApi, login, sembrar } from './comun.js';

const EDICIONES = Number(process.env.EDICIONES ?? 20);
const PUERTO = 3950;
const URL_API = `http://127.0.0.1:${PUERTO}`;

const percentil = (xs: number[], p: number) => {
  const orden = [...xs].sort((a, b) => a - b);
  return orden[Math.min(orden.length - 1, Math.floor((p / 100) * orden.length))] ?? NaN;
};
const ms = (x: number) => x.toFixed(1);

async function peticion(token: string, metodo: string, ruta: string, cuerpo?: unknown) {
  const r = await fetch(`${URL_API}/api/v1${ruta}`, {
    method: metodo,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: cuerpo === undefined ? undefined : JSON.stringify(cuerpo),
  });
  const texto = await r.text();
  if (!r.ok) throw new Error(`${metodo} ${ruta}: ${r.status} ${texto.slice(0, 300)}`);
  return JSON.parse(texto) as { id: string; etapas: { preguntas: { id: string }[] }[] };
}

/** /health latencies while `trabajo` runs, one request at a time (a blocked loop shows as one long answer). */
async function saludDurante(trabajo: () => Promise<void>): Promise<number[]> {
  const latencias: number[] = [];
  let fin = false;
  const sondeo = (async () => {
    while (!fin) {
      const t = performance.now();
      await (await fetch(`${URL_API}/health`)).arrayBuffer();
      latencias.push(performance.now() - t);
    }
  })();
  await trabajo().finally(() => (fin = true));
  await sondeo;
  return latencias;
}

/** Durations of `n` single-question PUTs, one after the other. */
async function editar(token: string, preguntaId: string, n: number): Promise<number[]> {
  const tiempos: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await peticion(token, 'PUT', `/workflow/preguntas/${preguntaId}`, { pregunta: `Redacción ${i}` });
    tiempos.push(performance.now() - t);
  }
  return tiempos;
}

const base = await sembrar(0);
const api = await iniciarApi(base, PUERTO, { WEB_CONCURRENCY: '1', LOG_LEVEL: 'error' });
try {
  const token = await login(URL_API, 'admin');
  const chica = await peticion(token, 'POST', '/workflow/workflows', plantillaGrande('BENCH_3_1', 3, 1));
  const inicio = performance.now();
  const grande = await peticion(token, 'POST', '/workflow/workflows', plantillaGrande('BENCH_100_40', 100, 40));
  const creacion = performance.now() - inicio;

  const saludEnReposo = await saludDurante(() => new Promise((r) => setTimeout(r, 3000)));
  const edicionChica = await editar(token, chica.etapas[1]!.preguntas[0]!.id, EDICIONES);
  let edicionGrande: number[] = [];
  const saludEnEdiciones = await saludDurante(async () => {
    edicionGrande = await editar(token, grande.etapas[50]!.preguntas[10]!.id, EDICIONES);
  });
  const g = plantillaGrande('BENCH_100_40', 100, 100);
  let guardado = 0;
  const saludEnGuardado = await saludDurante(async () => {
    const t = performance.now();
    await peticion(token, 'PUT', `/workflow/workflows/${grande.id}`, { etapas: g.etapas, conexiones: g.conexiones });
    guardado = performance.now() - t;
  });

  const baseEdicion = percentil(edicionChica, 50);
  const baseSalud = percentil(saludEnReposo, 99);
  console.log(
    `\nPlantilla de 100 × 40 creada en ${ms(creacion)} ms; grafo de 100 × 100 guardado entero en ${ms(guardado)} ms`,
  );
  console.log('\n| medida | p50 ms | p99 ms | máx ms | p50 (o p99) / línea base |');
  console.log('|---|---:|---:|---:|---:|');
  const fila = (nombre: string, xs: number[], base: number, p: 50 | 99) =>
    console.log(
      `| ${nombre} | ${ms(percentil(xs, 50))} | ${ms(percentil(xs, 99))} | ${ms(Math.max(...xs))} | ${(percentil(xs, p) / base).toFixed(2)} |`,
    );
  fila('PUT de una pregunta, plantilla 3 × 1 (línea base)', edicionChica, baseEdicion, 50);
  fila('PUT de una pregunta, plantilla 100 × 40', edicionGrande, baseEdicion, 50);
  fila('/health en reposo (línea base, p99)', saludEnReposo, baseSalud, 99);
  fila('/health durante las ediciones 100 × 40 (p99)', saludEnEdiciones, baseSalud, 99);
  fila('/health durante el PUT entero 100 × 100 (p99)', saludEnGuardado, baseSalud, 99);
} finally {
  await detener(api);
}

/**
 * npx tsx bench/perfil-api.ts — where the API spends its CPU on one caseload request under load: the server runs with
 * --cpu-prof while autocannon (10 connections, BENCH_SECONDS) asks for PERFIL_URL (default: the filtered 50-row page of
 * bench/api.ts); the profile's self time is then grouped by part (SQLite, statement preparation, Kysely, serializer,
 * Panama dates, JSON, GC, JWT, Express and middleware, log...) and printed as shares of the busy time, with ms per
 * request. Seeds like bench/api.ts (CASES, BENCH_DB to reuse a seeded database). docs/rendimiento-api.md has the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detener, iniciarApi, login, medir, RAIZ, sembrar } from './comun.js';

const PUERTO = 18_083;
const RUTA =
  process.env.PERFIL_URL ?? '/api/v1/ppsh/solicitudes?estado=EN_EVALUACION&orden=-fecha_solicitud&page_size=50';

interface Nodo {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Perfil {
  startTime: number;
  nodes: Nodo[];
  samples: number[];
  timeDeltas: number[];
}

/** Parts of a request, tried in order: the first whose test matches a sampled function gets its self time. */
const PARTES: [string, (f: Nodo['callFrame']) => boolean][] = [
  ['(inactivo)', (f) => f.functionName === '(idle)'],
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['SQLite: preparar sentencias', (f) => f.functionName === 'prepare' && /better-sqlite3/.test(f.url)],
  // better-sqlite3's native work (stepping, building row objects) is charged to the JS frame that called it.
  ['SQLite: ejecutar y construir filas', (f) => /better-sqlite3|sqlite-driver/.test(f.url)],
  ['Kysely: construir y compilar consultas', (f) => /kysely/.test(f.url)],
  ['fecha de Panamá (Intl)', (f) => /calendario/.test(f.url) || /DateTimeFormat|formatToParts/.test(f.functionName)],
  ['serializar filas', (f) => /serializar|modules\/casos\/repo|http\/pagina/.test(f.url)],
  ['JSON', (f) => /^(stringify|parse)$/.test(f.functionName)],
  ['JWT (jose, WebCrypto)', (f) => /jose|node:internal\/crypto/.test(f.url)],
  ['caché en memoria (memoria/)', (f) => /server\/src\/memoria/.test(f.url)],
  ['registro (pino)', (f) => /pino/.test(f.url)],
  ['validación (zod)', (f) => /zod/.test(f.url)],
  [
    'Express y middleware',
    (f) => /node_modules\/(?!kysely|better-sqlite3|jose|pino|zod)/.test(f.url) || /server\/src\/(http|app)/.test(f.url),
  ],
  ['HTTP, red y flujos de Node', (f) => /^node:/.test(f.url) || (!f.url && /^write/.test(f.functionName))],
  ['(program)', (f) => f.functionName === '(program)'],
];

/** Monotonic µs, the clock of the profile's timestamps (CLOCK_MONOTONIC on Linux, shared by both processes). */
const ahoraUs = () => Number(process.hrtime.bigint() / 1000n);

/** Self time per part, of the samples taken between `desde` and `hasta` (the load, not the server's start-up). */
function agrupar(perfil: Perfil, desde: number, hasta: number): Map<string, number> {
  const porId = new Map(perfil.nodes.map((n) => [n.id, n.callFrame]));
  const parte = new Map<number, string>();
  const tiempos = new Map<string, number>();
  const funciones = new Map<string, number>();
  let t = perfil.startTime;
  perfil.samples.forEach((id, i) => {
    t += perfil.timeDeltas[i] ?? 0;
    if (t < desde || t > hasta) return;
    let p = parte.get(id);
    if (!p) {
      const f = porId.get(id)!;
      p = PARTES.find(([, es]) => es(f))?.[0] ?? 'resto';
      parte.set(id, p);
    }
    tiempos.set(p, (tiempos.get(p) ?? 0) + (perfil.timeDeltas[i] ?? 0));
    const f = porId.get(id)!;
    const nombre = `${f.functionName || '(anónima)'} ${f.url.replace(/^.*node_modules\//, '').replace(`file://${RAIZ}/`, '')}`;
    funciones.set(nombre, (funciones.get(nombre) ?? 0) + (perfil.timeDeltas[i] ?? 0));
  });
  if (process.env.PERFIL_DETALLE)
    for (const [f, us] of [...funciones].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`${(us / 1e3).toFixed(0)} ms  ${f}`);
  return tiempos;
}

const base = await sembrar();
const carpeta = fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-perfil-'));
const api = await iniciarApi(base, PUERTO, {}, ['--cpu-prof', `--cpu-prof-dir=${carpeta}`]);
let peticiones = 0;
let desde = 0;
let hasta = 0;
try {
  const url = `http://127.0.0.1:${PUERTO}`;
  const token = await login(url, process.env.PERFIL_USUARIO ?? 'analista');
  desde = ahoraUs();
  const m = await medir(RUTA, url + RUTA, token);
  hasta = ahoraUs();
  peticiones = m.reqPorSeg * Number(process.env.BENCH_SECONDS ?? 10);
  console.log(`${RUTA}: ${m.reqPorSeg.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, errores ${m.errores}`);
} finally {
  await detener(api);
}
const archivo = fs.readdirSync(carpeta).find((f) => f.endsWith('.cpuprofile'));
if (!archivo) throw new Error('el servidor no dejó su perfil');
const tiempos = agrupar(JSON.parse(fs.readFileSync(path.join(carpeta, archivo), 'utf8')) as Perfil, desde, hasta);
tiempos.delete('(inactivo)');
const ocupado = [...tiempos.values()].reduce((a, b) => a + b, 0);
console.log(
  `\nCPU ocupada: ${(ocupado / 1e6).toFixed(1)} s; ${(ocupado / 1e3 / peticiones).toFixed(2)} ms por petición`,
);
console.log('\n| parte | % de la CPU ocupada | ms por petición |\n|---|---:|---:|');
for (const [p, t] of [...tiempos].sort((a, b) => b[1] - a[1]))
  console.log(`| ${p} | ${((100 * t) / ocupado).toFixed(1)} | ${(t / 1e3 / peticiones).toFixed(3)} |`);
console.log(`\nPerfil: ${path.join(carpeta, archivo)} (ábralo en Chrome DevTools → Performance)`);

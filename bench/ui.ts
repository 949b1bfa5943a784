/**
 * The desk's screens under load (`npm run bench:ui`; CASES=… to run smaller): Debian's Chromium through the web shell,
 * with a desk store holding CASES (100,000) cases copied straight from a seeded server database.
 *
 * Figures, each beside its target and beside a baseline measured in the same run: the bare bridge call the screen makes
 * (fetched from inside the page, no React), so the ratio is what the renderer adds on top of the core.
 * - first caseload render: navigation start → first rows on screen (page reload with an active session);
 * - keystroke in search → the rows of that search on screen; filter change → rows;
 * - scrolling the list: frame times and long tasks (PerformanceObserver 'longtask', > 50 ms);
 * - the renderer's JS heap after scrolling (after a forced GC).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Page } from 'playwright-core';
import { iniciarShellWeb } from '../main/src/web-shell/iniciar.js';
import { construirRendererSiHaceFalta, DIRECTORIO_RENDERER } from '../test/e2e/helpers/construir.js';
import { CHROMIUM } from '../test/e2e/helpers/app.js';
import { detener, iniciarApi, sembrar } from './comun.js';
import { copiaDirecta } from './sync-copia.js';

const OBJETIVO = { primera: 300, busqueda: 100, filtro: 100, tareaLarga: 50 };
const PUERTO_API = Number(process.env.PORT ?? 18_431);

const percentil = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Installed before the app's scripts: long tasks and the moment the first caseload rows exist, for every load. */
function sondas() {
  const w = window as unknown as { largas: { inicio: number; duracion: number }[]; primeraFila: number | null };
  w.largas = [];
  w.primeraFila = null;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.largas.push({ inicio: e.startTime, duracion: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const obs = new MutationObserver(() => {
    if (w.primeraFila === null && document.querySelector('[role="option"][data-numero]')) {
      // On screen = the frame after the DOM has it.
      requestAnimationFrame(() => (w.primeraFila = performance.now()));
      obs.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => obs.observe(document.body, { childList: true, subtree: true }));
}

/** Runs `accion` and resolves with ms from its input event to the frame where the list answers the new search. */
async function hastaFilas(p: Page, accion: () => Promise<void>, evento: 'keydown' | 'change'): Promise<number> {
  const antes = Number(await p.locator('#lista-expedientes').getAttribute('data-consulta'));
  await p.evaluate(
    ([ev, previa]) => {
      const w = window as unknown as { medida: Promise<number> };
      w.medida = new Promise<number>((resolve) => {
        let inicio = 0;
        window.addEventListener(ev as string, (e) => (inicio = e.timeStamp), { capture: true, once: true });
        const lista = document.getElementById('lista-expedientes')!;
        const obs = new MutationObserver(() => {
          if (Number(lista.dataset.consulta) > Number(previa) && lista.getAttribute('aria-busy') === 'false') {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - inicio));
          }
        });
        obs.observe(lista, { attributes: true, childList: true, subtree: true });
      });
    },
    [evento, antes] as const,
  );
  await accion();
  return p.evaluate(() => (window as unknown as { medida: Promise<number> }).medida);
}

/** The bare bridge call from inside the page: the baseline of each screen figure. */
async function llamadaDirecta(p: Page, token: string, args: Record<string, unknown>): Promise<number> {
  return p.evaluate(
    async ([t, a]) => {
      const inicio = performance.now();
      const r = await fetch('/puente/expedientes.consultar', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tramites-token': t as string },
        body: JSON.stringify(a),
      });
      await r.json();
      return performance.now() - inicio;
    },
    [token, args] as const,
  );
}

function terminos(archivo: string): string[] {
  const db = new Database(archivo, { readonly: true });
  const filas = db
    .prepare(`select datos->>'primer_apellido' as a from ppsh_solicitantes where rid % 997 = 0 limit 12`)
    .all() as { a: string }[];
  db.close();
  // Typed as a person would on a plain keyboard (the search ignores accents).
  return filas.map((f) =>
    f.a
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
  );
}

await construirRendererSiHaceFalta();
const base = await sembrar();
const dataDir = path.join(base.dir, 'escritorio');
const copia = await copiaDirecta(base.archivo, path.join(dataDir, 'tramites.db'));
console.log(`Store del escritorio: ${copia.filas} filas copiadas en ${(copia.ms / 1000).toFixed(1)} s`);
const api = await iniciarApi(base, PUERTO_API);
const shell = await iniciarShellWeb({
  apiUrl: `http://127.0.0.1:${PUERTO_API}/api/v1`,
  dataDir,
  directorioRenderer: DIRECTORIO_RENDERER,
  // The copied store is the mirror: no background pull competing with the measures.
  core: { syncAutomatico: false },
});
const navegador = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  await shell.core['sesion.login']({ username: 'admin', password: 'demo2026' });
  const total = (await shell.core['expedientes.consultar']({ contar_exacto: true, limite: 1 })).total;
  const contexto = await navegador.newContext({ viewport: { width: 1366, height: 800 }, timezoneId: 'America/Panama' });
  await contexto.addInitScript(sondas);
  const p = await contexto.newPage();
  await p.goto(shell.url);
  await p.locator('[role="option"][data-numero]').first().waitFor({ timeout: 60_000 });

  // 1. First render: five reloads with the session active (the first warms the caches).
  const primeras: number[] = [];
  const basePrimera: number[] = [];
  for (let i = 0; i < 6; i++) {
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { primeraFila: number | null }).primeraFila !== null, null, {
      polling: 50,
    });
    const t = await p.evaluate(() => (window as unknown as { primeraFila: number }).primeraFila);
    if (i > 0) primeras.push(t);
    if (i > 0) basePrimera.push(await llamadaDirecta(p, shell.token, { limite: 100 }));
  }

  // 2. Keystrokes: each surname typed letter by letter, every keystroke measured to its rows.
  const busqueda = p.locator('#buscar-expedientes');
  const teclas: number[] = [];
  const baseTeclas: number[] = [];
  for (const termino of terminos(path.join(dataDir, 'tramites.db'))) {
    await busqueda.fill('');
    await p.locator('#lista-expedientes[aria-busy="false"]').waitFor();
    await busqueda.focus();
    for (let i = 0; i < Math.min(termino.length, 6); i++) {
      teclas.push(await hastaFilas(p, () => p.keyboard.press(termino[i]!), 'keydown'));
      baseTeclas.push(await llamadaDirecta(p, shell.token, { buscar: termino.slice(0, i + 1), limite: 100 }));
    }
  }
  await busqueda.fill('');
  await p.locator('#lista-expedientes[aria-busy="false"]').waitFor();

  // 3. Filter changes: priority and state selects, back and forth.
  const filtros: number[] = [];
  const baseFiltros: number[] = [];
  const cambios: [string, string, Record<string, unknown>][] = [
    ['Prioridad', 'ALTA', { prioridad: 'ALTA' }],
    ['Prioridad', '', {}],
    ['Estado', 'PPSH:EN_REVISION', { tipo: 'PPSH', estado: ['EN_REVISION'] }],
    ['Estado', '', { tipo: 'PPSH' }],
    ['Tipo', '', {}],
    ['Ordenar por', 'numero', { orden: 'numero' }],
    ['Ordenar por', '-fecha_solicitud', {}],
  ];
  for (let vuelta = 0; vuelta < 3; vuelta++)
    for (const [etiqueta, valor, args] of cambios) {
      const control = p.getByLabel(etiqueta, { exact: true });
      if ((await control.inputValue()) === valor) continue;
      filtros.push(await hastaFilas(p, () => control.selectOption(valor).then(() => undefined), 'change'));
      baseFiltros.push(await llamadaDirecta(p, shell.token, { ...args, limite: 100 }));
    }

  // 4. Scrolling: 3,000 px per frame request for ~4 s through the list, pages loading as it goes.
  await p.evaluate(() => ((window as unknown as { largas: unknown[] }).largas.length = 0));
  const scroll = await p.evaluate(async () => {
    const lista = document.getElementById('lista-expedientes')!;
    const marcos: number[] = [];
    let previo = performance.now();
    const fin = previo + 4000;
    // A plain loop, no named inner function: tsx would wrap it in a helper that does not exist in the page.
    while (previo < fin) {
      const ahora = await new Promise<number>((r) => requestAnimationFrame(r));
      marcos.push(ahora - previo);
      previo = ahora;
      lista.scrollTop += 1200;
    }
    const w = window as unknown as { largas: { duracion: number }[] };
    return {
      marcos,
      largas: w.largas.map((l) => l.duracion),
      filas: Math.round(lista.scrollTop / 60),
      paginas: Number(lista.dataset.paginas),
    };
  });
  await p.waitForTimeout(500);

  // 5. Heap after a forced GC.
  const cdp = await contexto.newCDPSession(p);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

  const fila = (nombre: string, valor: number, objetivo: string, ratio: string) =>
    console.log(`| ${nombre} | ${valor.toFixed(1)} | ${objetivo} | ${ratio} |`);
  const mediana = (xs: number[]) => percentil(xs, 50);
  console.log(`\nbench:ui — ${total.toLocaleString('es-PA')} casos en el store local, Chromium ${navegador.version()}`);
  console.log('| medida | ms | objetivo | frente a la línea base (llamada directa al puente, misma consulta) |');
  console.log('|---|---:|---|---|');
  fila(
    'primera bandeja (p50)',
    mediana(primeras),
    `≤ ${OBJETIVO.primera} ms`,
    `${(mediana(primeras) / mediana(basePrimera)).toFixed(1)}× (${ms(mediana(basePrimera))})`,
  );
  fila('primera bandeja (máx)', Math.max(...primeras), `≤ ${OBJETIVO.primera} ms`, '');
  fila(
    'tecla → filas (p50)',
    mediana(teclas),
    `≤ ${OBJETIVO.busqueda} ms`,
    `${(mediana(teclas) / mediana(baseTeclas)).toFixed(1)}× (${ms(mediana(baseTeclas))})`,
  );
  fila(
    'tecla → filas (p95)',
    percentil(teclas, 95),
    `≤ ${OBJETIVO.busqueda} ms`,
    `${(percentil(teclas, 95) / percentil(baseTeclas, 95)).toFixed(1)}× (${ms(percentil(baseTeclas, 95))})`,
  );
  fila(
    'filtro → filas (p50)',
    mediana(filtros),
    `≤ ${OBJETIVO.filtro} ms`,
    `${(mediana(filtros) / mediana(baseFiltros)).toFixed(1)}× (${ms(mediana(baseFiltros))})`,
  );
  fila(
    'filtro → filas (p95)',
    percentil(filtros, 95),
    `≤ ${OBJETIVO.filtro} ms`,
    `${(percentil(filtros, 95) / percentil(baseFiltros, 95)).toFixed(1)}× (${ms(percentil(baseFiltros, 95))})`,
  );
  fila(
    'desplazamiento: marco p50',
    mediana(scroll.marcos),
    '16.7 ms (60 Hz)',
    `${(mediana(scroll.marcos) / 16.7).toFixed(2)}× del marco`,
  );
  fila(
    'desplazamiento: marco p95',
    percentil(scroll.marcos, 95),
    '16.7 ms (60 Hz)',
    `${(percentil(scroll.marcos, 95) / 16.7).toFixed(2)}× del marco`,
  );
  fila(
    'desplazamiento: tarea larga máx',
    Math.max(0, ...scroll.largas),
    `≤ ${OBJETIVO.tareaLarga} ms`,
    `${scroll.largas.length} tareas > 50 ms en ${scroll.marcos.length} marcos`,
  );
  console.log(
    `\nDesplazadas ~${scroll.filas.toLocaleString('es-PA')} filas; páginas en memoria al final: ${scroll.paginas}; ` +
      `montón JS del renderer tras GC: ${(usedSize / 1024 / 1024).toFixed(1)} MB. ` +
      `Muestras: ${primeras.length} cargas, ${teclas.length} teclas, ${filtros.length} filtros.`,
  );
} finally {
  await navegador.close();
  await shell.cerrar();
  await detener(api);
  fs.rmSync(base.dir, { recursive: true, force: true });
}

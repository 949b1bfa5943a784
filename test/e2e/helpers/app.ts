/**
 * One end-to-end run of the app: a real API server (its own SQLite file), a network cable the test can unplug between
 * the desk and the API, the web shell in-process with its own data dir, and Debian's Chromium driven by playwright-core.
 * `cerrar()` stops everything and checks that nothing is left listening.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { iniciarShellWeb, type ShellWeb } from '../../../main/src/web-shell/iniciar.js';
import { crearRed, type Red } from '../../sync/helpers/red.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../../helpers/servidor.js';
import { construirRendererSiHaceFalta, DIRECTORIO_RENDERER } from './construir.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SALIDA = path.resolve(import.meta.dirname, '../__output__');
export { PASSWORD_DEMO };

export interface OpcionesApp {
  /** Core options (e.g. `syncAutomatico: false` to drive sync by hand). */
  core?: Parameters<typeof iniciarShellWeb>[0]['core'];
  /** A data dir already filled (the benchmark's 100,000-case store); the test's own temp dir otherwise. */
  dataDir?: string;
  /** An API already running (the benchmark's seeded one); a fresh demo server otherwise. */
  api?: ServidorDePrueba;
}

export interface AppDePrueba {
  api: ServidorDePrueba;
  red: Red;
  shell: ShellWeb;
  navegador: Browser;
  contexto: BrowserContext;
  pagina: Page;
  dataDir: string;
  /** Ports that must be free after cerrar(): the API's, the relay's and the shell's. */
  puertos: number[];
  cerrar(): Promise<void>;
}

const puertoDe = (url: string) => Number(new URL(url).port);

/** true when something accepts connections on 127.0.0.1:puerto. */
export function escuchando(puerto: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(puerto, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function iniciarApp(o: OpcionesApp = {}): Promise<AppDePrueba> {
  await construirRendererSiHaceFalta();
  const propia = !o.api;
  const api = o.api ?? (await iniciarServidor());
  const red = await crearRed(api.api);
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-e2e-'));
  const shell = await iniciarShellWeb({
    apiUrl: red.api,
    dataDir,
    directorioRenderer: DIRECTORIO_RENDERER,
    core: o.core,
  });
  const navegador = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const contexto = await navegador.newContext({
    viewport: { width: 1366, height: 800 },
    locale: 'es-PA',
    timezoneId: 'America/Panama',
  });
  const pagina = await contexto.newPage();
  const errores: string[] = [];
  pagina.on('pageerror', (e) => errores.push(e.message));
  pagina.on('console', (m) => {
    if (m.type() === 'error') errores.push(m.text());
  });
  await pagina.goto(shell.url);
  const puertos = [puertoDe(api.url), puertoDe(red.api), puertoDe(shell.url)];
  let cerrado = false;
  return {
    api,
    red,
    shell,
    navegador,
    contexto,
    pagina,
    dataDir,
    puertos,
    async cerrar() {
      if (cerrado) return;
      cerrado = true;
      await navegador.close();
      await shell.cerrar();
      await red.cerrar();
      if (propia) await api.cerrar();
      if (!o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      const abiertos = [];
      for (const p of propia ? puertos : puertos.slice(1)) if (await escuchando(p)) abiertos.push(p);
      if (abiertos.length) throw new Error(`Puertos aún abiertos tras cerrar: ${abiertos.join(', ')}`);
      if (navegador.isConnected()) throw new Error('Chromium sigue conectado tras cerrar');
      // A CSP violation or an uncaught error in the page is a defect even when the screens looked right.
      const graves = errores.filter((e) => !/Failed to load resource/.test(e));
      if (graves.length) throw new Error(`Errores en la página:\n${graves.join('\n')}`);
    },
  };
}

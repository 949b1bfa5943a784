/**
 * `npm start`: builds the app, starts the companion API on the embedded demo database when no server URL is
 * configured, and opens the desktop app pointed at it. Where the Electron binary is missing (our machines cannot
 * download it) it says so and opens the web shell in the browser instead. Ctrl+C stops everything it started.
 *
 * Plain Node (run by tsx), never electron: this is the launcher, not the app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { prepararAppElectron } from './app-electron.js';
import { leerConfiguracion, NOMBRE_CONFIGURACION } from './configuracion.js';
import { abrirEnNavegador } from './web-shell/navegador.js';
import { iniciarShellWeb, type ShellWeb } from './web-shell/iniciar.js';

const raiz = path.resolve(import.meta.dirname, '../..');
const PUERTO_API_PREFERIDO = 8000;
const ESPERA_API_MS = 90_000;

const hijos: ChildProcess[] = [];
let shell: ShellWeb | null = null;

/** Each child leads its own process group, so stopping it stops whatever it started too (tsx, cluster workers). */
function lanzar(programa: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const hijo = spawn(programa, args, { cwd: raiz, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  hijos.push(hijo);
  hijo.once('exit', () => hijos.splice(hijos.indexOf(hijo), 1));
  return hijo;
}

const terminado = (hijo: ChildProcess) =>
  hijo.exitCode !== null || hijo.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => hijo.once('exit', () => resolve()));

function senalGrupo(hijo: ChildProcess, senal: NodeJS.Signals) {
  try {
    if (hijo.pid) process.kill(-hijo.pid, senal);
  } catch {
    // The group is already gone.
  }
}

let deteniendo: Promise<never> | null = null;
function detener(codigo: number): Promise<never> {
  deteniendo ??= (async () => {
    // The children are told first: a shell whose core waits on a request to the API must not keep the API alive.
    for (const h of hijos) senalGrupo(h, 'SIGTERM');
    const todos = Promise.all([...hijos.map(terminado), shell?.cerrar().catch(() => undefined)]);
    const plazo = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    if ((await Promise.race([todos.then(() => 'listo'), plazo])) !== 'listo')
      for (const h of hijos) senalGrupo(h, 'SIGKILL');
    process.exit(codigo);
  })();
  return deteniendo;
}

async function ejecutar(programa: string, args: string[], que: string) {
  const hijo = lanzar(programa, args);
  await terminado(hijo);
  if (hijo.exitCode !== 0) throw new Error(`Falló ${que} (código ${hijo.exitCode ?? hijo.signalCode})`);
}

function puertoLibre(preferido: number): Promise<number> {
  const probar = (p: number) =>
    new Promise<number | null>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(null));
      s.listen(p, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
  return probar(preferido).then((p) => p ?? probar(0).then((q) => q!));
}

/** The same API `npm run server` runs (embedded SQLite with demo data in data/), on this machine only. */
async function iniciarApiCompanera(): Promise<string> {
  const puerto = await puertoLibre(Number(process.env.PORT) || PUERTO_API_PREFERIDO);
  const api = lanzar(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    ...process.env,
    PORT: String(puerto),
    HOST: '127.0.0.1',
    DEMO: process.env.DEMO ?? 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const url = `http://127.0.0.1:${puerto}`;
  const limite = Date.now() + ESPERA_API_MS;
  while (Date.now() < limite) {
    if (api.exitCode !== null || api.signalCode !== null)
      throw new Error('La API terminó al arrancar (vea el error arriba)');
    const sana = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (sana) {
      console.log(`API de demostración en ${url} (usuarios recepcion, analista, supervisor…; contraseña demo2026)`);
      return `${url}/api/v1`;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`La API no respondió en ${url}/health después de ${ESPERA_API_MS / 1000} s`);
}

/** The Electron binary's path, or null where it was never downloaded (package.json's allowScripts denies it). */
function binarioElectron(): string | null {
  const carpeta = path.join(raiz, 'node_modules', 'electron');
  const archivoRuta = path.join(carpeta, 'path.txt');
  if (!fs.existsSync(archivoRuta)) return null;
  const binario = path.join(carpeta, 'dist', fs.readFileSync(archivoRuta, 'utf8').trim());
  return fs.existsSync(binario) ? binario : null;
}

/** The development folder Electron runs from; null (and why, in one sentence) when better-sqlite3 cannot be built. */
function prepararParaElectron(): string | null {
  const { version } = JSON.parse(fs.readFileSync(path.join(raiz, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  };
  try {
    return prepararAppElectron({ raiz, versionElectron: version });
  } catch (e) {
    console.log(
      `No se pudo preparar better-sqlite3 para Electron ${version} (${e instanceof Error ? e.message : e}), así que la aplicación se abre en el navegador (shell web).`,
    );
    return null;
  }
}

async function main() {
  for (const senal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(senal, () => void detener(0));

  await ejecutar(
    process.execPath,
    [path.join(raiz, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    'la compilación',
  );

  const archivosConfiguracion = [path.join(raiz, 'resources', NOMBRE_CONFIGURACION)];
  const configuracion = leerConfiguracion(archivosConfiguracion);
  const apiUrl = (process.env.TRAMITES_API_URL || configuracion.servidor_url) ?? (await iniciarApiCompanera());

  const electron = binarioElectron();
  const appElectron = electron ? prepararParaElectron() : null;
  if (electron && appElectron) {
    const app = lanzar(electron, [appElectron], { ...process.env, TRAMITES_API_URL: apiUrl });
    await terminado(app);
    return detener(app.exitCode ?? 0);
  }
  if (!electron)
    console.log(
      'Esta máquina no tiene el programa Electron instalado, así que la aplicación se abre en el navegador (shell web).',
    );
  shell = await iniciarShellWeb({
    apiUrl,
    dataDir: path.join(raiz, 'data', 'escritorio-web'),
    core: { archivosConfiguracion },
  });
  console.log(`Shell web: ${shell.url}`);
  abrirEnNavegador(shell.url);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  void detener(1);
});

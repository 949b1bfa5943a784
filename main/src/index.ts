/**
 * The Electron main process: one instance per desk, one window, the core bound to it through IPC.
 *
 * Order matters: the app scheme is declared privileged before `ready`; the session is hardened and the protocol served
 * before the window loads anything; the bridge is bound before the page can call it; the core closes (sync loop
 * stopped, SQLite file closed) before the process exits.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import { EVENTOS_PUENTE } from '#shared/bridge/contrato';
import { canalEvento } from './canales.js';
import { leerConfiguracion, NOMBRE_CONFIGURACION, type Configuracion } from './configuracion.js';
import { createCore, type Core } from './core/core.js';
import { guardarEstadoVentana, leerEstadoVentana } from './estado-ventana.js';
import { enlazarPuente } from './ipc.js';
import { ESQUEMA_PRIVILEGIADO, esUrlPropia, servirRenderer, URL_INICIO } from './protocolo.js';
import { SecretosSafeStorage } from './secretos.js';
import { instaladorElectron } from './actualizador.js';
import { Actualizaciones } from './core/actualizaciones/servicio.js';
import { idEscritorio } from './core/actualizaciones/politica.js';
import { ajustarAPantallas } from './pantallas.js';
import { endurecerContenidos, endurecerSesion, opcionesVentana } from './seguridad.js';

/** out/main → the checkout (development) or the app's resources folder (installed). */
const raiz = path.resolve(import.meta.dirname, '../..');
const recursos = app.isPackaged ? process.resourcesPath : path.join(raiz, 'resources');

const API_LOCAL = 'http://localhost:8000/api/v1';

let ventana: BrowserWindow | null = null;
let core: Core | null = null;
let desenlazar = () => {};

protocol.registerSchemesAsPrivileged([ESQUEMA_PRIVILEGIADO]);

if (!app.requestSingleInstanceLock()) {
  // A second launch only brings the first window forward (see 'second-instance'); two cores on one SQLite file never.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!ventana) return;
    if (ventana.isMinimized()) ventana.restore();
    ventana.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (evento) => {
    if (!core) return;
    evento.preventDefault();
    const cerrando = core;
    core = null;
    // No call may reach a core that is closing: the channels go first.
    desenlazar();
    void cerrando.cerrar().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(arrancar)
    .catch((e: unknown) => {
      // E.g. IT's configuration file is broken: say so in words instead of a process with no window.
      console.error(e);
      dialog.showErrorBox(
        'Trámites Migratorios',
        `No se pudo iniciar la aplicación: ${e instanceof Error ? e.message : String(e)}`,
      );
      app.exit(1);
    });
}

async function arrancar() {
  // IT's file beside the installed app overrides the shipped default, key by key (the core reads the same files for
  // its settings: server URL, language, cache budget).
  const archivosConfiguracion = [
    path.join(recursos, NOMBRE_CONFIGURACION),
    path.join(path.dirname(app.getPath('exe')), NOMBRE_CONFIGURACION),
  ];
  const configuracion = leerConfiguracion(archivosConfiguracion);
  const datos = app.getPath('userData');
  const actualizaciones = crearActualizaciones(configuracion.actualizaciones, datos);
  core = createCore({
    actualizaciones,
    dataDir: datos,
    // Until IT's file or the officer's settings name the server, the launcher's companion API or a local one.
    apiUrl: process.env.TRAMITES_API_URL || configuracion.servidor_url || API_LOCAL,
    archivosConfiguracion,
    secretStore: new SecretosSafeStorage(safeStorage, path.join(datos, 'secretos.json')),
  });

  endurecerSesion(session.defaultSession);
  endurecerContenidos(app, shell, configuracion.enlaces_externos);
  servirRenderer(protocol, path.join(raiz, 'out/renderer'));

  const archivoEstado = path.join(datos, 'ventana.json');
  const estado = ajustarAPantallas(
    leerEstadoVentana(archivoEstado),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow(opcionesVentana(path.join(raiz, 'out/preload/index.cjs'), estado));
  ventana = win;
  if (estado.maximizada) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () =>
    guardarEstadoVentana(archivoEstado, { ...win.getNormalBounds(), maximizada: win.isMaximized() }),
  );
  win.on('closed', () => (ventana = null));

  desenlazar = enlazarPuente(ipcMain, core, (evento) => {
    const marco = evento.senderFrame;
    return !!marco && marco === win.webContents.mainFrame && esUrlPropia(marco.url);
  });
  for (const evento of EVENTOS_PUENTE)
    core.on(evento, (datos) => {
      if (!win.isDestroyed()) win.webContents.send(canalEvento(evento), datos);
    });

  await win.loadURL(URL_INICIO);
  // After the window: the first check never delays start-up.
  actualizaciones.iniciar();
}

/** Updates only in a packaged app with a feed configured by IT: never in development (no installer to replace). */
function crearActualizaciones(c: Configuracion['actualizaciones'], datos: string): Actualizaciones {
  if (!app.isPackaged || !c) return Actualizaciones.apagadas(app.getVersion());
  const registro = {
    info: (m: string) => console.info(`[actualizaciones] ${m}`),
    warn: (m: string) => console.warn(`[actualizaciones] ${m}`),
    error: (m: string) => console.error(`[actualizaciones] ${m}`),
  };
  return new Actualizaciones({
    versionActual: app.getVersion(),
    canal: c.canal,
    urlFeed: c.url,
    idEscritorio: idEscritorio(datos),
    instalador: instaladorElectron(c.url, c.canal, registro),
    intervaloMs: c.intervalo_horas * 60 * 60 * 1000,
    log: (m, e) => registro.error(`${m}: ${e instanceof Error ? e.message : String(e)}`),
  });
}

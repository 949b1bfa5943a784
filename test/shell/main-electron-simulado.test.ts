/**
 * The Electron main process run with the electron module SIMULATED (no Electron binary on our machines): the window,
 * session and app options checked against the Electron security checklist, the IPC binding (sender frame, zod-checked
 * arguments, errors as the shared shape), core events forwarded to the window, the secret kept encrypted, lifecycle.
 * The core, its SQLite file and the API server it logs in to are real.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { METODOS_PUENTE } from '#shared/bridge/contrato';
import { CSP } from '../../main/src/csp.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';

type Manejador = (...args: never[]) => unknown;

const e = vi.hoisted(() => {
  const estado = {
    candado: true,
    userData: '',
    appOn: new Map<string, Manejador>(),
    ipc: new Map<string, Manejador>(),
    ventanas: [] as { opciones: Record<string, unknown>; ventana: Record<string, unknown> }[],
    sesion: {} as Record<string, Manejador>,
  };
  const mainFrame = { url: 'app://tramites/index.html' };
  class BrowserWindow {
    readonly manejadores = new Map<string, Manejador>();
    readonly webContents = { mainFrame, send: vi.fn(), isDestroyed: () => false };
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    maximize = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isMaximized = () => false;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1400, height: 900 });
    constructor(opciones: Record<string, unknown>) {
      estado.ventanas.push({ opciones, ventana: this as unknown as Record<string, unknown> });
    }
    on(evento: string, fn: Manejador) {
      this.manejadores.set(evento, fn);
      return this;
    }
    once(evento: string, fn: Manejador) {
      return this.on(evento, fn);
    }
  }
  const modulo = {
    app: {
      isPackaged: false,
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: vi.fn(() => estado.candado),
      quit: vi.fn(),
      exit: vi.fn(),
      on: vi.fn((evento: string, fn: Manejador) => estado.appOn.set(evento, fn)),
      whenReady: () => Promise.resolve(),
      getPath: (nombre: string) => (nombre === 'userData' ? estado.userData : path.join(estado.userData, 'bin', 'app')),
    },
    BrowserWindow,
    ipcMain: {
      handle: (canal: string, fn: Manejador) => estado.ipc.set(canal, fn),
      removeHandler: (canal: string) => estado.ipc.delete(canal),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      // A desktop keyring (GNOME): on Linux without one nothing is kept (test/shell/secretos-sin-llavero.test.ts).
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(`cifrado:${[...s].reverse().join('')}`),
      decryptString: (b: Buffer) => [...b.toString().slice('cifrado:'.length)].reverse().join(''),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Manejador) => (estado.sesion.peticion = fn),
        setPermissionCheckHandler: (fn: Manejador) => (estado.sesion.chequeo = fn),
        setDevicePermissionHandler: (fn: Manejador) => (estado.sesion.dispositivo = fn),
        webRequest: { onHeadersReceived: (fn: Manejador) => (estado.sesion.cabeceras = fn) },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: { showErrorBox: vi.fn() },
  };
  return { estado, modulo, mainFrame };
});
vi.mock('electron', () => e.modulo);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- IPC replies and handler arguments are untyped on purpose
const invocar = (canal: string, evento: unknown, args: unknown): Promise<any> =>
  (e.estado.ipc.get(canal) as (ev: unknown, a: unknown) => Promise<unknown>)(evento, args);

let api: ServidorDePrueba;
const apiAnterior = process.env.TRAMITES_API_URL;

beforeAll(async () => {
  api = await iniciarServidor();
  process.env.TRAMITES_API_URL = api.api;
});
afterAll(async () => {
  if (apiAnterior === undefined) delete process.env.TRAMITES_API_URL;
  else process.env.TRAMITES_API_URL = apiAnterior;
  await api?.cerrar();
});
beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
  e.estado.appOn.clear();
  e.estado.ipc.clear();
  e.estado.ventanas.length = 0;
  e.estado.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-simulado-'));
});

afterEach(() => {
  fs.rmSync(e.estado.userData, { recursive: true, force: true });
});

async function arrancarMain() {
  await import('../../main/src/index.js');
  await vi.waitFor(() => expect(e.estado.ventanas[0]?.ventana.loadURL).toHaveBeenCalled());
  const { opciones, ventana } = e.estado.ventanas[0]!;
  return { opciones, ventana: ventana as unknown as InstanceType<typeof e.modulo.BrowserWindow> };
}

async function cerrarApp() {
  const preventDefault = vi.fn();
  (e.estado.appOn.get('will-quit') as (ev: unknown) => void)({ preventDefault });
  await vi.waitFor(() => expect(e.modulo.app.quit).toHaveBeenCalled());
  return preventDefault;
}

describe('proceso main con electron simulado', () => {
  it('una segunda instancia no abre ventana ni núcleo: sale y la primera toma el foco', async () => {
    e.estado.candado = false;
    try {
      await import('../../main/src/index.js');
      expect(e.modulo.app.quit).toHaveBeenCalled();
      expect(e.estado.ventanas).toHaveLength(0);
      expect(e.estado.ipc.size).toBe(0);
      expect(fs.existsSync(path.join(e.estado.userData, 'tramites.db'))).toBe(false);
    } finally {
      e.estado.candado = true;
    }
  });

  it('un archivo de configuración de TI roto se dice en español y la app sale, sin ventana a medias', async () => {
    const junto = path.join(e.estado.userData, 'bin');
    fs.mkdirSync(junto, { recursive: true });
    fs.writeFileSync(path.join(junto, 'configuracion.json'), '{ "servidor_url": ');
    const registro = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../main/src/index.js');
    await vi.waitFor(() => expect(e.modulo.app.exit).toHaveBeenCalledWith(1));
    expect(e.modulo.dialog.showErrorBox).toHaveBeenCalledWith(
      'Trámites Migratorios',
      expect.stringMatching(/^No se pudo iniciar la aplicación: .*configuración.*no es JSON válido/),
    );
    expect(e.estado.ventanas).toHaveLength(0);
    expect(e.estado.ipc.size).toBe(0);
    expect(registro).toHaveBeenCalled();
    registro.mockRestore();
  });

  it('ventana según la lista de seguridad de Electron: aislamiento, sandbox, sin Node, preload .cjs, protocolo propio', async () => {
    const { opciones, ventana } = await arrancarMain();
    expect(opciones.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    const prefs = opciones.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(path.resolve('out/preload/index.cjs'));
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(ventana.loadURL).toHaveBeenCalledWith('app://tramites/index.html');
    const [[esquemas]] = e.modulo.protocol.registerSchemesAsPrivileged.mock.calls as unknown as [[unknown[]]];
    expect(esquemas).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(JSON.stringify(esquemas)).not.toMatch(/bypassCSP|allowServiceWorkers/);
    expect(e.modulo.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    // A second launch (its own lock refused) brings this window forward.
    (e.estado.appOn.get('second-instance') as () => void)();
    expect(ventana.focus).toHaveBeenCalled();
    await cerrarApp();
  });

  it('la sesión niega todo permiso y pone la CSP en las respuestas propias, no en las ajenas', async () => {
    await arrancarMain();
    const respuesta = vi.fn();
    (e.estado.sesion.peticion as (...a: unknown[]) => void)({}, 'media', respuesta);
    expect(respuesta).toHaveBeenCalledWith(false);
    for (const permiso of ['notifications', 'geolocation', 'clipboard-read'])
      expect((e.estado.sesion.chequeo as (...a: unknown[]) => boolean)({}, permiso)).toBe(false);
    expect((e.estado.sesion.dispositivo as (...a: unknown[]) => boolean)({})).toBe(false);

    const cabeceras = e.estado.sesion.cabeceras as (d: unknown, r: (x: unknown) => void) => void;
    const propia = vi.fn();
    cabeceras({ url: 'app://tramites/index.html', responseHeaders: {} }, propia);
    expect(propia).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CSP] } });
    const ajena = vi.fn();
    cabeceras({ url: 'https://otro.example/', responseHeaders: { a: ['b'] } }, ajena);
    expect(ajena).toHaveBeenCalledWith({ responseHeaders: { a: ['b'] } });
    await cerrarApp();
  });

  it('ventanas nuevas negadas; solo enlaces https de la lista van al navegador; navegación y webview bloqueadas', async () => {
    await arrancarMain();
    const contenidos = { manejadores: new Map<string, Manejador>(), abrir: null as null | Manejador };
    const wc = {
      setWindowOpenHandler: (fn: Manejador) => (contenidos.abrir = fn),
      on: (ev: string, fn: Manejador) => contenidos.manejadores.set(ev, fn),
    };
    (e.estado.appOn.get('web-contents-created') as (ev: unknown, wc: unknown) => void)({}, wc);
    const abrir = contenidos.abrir as (d: { url: string }) => { action: string };
    for (const url of [
      'https://www.migracion.gob.pa/requisitos',
      'http://www.migracion.gob.pa/',
      'https://evil.example/',
      'file:///etc/passwd',
      'app://tramites/index.html',
    ])
      expect(abrir({ url })).toEqual({ action: 'deny' });
    expect(e.modulo.shell.openExternal.mock.calls).toEqual([['https://www.migracion.gob.pa/requisitos']]);

    for (const evento of ['will-navigate', 'will-redirect']) {
      const fuera = vi.fn();
      (contenidos.manejadores.get(evento) as (ev: unknown, url: string) => void)(
        { preventDefault: fuera },
        'https://evil.example/',
      );
      expect(fuera, evento).toHaveBeenCalled();
      const dentro = vi.fn();
      (contenidos.manejadores.get(evento) as (ev: unknown, url: string) => void)(
        { preventDefault: dentro },
        'app://tramites/index.html',
      );
      expect(dentro, evento).not.toHaveBeenCalled();
    }
    const webview = vi.fn();
    (contenidos.manejadores.get('will-attach-webview') as (ev: unknown) => void)({ preventDefault: webview });
    expect(webview).toHaveBeenCalled();
    await cerrarApp();
  });

  it('IPC: un canal por método; rechaza marcos ajenos y argumentos inválidos con la forma de error compartida', async () => {
    await arrancarMain();
    expect([...e.estado.ipc.keys()].sort()).toEqual(METODOS_PUENTE.map((m) => `puente:${m}`).sort());

    const propio = { senderFrame: e.mainFrame };
    expect(await invocar('puente:sesion.estado', propio, {})).toEqual({
      ok: true,
      valor: expect.objectContaining({ estado: 'sin_sesion' }),
    });
    // Not packaged (development): no updater, and asking for a restart says why.
    expect(await invocar('puente:actualizaciones.comprobar', propio, {})).toMatchObject({
      ok: true,
      valor: { fase: 'desactivada', version_actual: '0.1.0' },
    });
    expect(await invocar('puente:actualizaciones.instalar', propio, {})).toMatchObject({
      ok: false,
      error: { code: 'REGLA_NEGOCIO', message: 'No hay una actualización lista para instalar' },
    });
    const denegado = { ok: false, error: { code: 'PERMISO_DENEGADO', message: expect.any(String) } };
    // An iframe with our URL, our main frame after navigating elsewhere, a frame already gone.
    for (const senderFrame of [{ url: 'app://tramites/index.html' }, null]) {
      expect(await invocar('puente:sesion.estado', { senderFrame }, {})).toEqual(denegado);
    }
    e.mainFrame.url = 'https://evil.example/';
    try {
      expect(await invocar('puente:sesion.logout', propio, {})).toEqual(denegado);
    } finally {
      e.mainFrame.url = 'app://tramites/index.html';
    }

    const invalido = await invocar('puente:expedientes.consultar', propio, { limite: 'todos' });
    expect(invalido).toEqual({
      ok: false,
      error: { code: 'VALIDACION', message: expect.stringContaining('limite'), details: expect.any(Array) },
    });
    // What crosses IPC is structured-cloned: the reply must survive it unchanged.
    expect(structuredClone(invalido)).toEqual(invalido);
    expect(
      await invocar('puente:sesion.login', propio, { username: 'recepcion', password: 'x', extra: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDACION' },
    });
    await cerrarApp();
  });

  it('el login por IPC emite sesion.estado a la ventana y guarda el refresh token cifrado con safeStorage', async () => {
    const { ventana } = await arrancarMain();
    const r = await invocar(
      'puente:sesion.login',
      { senderFrame: e.mainFrame },
      { username: 'recepcion', password: PASSWORD_DEMO },
    );
    expect(r).toMatchObject({ ok: true, valor: { estado: 'activa' } });
    expect(ventana.webContents.send).toHaveBeenCalledWith(
      'puente-evento:sesion.estado',
      expect.objectContaining({ estado: 'activa' }),
    );
    const secretos = JSON.parse(fs.readFileSync(path.join(e.estado.userData, 'secretos.json'), 'utf8')) as Record<
      string,
      string
    >;
    const guardados = Object.values(secretos);
    expect(guardados.length).toBeGreaterThan(0);
    for (const g of guardados) expect(Buffer.from(g, 'base64').toString()).toMatch(/^cifrado:/);
    expect(fs.statSync(path.join(e.estado.userData, 'secretos.json')).mode & 0o077).toBe(0);
    await cerrarApp();
  });

  it('recuerda tamaño y posición al cerrar, y al salir cierra el núcleo antes de terminar', async () => {
    const { ventana } = await arrancarMain();
    (ventana.manejadores.get('close') as () => void)();
    expect(JSON.parse(fs.readFileSync(path.join(e.estado.userData, 'ventana.json'), 'utf8'))).toEqual({
      x: 10,
      y: 20,
      width: 1400,
      height: 900,
      maximizada: false,
    });
    const preventDefault = await cerrarApp();
    expect(preventDefault).toHaveBeenCalled();
    // The channels are gone before the core closes: no call can reach a closed store.
    expect(e.estado.ipc.size).toBe(0);

    vi.resetModules();
    e.estado.ventanas.length = 0;
    const segunda = await arrancarMain();
    expect(segunda.opciones).toMatchObject({ x: 10, y: 20, width: 1400, height: 900 });
    await cerrarApp();
  });
});

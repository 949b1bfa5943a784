/**
 * The Electron security checklist applied to the window's options, its session and every web contents the app
 * creates (docs/security.md, "Electron security checklist", says which item each line covers).
 */
import type { App, BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { esEnlacePermitido } from './configuracion.js';
import { CSP } from './csp.js';
import type { EstadoVentana } from './estado-ventana.js';
import { esUrlPropia } from './protocolo.js';

export function opcionesVentana(preload: string, estado: EstadoVentana): BrowserWindowConstructorOptions {
  return {
    x: estado.x,
    y: estado.y,
    width: estado.width,
    height: estado.height,
    minWidth: 1024,
    minHeight: 640,
    // Shown on ready-to-show: no white flash at the counter.
    show: false,
    backgroundColor: '#f4f6f9',
    title: 'Trámites Migratorios',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
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
      safeDialogs: true,
      spellcheck: false,
      devTools: true,
    },
  };
}

/** Every permission (camera, notifications, geolocation, clipboard read, HID…) is refused: the app needs none. */
export function endurecerSesion(sesion: Session) {
  sesion.setPermissionRequestHandler((_contenidos, _permiso, responder) => responder(false));
  sesion.setPermissionCheckHandler(() => false);
  sesion.setDevicePermissionHandler(() => false);
  // The CSP also as a header on our own pages (the meta tag cannot carry frame-ancestors).
  sesion.webRequest.onHeadersReceived((detalles, responder) => {
    if (!esUrlPropia(detalles.url)) return responder({ responseHeaders: detalles.responseHeaders });
    responder({ responseHeaders: { ...detalles.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/**
 * For every web contents of the app (the window and anything it might spawn): no new windows except allow-listed
 * https links, which open in the system browser; no navigation or redirect away from our pages; no <webview>.
 */
export function endurecerContenidos(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  enlacesPermitidos: readonly string[],
) {
  app.on('web-contents-created', (_evento, contenidos: WebContents) => {
    contenidos.setWindowOpenHandler(({ url }) => {
      if (esEnlacePermitido(url, enlacesPermitidos)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    const soloPropias = (evento: { preventDefault(): void }, url: string) => {
      if (!esUrlPropia(url)) evento.preventDefault();
    };
    contenidos.on('will-navigate', soloPropias);
    contenidos.on('will-redirect', soloPropias);
    contenidos.on('will-attach-webview', (evento) => evento.preventDefault());
  });
}

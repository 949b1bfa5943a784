/**
 * The renderer's one way to the desktop core. Chosen once at start: Electron's preload exposes `window.tramites`; in a
 * plain browser (the web shell) the HTTP client speaks the same contract.
 */
import type { PuenteRenderer } from '#shared/bridge/contrato';
import { crearPuenteHttp } from './http';
import { tomarToken } from './token';

declare global {
  interface Window {
    tramites?: PuenteRenderer;
  }
}

function elegirTransporte(): PuenteRenderer {
  if (window.tramites) return window.tramites;
  return crearPuenteHttp({ token: tomarToken(window.location, window.sessionStorage, window.history) ?? '' });
}

export const puente: PuenteRenderer = elegirTransporte();
export { esErrorPuente, mensajeDeError, type ErrorPuente } from './error-puente';

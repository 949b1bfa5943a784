/**
 * The preload: `window.tramites` with exactly the bridge contract (one function per method of METODOS_PUENTE, plus
 * `on()` for the events of EVENTOS_PUENTE), and nothing else of Electron or Node reaches the renderer.
 *
 * Each method calls main over `ipcRenderer.invoke` and turns main's `{ ok, valor | error }` reply back into a resolved
 * or rejected promise: the rejection value is the shared error shape (code, Spanish message, details).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENTOS_PUENTE, METODOS_PUENTE, type EventosPuente, type PuenteRenderer } from '#shared/bridge/contrato';
import { canalEvento, canalMetodo, type RespuestaIpc } from '../main/src/canales.js';

const metodos = Object.fromEntries(
  METODOS_PUENTE.map((metodo) => [
    metodo,
    async (args: unknown) => {
      const r = (await ipcRenderer.invoke(canalMetodo(metodo), args ?? {})) as RespuestaIpc;
      if (r.ok) return r.valor;
      throw r.error;
    },
  ]),
);

function on<E extends keyof EventosPuente>(evento: E, listener: (datos: EventosPuente[E]) => void): () => void {
  if (!(EVENTOS_PUENTE as readonly string[]).includes(evento)) throw new Error(`Evento desconocido: ${String(evento)}`);
  if (typeof listener !== 'function') throw new Error('El oyente debe ser una función');
  const canal = canalEvento(evento);
  // Only the data crosses: the IPC event object (with its sender) never reaches the renderer.
  const oyente = (_e: unknown, datos: EventosPuente[E]) => listener(datos);
  ipcRenderer.on(canal, oyente);
  return () => void ipcRenderer.removeListener(canal, oyente);
}

const puente = { ...metodos, on } as PuenteRenderer;
contextBridge.exposeInMainWorld('tramites', puente);

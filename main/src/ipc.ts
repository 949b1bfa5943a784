/**
 * Binds every bridge method to `ipcMain.handle('puente:<método>')`.
 *
 * Each call is checked before the core sees it: the sender must be the main frame of our window on our origin (not an
 * iframe, not a page that got navigated elsewhere), and the arguments go through `core.invocar`, which parses them with
 * the method's zod schema. The reply is always a RespuestaIpc (see canales.ts), never a thrown error.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METODOS_PUENTE } from '#shared/bridge/contrato';
import { canalMetodo, type RespuestaIpc } from './canales.js';
import type { Core } from './core/core.js';
import { aErrorPuente } from './error-puente.js';

export type RemitenteValido = (evento: IpcMainInvokeEvent) => boolean;

export function enlazarPuente(
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<Core, 'invocar'>,
  esRemitenteValido: RemitenteValido,
): () => void {
  for (const metodo of METODOS_PUENTE) {
    ipc.handle(canalMetodo(metodo), async (evento, args: unknown): Promise<RespuestaIpc> => {
      if (!esRemitenteValido(evento))
        return { ok: false, error: { code: 'PERMISO_DENEGADO', message: 'Origen no autorizado para usar el puente' } };
      try {
        return { ok: true, valor: await core.invocar(metodo, args) };
      } catch (e) {
        return { ok: false, error: aErrorPuente(e) };
      }
    });
  }
  return () => {
    for (const metodo of METODOS_PUENTE) ipc.removeHandler(canalMetodo(metodo));
  };
}

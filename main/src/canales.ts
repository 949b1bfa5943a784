/**
 * IPC channel names and the reply shape shared by main and preload (no electron import: preload bundles it).
 *
 * `ipcMain.handle` turns a thrown error into a bare Error carrying only its message, so the code and details of the
 * shared error shape would be lost: main always resolves with a RespuestaIpc and the preload rejects with `error`.
 */
import type { ErrorPuente, EventosPuente, MetodoPuente } from '#shared/bridge/contrato';

export const canalMetodo = (metodo: MetodoPuente) => `puente:${metodo}`;
export const canalEvento = (evento: keyof EventosPuente) => `puente-evento:${evento}`;

export type RespuestaIpc = { ok: true; valor: unknown } | { ok: false; error: ErrorPuente };

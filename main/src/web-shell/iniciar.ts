/**
 * iniciarShellWeb: the same core the Electron app creates, its bridge served over HTTP on 127.0.0.1 with the built
 * renderer, guarded by a random per-launch token. The end-to-end tests and the benchmark drive the app this way; a
 * developer without the Electron binary uses it through `npm start` or `npm run start:web`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCore, type Core, type OpcionesCore } from '../core/core.js';
import { crearServidorShell } from './servidor.js';
import { SecretosEnArchivo } from './secretos-archivo.js';

/** out/renderer of this checkout, wherever the process was started from. */
export const DIRECTORIO_RENDERER = path.resolve(import.meta.dirname, '../../../out/renderer');

export interface OpcionesShellWeb {
  /** The API root (…/api/v1). */
  apiUrl: string;
  /** The desk's data folder (SQLite store, document cache, the secret file). Created if missing. */
  dataDir: string;
  /** 0 (the default): a free port. */
  puerto?: number;
  directorioRenderer?: string;
  /** Core options for tests and benchmarks (e.g. `syncAutomatico: false`). */
  core?: Partial<Omit<OpcionesCore, 'dataDir' | 'apiUrl' | 'secretStore'>>;
  /** Event-stream limits (servidor.ts LIMITES_FLUJOS), lower in tests. */
  limitesFlujos?: { porSesion: number; total: number };
}

export interface ShellWeb {
  /** http://127.0.0.1:<port>/#token=<token>: what the browser opens. */
  url: string;
  token: string;
  core: Core;
  /** Ends the event streams, frees the port and closes the core (the sync loop stops, the store is closed). */
  cerrar(): Promise<void>;
}

export async function iniciarShellWeb(o: OpcionesShellWeb): Promise<ShellWeb> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const core = createCore({
    ...o.core,
    dataDir: o.dataDir,
    apiUrl: o.apiUrl,
    secretStore: new SecretosEnArchivo(path.join(o.dataDir, 'secretos.json')),
  });
  const token = crypto.randomBytes(32).toString('hex');
  const { servidor, cerrarEventos } = crearServidorShell({
    core,
    token,
    directorioRenderer: o.directorioRenderer ?? DIRECTORIO_RENDERER,
    limitesFlujos: o.limitesFlujos,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      servidor.once('error', reject);
      servidor.listen(o.puerto ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (e) {
    await core.cerrar();
    throw e;
  }
  const { port } = servidor.address() as AddressInfo;
  let cerrado: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    core,
    cerrar() {
      cerrado ??= (async () => {
        cerrarEventos();
        servidor.closeAllConnections();
        await new Promise<void>((resolve) => servidor.close(() => resolve()));
        await core.cerrar();
      })();
      return cerrado;
    },
  };
}

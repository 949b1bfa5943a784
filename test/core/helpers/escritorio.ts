/**
 * A desk for a test: the real desktop core over its own temp data directory, talking HTTP to a real API server.
 * The secret store is a file (only in tests; the app uses Electron's safeStorage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core, type OpcionesCore } from '../../../main/src/core/core.js';
import type { SecretStore } from '../../../main/src/core/sesion/sesion.js';

export class SecretosEnArchivo implements SecretStore {
  constructor(private readonly archivo: string) {}
  private todos(): Record<string, string> {
    return fs.existsSync(this.archivo)
      ? (JSON.parse(fs.readFileSync(this.archivo, 'utf8')) as Record<string, string>)
      : {};
  }
  async get(clave: string) {
    return this.todos()[clave] ?? null;
  }
  async set(clave: string, valor: string) {
    fs.writeFileSync(this.archivo, JSON.stringify({ ...this.todos(), [clave]: valor }));
  }
  async delete(clave: string) {
    const { [clave]: _fuera, ...resto } = this.todos();
    fs.writeFileSync(this.archivo, JSON.stringify(resto));
  }
}

export interface Escritorio {
  core: Core;
  dir: string;
  /** Closes the core and opens it again over the same files (a restart of the app). */
  reiniciar(extra?: Partial<OpcionesCore>): Promise<Core>;
  cerrar(): Promise<void>;
}

export function nuevoDirectorio(prefijo = 'escritorio-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefijo));
}

export function opcionesEscritorio(dir: string, apiUrl: string, extra: Partial<OpcionesCore> = {}): OpcionesCore {
  return {
    dataDir: dir,
    apiUrl,
    secretStore: new SecretosEnArchivo(path.join(dir, 'secretos.json')),
    syncAutomatico: false,
    ...extra,
  };
}

export function abrirEscritorio(
  apiUrl: string,
  extra: Partial<OpcionesCore> = {},
  dir = nuevoDirectorio(),
): Escritorio {
  const e: Escritorio = {
    core: createCore(opcionesEscritorio(dir, apiUrl, extra)),
    dir,
    async reiniciar(mas = {}) {
      await e.core.cerrar();
      e.core = createCore(opcionesEscritorio(dir, apiUrl, { ...extra, ...mas }));
      return e.core;
    },
    async cerrar() {
      await e.core.cerrar().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return e;
}

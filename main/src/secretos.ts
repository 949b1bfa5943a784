/**
 * The app's SecretStore: values encrypted with Electron's safeStorage (DPAPI on Windows, Keychain on macOS, the
 * desktop keyring on Linux) and kept as base64 in a file of userData. Whoever copies the file cannot read the refresh
 * token without this account's key.
 */
import type { SafeStorage } from 'electron';
import { escribirJsonPrivado, leerJsonPrivado } from './archivo-privado.js';
import type { SecretStore } from './core/sesion/sesion.js';

export class SecretosSafeStorage implements SecretStore {
  constructor(
    private readonly cifrado: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
    private readonly archivo: string,
  ) {}

  async get(clave: string) {
    const guardado = leerJsonPrivado(this.archivo)[clave];
    if (guardado === undefined) return null;
    try {
      return this.cifrado.decryptString(Buffer.from(guardado, 'base64'));
    } catch {
      // Another account's or machine's key: as if there were no session (the officer logs in online again).
      return null;
    }
  }

  async set(clave: string, valor: string) {
    // Never fall back to plain text: without the OS key the officer simply logs in online next time.
    if (!this.cifrado.isEncryptionAvailable()) return;
    const guardado = this.cifrado.encryptString(valor).toString('base64');
    escribirJsonPrivado(this.archivo, { ...leerJsonPrivado(this.archivo), [clave]: guardado });
  }

  async delete(clave: string) {
    const { [clave]: _fuera, ...resto } = leerJsonPrivado(this.archivo);
    escribirJsonPrivado(this.archivo, resto);
  }
}

/**
 * The app's SecretStore: values encrypted with Electron's safeStorage (DPAPI on Windows, Keychain on macOS, the
 * desktop keyring on Linux) and kept as base64 in a file of userData. Whoever copies the file cannot read the refresh
 * token or the offline-unlock verifier without this account's key.
 *
 * On Linux without a keyring (no GNOME keyring or KWallet: a bare window manager, a kiosk session) safeStorage still
 * "encrypts", with a key hard-coded in Chromium (`getSelectedStorageBackend() === 'basic_text'`): anybody with the file
 * reads the value. There nothing is kept: the officer types her password online at every start, and offline unlock
 * is not offered (docs/escritorio.md, "Secretos").
 */
import type { SafeStorage } from 'electron';
import { escribirJsonPrivado, leerJsonPrivado } from './archivo-privado.js';
import type { SecretStore } from './core/sesion/sesion.js';

/** Linux keyrings that really protect the key; `basic_text` and `unknown` (asked before `ready`) do not. */
const LLAVEROS_LINUX = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];

export type CifradoSeguro = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export class SecretosSafeStorage implements SecretStore {
  constructor(
    private readonly cifrado: CifradoSeguro,
    private readonly archivo: string,
    private readonly plataforma: NodeJS.Platform = process.platform,
  ) {}

  /** Whether a value written now is protected by this account's key (not by a key anyone can read in Chromium). */
  protegido(): boolean {
    if (!this.cifrado.isEncryptionAvailable()) return false;
    if (this.plataforma !== 'linux') return true;
    const backend = this.cifrado.getSelectedStorageBackend?.();
    return backend !== undefined && LLAVEROS_LINUX.includes(backend);
  }

  async get(clave: string) {
    const guardado = leerJsonPrivado(this.archivo)[clave];
    if (guardado === undefined) return null;
    try {
      // Read even when unprotected: a token an older version left here is still worth revoking.
      return this.cifrado.decryptString(Buffer.from(guardado, 'base64'));
    } catch {
      // Another account's or machine's key: as if there were no session (the officer logs in online again).
      return null;
    }
  }

  async set(clave: string, valor: string) {
    // Never fall back to plain text (or to Chromium's published key): the officer logs in online next time instead.
    if (!this.protegido()) {
      await this.delete(clave);
      return;
    }
    const guardado = this.cifrado.encryptString(valor).toString('base64');
    escribirJsonPrivado(this.archivo, { ...leerJsonPrivado(this.archivo), [clave]: guardado });
  }

  async delete(clave: string) {
    const todos = leerJsonPrivado(this.archivo);
    if (!(clave in todos)) return;
    const { [clave]: _fuera, ...resto } = todos;
    escribirJsonPrivado(this.archivo, resto);
  }
}

/**
 * The web shell's SecretStore: a JSON file in its data folder, readable only by its owner (mode 0600).
 *
 * Why this is acceptable here and not in the app: the web shell is a developer's and the tests' way to run the real
 * renderer in a browser, on their own account, with demo or test data. The refresh token in that file is as safe as
 * the account's home folder. The installed app keeps it encrypted with the operating system's key (../secretos.ts).
 */
import { escribirJsonPrivado, leerJsonPrivado } from '../archivo-privado.js';
import type { SecretStore } from '../core/sesion/sesion.js';

export class SecretosEnArchivo implements SecretStore {
  constructor(private readonly archivo: string) {}

  async get(clave: string) {
    return leerJsonPrivado(this.archivo)[clave] ?? null;
  }
  async set(clave: string, valor: string) {
    escribirJsonPrivado(this.archivo, { ...leerJsonPrivado(this.archivo), [clave]: valor });
  }
  async delete(clave: string) {
    const { [clave]: _fuera, ...resto } = leerJsonPrivado(this.archivo);
    escribirJsonPrivado(this.archivo, resto);
  }
}

/**
 * What lets the officer unlock this desk without the server: an argon2id verifier of her server password and the count
 * of wrong tries, both in the protected SecretStore (the OS key store in the app), never in the SQLite file that a
 * copied desk folder carries. A try is counted before the password is checked, so stopping the app in the middle of a
 * check never gives a free guess; after MAX_INTENTOS_OFFLINE wrong tries in a row the verifier is wiped and only the
 * server can let her in again.
 */
import argon2 from 'argon2';
import type { SecretStore } from './secretos.js';

export const MAX_INTENTOS_OFFLINE = 10;
const CLAVE_VERIFICADOR = 'verificador_local';
const CLAVE_FALLOS = 'desbloqueo_fallos';

interface Verificador {
  usuario_id: string;
  hash: string;
}

export type Comprobacion = 'correcta' | 'sin_verificador' | { incorrecta: true; restantes: number };

export class DesbloqueoLocal {
  /** Known after `listo`: whether a verifier is kept, and the wrong tries counted so far. */
  private hay = false;
  private fallos = 0;
  readonly listo: Promise<void>;

  constructor(private readonly secretos: SecretStore) {
    this.listo = this.cargar();
  }

  private async cargar() {
    this.hay = (await this.leer()) !== null;
    this.fallos = Number(await this.secretos.get(CLAVE_FALLOS)) || 0;
  }

  private async leer(): Promise<Verificador | null> {
    const texto = await this.secretos.get(CLAVE_VERIFICADOR);
    if (!texto) return null;
    try {
      const v = JSON.parse(texto) as Partial<Verificador>;
      return typeof v.usuario_id === 'string' && typeof v.hash === 'string' ? (v as Verificador) : null;
    } catch {
      return null;
    }
  }

  /** Whether this desk can check a password without the server. */
  get disponible(): boolean {
    return this.hay;
  }

  /** The wrong tries were used up (the verifier was wiped for it). */
  get agotado(): boolean {
    return !this.hay && this.fallos >= MAX_INTENTOS_OFFLINE;
  }

  get restantes(): number | null {
    return this.hay ? Math.max(0, MAX_INTENTOS_OFFLINE - this.fallos) : null;
  }

  /**
   * After the server accepted the password: a fresh verifier and a clean count. Returns whether the store kept it (a
   * desk without a protected key store keeps nothing, and offline unlock is not offered there).
   */
  async guardar(usuarioId: string, password: string): Promise<boolean> {
    const hash = await argon2.hash(password, { type: argon2.argon2id });
    await this.secretos.set(CLAVE_VERIFICADOR, JSON.stringify({ usuario_id: usuarioId, hash }));
    await this.secretos.delete(CLAVE_FALLOS);
    this.fallos = 0;
    this.hay = (await this.leer()) !== null;
    return this.hay;
  }

  /** An offline check, counted: the try is written down first, cleared when the password is right. */
  async comprobar(usuarioId: string, password: string): Promise<Comprobacion> {
    await this.listo;
    const v = await this.leer();
    if (!v || v.usuario_id !== usuarioId) {
      this.hay = false;
      return 'sin_verificador';
    }
    this.fallos++;
    await this.secretos.set(CLAVE_FALLOS, String(this.fallos));
    if (await argon2.verify(v.hash, password)) {
      this.fallos = 0;
      await this.secretos.delete(CLAVE_FALLOS);
      return 'correcta';
    }
    if (this.fallos >= MAX_INTENTOS_OFFLINE) await this.agotar();
    return { incorrecta: true, restantes: Math.max(0, MAX_INTENTOS_OFFLINE - this.fallos) };
  }

  /**
   * Whether `password` is the one the verifier holds, uncounted: asked only after the server refused that password,
   * to learn that the verifier is stale (the password was reset) and must go.
   */
  async coincide(usuarioId: string, password: string): Promise<boolean> {
    const v = await this.leer();
    return !!v && v.usuario_id === usuarioId && (await argon2.verify(v.hash, password));
  }

  /** The verifier goes; the count stays, so the lock screen can say why. */
  async agotar(): Promise<void> {
    await this.secretos.delete(CLAVE_VERIFICADOR);
    this.hay = false;
  }

  /** Sign-out: nothing of this officer stays. */
  async borrar(): Promise<void> {
    await this.secretos.delete(CLAVE_VERIFICADOR);
    await this.secretos.delete(CLAVE_FALLOS);
    this.hay = false;
    this.fallos = 0;
  }
}

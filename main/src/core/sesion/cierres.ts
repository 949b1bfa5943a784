/**
 * Ending server sessions the desk no longer uses: after a lock, "Otra cuenta", a sign-out, a restart, or a new login
 * that replaced the session. The refresh token of each goes to a queue in the protected SecretStore first and leaves
 * it only once the server has revoked it (or said it is already over), so an offline desk sends it when the network
 * returns and a crash in between loses nothing.
 *
 * The server revokes by the refresh token in the body of POST /auth/logout. A server that still takes the session
 * only from an access token answers 401 to that: the desk then renews once with the refresh token and signs out with
 * the access token it got, which ends the same session.
 */
import { ErrorApi, ErrorRed, type ClienteApi } from '../api/cliente.js';
import type { SecretStore } from './secretos.js';

const CLAVE_COLA = 'cierres_pendientes';
/** A desk offline for weeks locks many times; older tokens past this have expired on the server anyway. */
const MAX_EN_COLA = 50;
const TIMEOUT_CIERRE_MS = 5000;

export class CierresPendientes {
  private enviando: Promise<void> | null = null;
  /** The queue as this run knows it (a desk without a protected store cannot keep it across a restart). */
  private memoria: string[] | null = null;

  constructor(
    private readonly secretos: SecretStore,
    private readonly api: ClienteApi,
  ) {}

  private async cola(): Promise<string[]> {
    if (this.memoria) return this.memoria;
    try {
      const v = JSON.parse((await this.secretos.get(CLAVE_COLA)) ?? '[]') as unknown;
      this.memoria = Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
    } catch {
      this.memoria = [];
    }
    return this.memoria;
  }

  private async guardar(cola: string[]) {
    this.memoria = cola.slice(-MAX_EN_COLA);
    if (this.memoria.length) await this.secretos.set(CLAVE_COLA, JSON.stringify(this.memoria));
    else await this.secretos.delete(CLAVE_COLA);
  }

  async pendientes(): Promise<number> {
    return (await this.cola()).length;
  }

  /** Queues a session to end (kept before anything is sent). */
  async encolar(refreshToken: string): Promise<void> {
    const cola = await this.cola();
    if (!cola.includes(refreshToken)) await this.guardar([...cola, refreshToken]);
  }

  /**
   * Sends the queue, one request at a time; stops at the first network failure (the rest waits for the next try).
   * `acceso`: the access token of the session just queued, when the desk still holds it (one request instead of two).
   */
  enviar(acceso?: { refresh: string; token: string }): Promise<void> {
    this.enviando ??= this.vaciar(acceso).finally(() => (this.enviando = null));
    return this.enviando;
  }

  private async vaciar(acceso?: { refresh: string; token: string }) {
    for (const refresh of await this.cola()) {
      const hecho = await this.cerrar(refresh, acceso?.refresh === refresh ? acceso.token : undefined);
      if (!hecho) return;
      await this.guardar((await this.cola()).filter((t) => t !== refresh));
    }
  }

  /** true once the server no longer honours the token; false when it could not be reached. */
  private async cerrar(refresh: string, token?: string): Promise<boolean> {
    const logout = (t?: string, r = refresh) =>
      this.api.pedir('/auth/logout', {
        json: { refresh_token: r },
        token: t,
        renovarToken: false,
        timeoutMs: TIMEOUT_CIERRE_MS,
      });
    try {
      await logout(token);
      return true;
    } catch (e) {
      if (e instanceof ErrorRed) return false;
      if (!(e instanceof ErrorApi) || e.status !== 401) return true;
    }
    try {
      const { datos } = await this.api.json<{ access_token: string; refresh_token: string }>('/auth/refresh', {
        json: { refresh_token: refresh },
        timeoutMs: TIMEOUT_CIERRE_MS,
      });
      await logout(datos.access_token, datos.refresh_token);
      return true;
    } catch (e) {
      // TOKEN_INVALIDO, CUENTA_INACTIVA: that session is already over.
      return !(e instanceof ErrorRed);
    }
  }
}

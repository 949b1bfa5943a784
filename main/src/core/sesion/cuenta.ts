/**
 * "Mi cuenta": her own password and her open sessions on the server. Online only: the server decides (its policy,
 * its throttle on wrong passwords) and its Spanish refusals reach the screen as they come, with their code.
 */
import type { SesionServidor } from '#shared/bridge/tipos';
import type { ClienteApi } from '../api/cliente.js';
import type { Sesion } from './sesion.js';

/** The server can take its time hashing the password (deliberately slow); longer than that, the desk says offline. */
const TIMEOUT_CUENTA_MS = 15_000;

export class Cuenta {
  constructor(
    private readonly sesion: Sesion,
    private readonly api: ClienteApi,
  ) {}

  /** Changes her password; the server's new session for this desk replaces the old one (the others end). */
  async cambiarPassword(actual: string, nueva: string): Promise<void> {
    this.sesion.exigirActiva();
    const token = await this.sesion.tokenAcceso();
    await this.sesion.reemplazarSesion(
      () => this.api.pedir('/auth/cambiar-password', { json: { actual, nueva }, token, timeoutMs: TIMEOUT_CUENTA_MS }),
      nueva,
    );
  }

  async sesiones(): Promise<SesionServidor[]> {
    const token = await this.sesion.tokenAcceso();
    const { datos } = await this.api.json<{ sesiones: (SesionServidor & { expira_en?: unknown })[] }>(
      '/auth/sesiones',
      { token, timeoutMs: TIMEOUT_CUENTA_MS },
    );
    return datos.sesiones.map((s) => ({
      id: s.id,
      dispositivo: s.dispositivo,
      origen: s.origen,
      creada_en: s.creada_en,
      ultimo_uso: s.ultimo_uso,
      actual: s.actual,
    }));
  }

  /** One of her sessions (`id`) or every one but this desk's, her password typed again. */
  async cerrarSesiones(password: string, id?: string): Promise<{ cerradas: number }> {
    const token = await this.sesion.tokenAcceso();
    const { datos } = await this.api.json<{ cerradas: number }>('/auth/sesiones/cerrar', {
      json: { password, ...(id ? { id } : {}) },
      token,
      timeoutMs: TIMEOUT_CUENTA_MS,
    });
    return { cerradas: datos.cerradas };
  }
}

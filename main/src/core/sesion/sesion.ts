/**
 * The officer's session on this desk. Online login goes through the API; the refresh token is kept in the secret store
 * (the OS keychain via Electron's safeStorage in the app) and an argon2id verifier of the password in the local store,
 * so the officer can unlock offline for a limited time after the server last vouched for the account. When the server
 * says the session was revoked or the account disabled, the desk locks until an online login; the outbox stays on disk.
 */
import argon2 from 'argon2';
import type { CodigoError } from '#shared/codigos-error';
import type { EstadoSesion, UsuarioSesion } from '#shared/bridge/tipos';
import { ErrorApi, ErrorRed, type ClienteApi } from '../api/cliente.js';
import { ErrorCore } from '../error-core.js';
import type { Sqlite } from '../store/abrir.js';

/** Where secrets live: Electron's safeStorage in the app, a file only in tests. */
export interface SecretStore {
  get(clave: string): Promise<string | null>;
  set(clave: string, valor: string): Promise<void>;
  delete(clave: string): Promise<void>;
}

export const DIAS_DESBLOQUEO_OFFLINE = 7;
const CLAVE_REFRESH = 'refresh_token';
/** Codes of /auth/refresh that mean "this session is over", as opposed to "try again later". */
const CODIGOS_BLOQUEO: readonly CodigoError[] = ['TOKEN_INVALIDO', 'CUENTA_INACTIVA'];

interface FilaSesion {
  usuario: string;
  verificador: string;
  ultimo_online: string;
  bloqueada_por: string | null;
}

interface RespuestaLogin {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: UsuarioSesion;
}

export interface OpcionesSesion {
  db: Sqlite;
  api: ClienteApi;
  secretos: SecretStore;
  reloj: () => Date;
  diasOffline?: number;
}

export class Sesion {
  private desbloqueada = false;
  private acceso: { token: string; expira: number } | null = null;
  private refrescando: Promise<string> | null = null;
  private readonly oyentes = new Set<(e: EstadoSesion) => void>();
  private readonly dias: number;

  constructor(private readonly o: OpcionesSesion) {
    this.dias = o.diasOffline ?? DIAS_DESBLOQUEO_OFFLINE;
  }

  private fila(): FilaSesion | undefined {
    return this.o.db
      .prepare('select usuario, verificador, ultimo_online, bloqueada_por from sesion where id = 1')
      .get() as FilaSesion | undefined;
  }

  usuario(): UsuarioSesion | null {
    const f = this.fila();
    return f ? (JSON.parse(f.usuario) as UsuarioSesion) : null;
  }

  /** The active user, or an error for commands tried while locked. */
  exigirActiva(): UsuarioSesion {
    const u = this.usuario();
    if (!u || !this.desbloqueada)
      throw new ErrorCore('NO_AUTENTICADO', 'Inicie sesión o desbloquee la estación para continuar');
    return u;
  }

  activa(): boolean {
    return this.desbloqueada && this.fila() !== undefined;
  }

  private limite(f: FilaSesion): Date {
    return new Date(Date.parse(f.ultimo_online) + this.dias * 86_400_000);
  }

  estado(): EstadoSesion {
    const f = this.fila();
    if (!f) return { estado: 'sin_sesion', usuario: null, desbloqueo_offline_hasta: null, motivo: null };
    const motivo = f.bloqueada_por ? (JSON.parse(f.bloqueada_por) as EstadoSesion['motivo']) : null;
    const limite = this.limite(f);
    return {
      estado: this.desbloqueada ? 'activa' : 'bloqueada',
      usuario: JSON.parse(f.usuario) as UsuarioSesion,
      desbloqueo_offline_hasta: !motivo && limite > this.o.reloj() ? limite.toISOString() : null,
      motivo,
    };
  }

  onCambio(fn: (e: EstadoSesion) => void): () => void {
    this.oyentes.add(fn);
    return () => this.oyentes.delete(fn);
  }

  private avisar() {
    const e = this.estado();
    for (const fn of this.oyentes) fn(e);
  }

  /** Online login. Returns whether another user was on this desk before (the caller resets their mirror). */
  async login(username: string, password: string): Promise<{ cambioDeUsuario: boolean }> {
    const { datos } = await this.o.api.json<RespuestaLogin>('/auth/login', { json: { username, password } });
    const anterior = this.usuario();
    const verificador = await argon2.hash(password, { type: argon2.argon2id });
    await this.o.secretos.set(CLAVE_REFRESH, datos.refresh_token);
    this.o.db
      .prepare(
        `insert into sesion (id, usuario, verificador, ultimo_online, bloqueada_por) values (1, ?, ?, ?, null)
         on conflict (id) do update set usuario = excluded.usuario, verificador = excluded.verificador,
           ultimo_online = excluded.ultimo_online, bloqueada_por = null`,
      )
      .run(JSON.stringify(datos.user), verificador, this.o.reloj().toISOString());
    this.guardarAcceso(datos);
    this.desbloqueada = true;
    this.avisar();
    return { cambioDeUsuario: anterior !== null && anterior.id !== datos.user.id };
  }

  /**
   * Unlock with the password: checked against the local verifier, so it works offline while the server vouched for the
   * account within the last `diasOffline` days. After that (or after a server lock) only an online login will do.
   */
  async desbloquear(password: string): Promise<void> {
    const f = this.fila();
    if (!f) throw new ErrorCore('NO_AUTENTICADO', 'No hay una sesión en esta estación: inicie sesión con conexión');
    if (!(await argon2.verify(f.verificador, password)))
      throw new ErrorCore('CREDENCIALES_INVALIDAS', 'Contraseña incorrecta');
    if (f.bloqueada_por || this.limite(f) <= this.o.reloj()) {
      const u = JSON.parse(f.usuario) as UsuarioSesion;
      try {
        await this.login(u.username, password);
        return;
      } catch (e) {
        if (e instanceof ErrorRed) {
          throw new ErrorCore(
            'NO_AUTENTICADO',
            f.bloqueada_por
              ? 'El servidor cerró esta sesión: conéctese a la red para iniciar sesión de nuevo'
              : `Pasaron más de ${this.dias} días sin contacto con el servidor: conéctese a la red para iniciar sesión`,
          );
        }
        throw e;
      }
    }
    this.desbloqueada = true;
    this.avisar();
  }

  bloquear(): void {
    this.desbloqueada = false;
    this.acceso = null;
    this.avisar();
  }

  /** Ends the session here and on the server (when reachable). Unsynced commands stay in the outbox. */
  async logout(): Promise<void> {
    if (this.acceso) {
      await this.o.api
        .pedir('/auth/logout', { json: {}, token: this.acceso.token, timeoutMs: 5000 })
        .catch(() => undefined);
    }
    await this.o.secretos.delete(CLAVE_REFRESH);
    this.o.db.prepare('delete from sesion').run();
    this.desbloqueada = false;
    this.acceso = null;
    this.avisar();
  }

  private guardarAcceso(r: RespuestaLogin) {
    // Renew a minute early so a request never leaves with a token that expires on the way.
    this.acceso = { token: r.access_token, expira: this.o.reloj().getTime() + (r.expires_in - 60) * 1000 };
  }

  /** A valid access token, refreshing it when needed. ErrorRed when offline; ErrorCore when the session is over. */
  async tokenAcceso(): Promise<string> {
    this.exigirActiva();
    if (this.acceso && this.acceso.expira > this.o.reloj().getTime()) return this.acceso.token;
    this.refrescando ??= this.refrescar().finally(() => (this.refrescando = null));
    return this.refrescando;
  }

  /** The server refused the access token (expired early, revoked): drop it so the next call refreshes. */
  olvidarAcceso(): void {
    this.acceso = null;
  }

  private async refrescar(): Promise<string> {
    const refresh = await this.o.secretos.get(CLAVE_REFRESH);
    if (!refresh) {
      this.bloquearPorServidor('TOKEN_INVALIDO', 'La sesión guardada no es válida; inicie sesión de nuevo');
      throw new ErrorCore('TOKEN_INVALIDO', 'La sesión guardada no es válida; inicie sesión de nuevo');
    }
    try {
      const { datos } = await this.o.api.json<RespuestaLogin>('/auth/refresh', { json: { refresh_token: refresh } });
      // The refresh token rotates: store the new one before anything else can fail.
      await this.o.secretos.set(CLAVE_REFRESH, datos.refresh_token);
      this.o.db
        .prepare('update sesion set usuario = ?, ultimo_online = ? where id = 1')
        .run(JSON.stringify(datos.user), this.o.reloj().toISOString());
      this.guardarAcceso(datos);
      return datos.access_token;
    } catch (e) {
      if (e instanceof ErrorApi && CODIGOS_BLOQUEO.includes(e.code)) {
        this.bloquearPorServidor(e.code, e.message);
        throw new ErrorCore(e.code, e.message);
      }
      throw e;
    }
  }

  /** Locked until an online login; the refresh token is useless now, the outbox and mirror stay as they are. */
  private bloquearPorServidor(code: CodigoError, message: string) {
    this.o.db.prepare('update sesion set bloqueada_por = ? where id = 1').run(JSON.stringify({ code, message }));
    void this.o.secretos.delete(CLAVE_REFRESH);
    this.desbloqueada = false;
    this.acceso = null;
    this.avisar();
  }
}

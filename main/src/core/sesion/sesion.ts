/**
 * The officer's session on this desk (docs/desktop-core.md, "Sesión").
 *
 * - Online, the server decides: a sign-in, an unlock and a password confirmation go to /auth/login first, so a password
 *   reset or a disabled account takes effect on the desk at once. Each success refreshes the local verifier
 *   (desbloqueo-local.ts) and restarts the offline window at the server's time (hora.ts).
 * - Offline, the local verifier decides, within the window, with a limited number of wrong tries, and never while the
 *   clock reads earlier than a time the desk already saw. The typed password is held in memory until the server can
 *   vouch for it, so the desk signs itself in when the network returns (and locks if the server refuses it).
 * - Locking, signing out, "Otra cuenta" and a restart end the server session: its refresh token is revoked, or queued
 *   in the protected store until the server can be reached (cierres.ts). A locked desk holds no server session.
 * - When the server says the session was revoked or the account disabled, the desk locks until an online login; the
 *   outbox stays on disk.
 */
import type { CodigoError } from '#shared/codigos-error';
import type { AvisoSesion, DesbloqueoOffline, EstadoSesion, UsuarioSesion } from '#shared/bridge/tipos';
import { fechaPanama } from '#shared/calendario';
import { ErrorApi, ErrorRed, type ClienteApi } from '../api/cliente.js';
import { ErrorCore } from '../error-core.js';
import type { Sqlite } from '../store/abrir.js';
import { CierresPendientes } from './cierres.js';
import { DesbloqueoLocal, type Comprobacion } from './desbloqueo-local.js';
import { horaDelServidor, masTarde, relojAtrasado } from './hora.js';
import type { SecretStore } from './secretos.js';

export type { SecretStore } from './secretos.js';

export const DIAS_DESBLOQUEO_OFFLINE = 7;
/** A password confirmed for a final decision is good for one decision within this time. */
export const VIGENCIA_CONFIRMACION_MS = 2 * 60_000;
const CLAVE_REFRESH = 'refresh_token';
/** Codes of /auth/refresh that mean "this session is over", as opposed to "try again later". */
const CODIGOS_BLOQUEO: readonly CodigoError[] = ['TOKEN_INVALIDO', 'CUENTA_INACTIVA'];
/** How long the lock screen waits for the server before it checks the password on this desk instead. */
const TIMEOUT_SERVIDOR_MS = 8000;
/** How often a running desk writes down the latest time it has seen. */
const CADA_MARCA_MS = 5 * 60_000;
/** How long closing waits for the last revocations to leave (the rest stay queued for the next start). */
const ESPERA_AL_CERRAR_MS = 6000;

interface FilaSesion {
  usuario: string;
  ultimo_online: string;
  bloqueada_por: string | null;
  visto_max: string | null;
}

interface RespuestaLogin {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: UsuarioSesion;
  avisos?: unknown;
}

export interface OpcionesSesion {
  db: Sqlite;
  api: ClienteApi;
  secretos: SecretStore;
  reloj: () => Date;
  diasOffline?: number;
}

/**
 * The server's notices, tolerating their absence and either date field (`created_at` as the API names it, `fecha`):
 * only well-formed ones are shown.
 */
export function leerAvisos(v: unknown): AvisoSesion[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((a: Record<string, unknown>) => {
    const fecha = a?.created_at ?? a?.fecha;
    return a &&
      (typeof a.id === 'string' || typeof a.id === 'number') &&
      typeof a.tipo === 'string' &&
      typeof fecha === 'string' &&
      typeof a.mensaje === 'string'
      ? [{ id: String(a.id), tipo: a.tipo, fecha, mensaje: a.mensaje }]
      : [];
  });
}

const incorrecta = (r: Exclude<Comprobacion, 'correcta' | 'sin_verificador'>) =>
  new ErrorCore(
    'CREDENCIALES_INVALIDAS',
    r.restantes > 0
      ? `Contraseña incorrecta: ${r.restantes === 1 ? 'queda 1 intento' : `quedan ${r.restantes} intentos`} sin conexión`
      : 'Contraseña incorrecta. Se agotaron los intentos sin conexión: conéctese a la red para ingresar',
  );

export class Sesion {
  private desbloqueada = false;
  private acceso: { token: string; expira: number } | null = null;
  private refresh: string | null = null;
  /** After an offline unlock: the password typed, until the server accepts it again (then forgotten). */
  private porConfirmar: string | null = null;
  private refrescando: Promise<string> | null = null;
  /** A password change on its way: its answer brings the session that replaces this one. */
  private reemplazo: Promise<void> | null = null;
  /** Until when (ms) a confirmed password allows one final decision. */
  private confirmacion: number | null = null;
  private avisos: AvisoSesion[] = [];
  /** Sign-ins, unlocks and confirmations one at a time: parallel guesses cannot outrun the count of wrong tries. */
  private turno: Promise<unknown> = Promise.resolve();
  private readonly enFondo = new Set<Promise<unknown>>();
  private readonly oyentes = new Set<(e: EstadoSesion) => void>();
  private readonly dias: number;
  private readonly local: DesbloqueoLocal;
  private readonly cierres: CierresPendientes;
  private readonly marcas: NodeJS.Timeout;
  /** Resolved once the protected store was read (the verifier, the count) and the previous run's session ended. */
  readonly listo: Promise<void>;

  constructor(private readonly o: OpcionesSesion) {
    this.dias = o.diasOffline ?? DIAS_DESBLOQUEO_OFFLINE;
    this.local = new DesbloqueoLocal(o.secretos);
    this.cierres = new CierresPendientes(o.secretos, o.api);
    this.listo = this.arrancar();
    this.marcas = setInterval(() => this.marcarHora(), CADA_MARCA_MS).unref();
  }

  private async arrancar() {
    await this.local.listo;
    // A restart starts locked: a session the previous run left open (a crash, a quit while unlocked) ends now.
    const anterior = await this.o.secretos.get(CLAVE_REFRESH);
    if (anterior) {
      await this.o.secretos.delete(CLAVE_REFRESH);
      await this.cierres.encolar(anterior);
    }
    this.marcarHora();
    this.enviarCierres();
  }

  private fila(): FilaSesion | undefined {
    return this.o.db
      .prepare('select usuario, ultimo_online, bloqueada_por, visto_max from sesion where id = 1')
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

  private desbloqueoOffline(f: FilaSesion, ahora: Date): DesbloqueoOffline {
    if (f.bloqueada_por) return 'cerrada_por_servidor';
    if (this.local.agotado) return 'agotado';
    if (!this.local.disponible) return 'sin_verificador';
    if (relojAtrasado(ahora, f.visto_max)) return 'reloj_atrasado';
    return this.limite(f) > ahora ? 'disponible' : 'vencido';
  }

  estado(): EstadoSesion {
    const f = this.fila();
    if (!f)
      return {
        estado: 'sin_sesion',
        usuario: null,
        desbloqueo_offline_hasta: null,
        motivo: null,
        desbloqueo_offline: 'sin_verificador',
        intentos_restantes: null,
        avisos: [],
      };
    const offline = this.desbloqueoOffline(f, this.o.reloj());
    return {
      estado: this.desbloqueada ? 'activa' : 'bloqueada',
      usuario: JSON.parse(f.usuario) as UsuarioSesion,
      desbloqueo_offline_hasta: offline === 'disponible' ? this.limite(f).toISOString() : null,
      motivo: f.bloqueada_por ? (JSON.parse(f.bloqueada_por) as EstadoSesion['motivo']) : null,
      desbloqueo_offline: offline,
      intentos_restantes: this.local.restantes,
      avisos: this.desbloqueada ? this.avisos : [],
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

  private enTurno<T>(fn: () => Promise<T>): Promise<T> {
    const r = this.turno.then(fn, fn);
    this.turno = r.catch(() => undefined);
    return r;
  }

  private enSegundoPlano(p: Promise<unknown>) {
    const seguro = p.catch(() => undefined);
    this.enFondo.add(seguro);
    void seguro.finally(() => this.enFondo.delete(seguro));
  }

  /** Writes down the latest time this desk has seen; it never moves back (only an online login resets it). */
  private marcarHora(ahora = this.o.reloj()) {
    const iso = ahora.toISOString();
    this.o.db
      .prepare('update sesion set visto_max = ? where id = 1 and (visto_max is null or visto_max < ?)')
      .run(iso, iso);
  }

  /** Online login from the sign-in screen. Returns whether another user was on this desk before. */
  login(username: string, password: string): Promise<{ cambioDeUsuario: boolean }> {
    return this.enTurno(() => this.entrar(username, password));
  }

  /**
   * /auth/login, and everything a server's yes means here: a fresh verifier, the window restarted at the server's
   * time, the previous server session (if any) queued to end. `soloSiActiva`: the desk signs itself in behind an active
   * session; if it was locked meanwhile, the new session ends at once.
   */
  private async entrar(
    username: string,
    password: string,
    o: { timeoutMs?: number; soloSiActiva?: boolean } = {},
  ): Promise<{ cambioDeUsuario: boolean }> {
    await this.listo;
    const r = await this.o.api.pedir('/auth/login', {
      json: { username, password },
      timeoutMs: o.timeoutMs,
      renovarToken: false,
      conexionNueva: true,
    });
    const datos = JSON.parse(r.cuerpo.toString('utf8')) as RespuestaLogin;
    if (o.soloSiActiva && !this.desbloqueada) {
      await this.cierres.encolar(datos.refresh_token);
      this.enviarCierres({ refresh: datos.refresh_token, token: datos.access_token });
      throw new ErrorCore('NO_AUTENTICADO', 'La sesión se bloqueó mientras se verificaba la contraseña');
    }
    const servidor = horaDelServidor(r.headers, datos.access_token) ?? this.o.reloj();
    const anterior = this.usuario();
    const cambioDeUsuario = anterior !== null && anterior.id !== datos.user.id;
    if (cambioDeUsuario) await this.local.borrar();
    await this.local.guardar(datos.user.id, password);
    const previa = await this.retirarSesionServidor();
    this.refresh = datos.refresh_token;
    await this.o.secretos.set(CLAVE_REFRESH, datos.refresh_token);
    this.o.db
      .prepare(
        `insert into sesion (id, usuario, verificador, ultimo_online, bloqueada_por, visto_max)
         values (1, ?, '', ?, null, ?)
         on conflict (id) do update set usuario = excluded.usuario, verificador = '',
           ultimo_online = excluded.ultimo_online, bloqueada_por = null, visto_max = excluded.visto_max`,
      )
      // The server vouches for the time: the mark restarts from its clock (or this desk's, when that reads later).
      .run(JSON.stringify(datos.user), servidor.toISOString(), masTarde(servidor.toISOString(), this.o.reloj()));
    this.guardarAcceso(datos);
    this.avisos = leerAvisos(datos.avisos);
    if (datos.avisos === undefined) this.enSegundoPlano(this.avisosPendientes(datos.access_token));
    this.porConfirmar = null;
    this.desbloqueada = true;
    this.avisar();
    this.enviarCierres(previa);
    return { cambioDeUsuario };
  }

  /** A server without notices in its login answer may list them on their own (an older one has neither: 404). */
  private async avisosPendientes(token: string) {
    const { datos } = await this.o.api.json<{ avisos?: unknown }>('/auth/avisos', {
      token,
      renovarToken: false,
      timeoutMs: TIMEOUT_SERVIDOR_MS,
    });
    const avisos = leerAvisos(datos?.avisos);
    if (avisos.length && this.acceso?.token === token) {
      this.avisos = avisos;
      this.avisar();
    }
  }

  /**
   * The officer read these notices: they leave her screen at once and are marked read on the server when it answers
   * (offline or on an older server they simply come back at the next sign-in).
   */
  async avisosLeidos(ids: string[]): Promise<void> {
    this.exigirActiva();
    this.avisos = this.avisos.filter((a) => !ids.includes(a.id));
    this.avisar();
    try {
      const token = await this.tokenAcceso();
      await this.o.api.pedir('/auth/avisos/leidos', { json: { ids }, token, timeoutMs: TIMEOUT_SERVIDOR_MS });
    } catch (e) {
      if (!(e instanceof ErrorRed || e instanceof ErrorApi)) throw e;
    }
  }

  /** The server refused a password it was asked about: what that means for this desk. */
  private async rechazoDelServidor(u: UsuarioSesion, password: string, e: ErrorApi) {
    if (e.code === 'CREDENCIALES_INVALIDAS' && (await this.local.coincide(u.id, password))) {
      // The password this desk knew is no longer the server's (reset, changed elsewhere): it must not open it offline.
      await this.local.agotar();
      this.avisar();
    }
    if (e.code === 'CUENTA_INACTIVA') {
      await this.local.agotar();
      this.bloquearPorServidor(e.code, e.message);
    }
  }

  /** Asks the server first; false when it could not be reached. Its refusal is thrown. */
  private async conServidor(u: UsuarioSesion, password: string, soloSiActiva = false): Promise<boolean> {
    try {
      await this.entrar(u.username, password, { timeoutMs: TIMEOUT_SERVIDOR_MS, soloSiActiva });
      return true;
    } catch (e) {
      if (e instanceof ErrorRed) return false;
      if (e instanceof ErrorApi) await this.rechazoDelServidor(u, password, e);
      throw e;
    }
  }

  /** Unlock: the server when it answers, else this desk's verifier within the window and the count of tries. */
  desbloquear(password: string): Promise<void> {
    return this.enTurno(async () => {
      await this.listo;
      const f = this.fila();
      if (!f) throw new ErrorCore('NO_AUTENTICADO', 'No hay una sesión en esta estación: inicie sesión con conexión');
      const u = JSON.parse(f.usuario) as UsuarioSesion;
      if (await this.conServidor(u, password)) return;
      await this.desbloquearSinConexion(f, u, password);
    });
  }

  private async desbloquearSinConexion(f: FilaSesion, u: UsuarioSesion, password: string) {
    const ahora = this.o.reloj();
    if (f.bloqueada_por)
      throw new ErrorCore(
        'NO_AUTENTICADO',
        'El servidor cerró esta sesión: conéctese a la red para iniciar sesión de nuevo',
      );
    if (relojAtrasado(ahora, f.visto_max))
      throw new ErrorCore(
        'NO_AUTENTICADO',
        `La hora de este equipo está atrasada: marca ${fechaPanama(ahora)}, pero ya se usó el ${fechaPanama(
          new Date(f.visto_max!),
        )}. Corrija la fecha y la hora del equipo, o conéctese a la red para ingresar`,
      );
    this.marcarHora(ahora);
    if (this.limite(f) <= ahora)
      throw new ErrorCore(
        'NO_AUTENTICADO',
        `Pasaron más de ${this.dias} días sin contacto con el servidor: conéctese a la red para iniciar sesión`,
      );
    const r = await this.local.comprobar(u.id, password);
    this.avisar();
    if (r === 'sin_verificador') throw this.sinVerificador();
    if (r !== 'correcta') throw incorrecta(r);
    this.porConfirmar = password;
    this.desbloqueada = true;
    this.avisar();
  }

  private sinVerificador() {
    return new ErrorCore(
      'NO_AUTENTICADO',
      this.local.agotado
        ? 'Se agotaron los intentos sin conexión en este equipo: conéctese a la red para ingresar'
        : 'Este equipo no puede verificar su contraseña sin conexión: conéctese a la red para ingresar',
    );
  }

  /**
   * The password again before a final decision: the server checks it when it answers, this desk's verifier (with the
   * same count of wrong tries) when it does not. Good for one decision within VIGENCIA_CONFIRMACION_MS.
   */
  confirmarIdentidad(password: string): Promise<{ confirmada_hasta: string }> {
    return this.enTurno(async () => {
      const u = this.exigirActiva();
      if (!(await this.conServidor(u, password, true))) {
        const r = await this.local.comprobar(u.id, password);
        if (r === 'sin_verificador')
          throw new ErrorCore(
            'NO_AUTENTICADO',
            'Sin conexión, este equipo no puede verificar su contraseña: conéctese a la red para registrar la decisión',
          );
        if (r !== 'correcta') {
          this.avisar();
          throw incorrecta(r);
        }
      }
      this.confirmacion = this.o.reloj().getTime() + VIGENCIA_CONFIRMACION_MS;
      return { confirmada_hasta: new Date(this.confirmacion).toISOString() };
    });
  }

  /** Throws unless the password was confirmed within the last VIGENCIA_CONFIRMACION_MS. */
  exigirConfirmacion(): void {
    this.exigirActiva();
    if (this.confirmacion === null || this.confirmacion <= this.o.reloj().getTime())
      throw new ErrorCore(
        'NO_AUTENTICADO',
        'Escriba su contraseña para confirmar la decisión final (aprobar o rechazar)',
      );
  }

  /** A confirmation serves one decision. */
  consumirConfirmacion(): void {
    this.confirmacion = null;
  }

  /** Manual or idle lock: the server session ends now (or as soon as the server can be reached). */
  async bloquear(): Promise<void> {
    this.desbloqueada = false;
    this.porConfirmar = null;
    this.confirmacion = null;
    this.marcarHora();
    this.avisar();
    await this.esperar(this.enviarCierres(await this.retirarSesionServidor()));
  }

  /** Ends the session here and on the server. Unsynced commands stay in the outbox. */
  logout(): Promise<void> {
    return this.enTurno(async () => {
      await this.listo;
      const previa = await this.retirarSesionServidor();
      await this.local.borrar();
      this.o.db.prepare('delete from sesion').run();
      this.desbloqueada = false;
      this.porConfirmar = null;
      this.confirmacion = null;
      this.avisos = [];
      this.avisar();
      await this.esperar(this.enviarCierres(previa));
    });
  }

  /** Closing the app ends the server session too (queued when offline: the next start sends it). */
  async detener(): Promise<void> {
    clearInterval(this.marcas);
    await this.listo.catch(() => undefined);
    if (this.refresh || this.acceso) {
      this.desbloqueada = false;
      this.enviarCierres(await this.retirarSesionServidor());
    }
    await this.esperar(Promise.all(this.enFondo));
  }

  private async esperar(p: Promise<unknown>) {
    let t: NodeJS.Timeout | undefined;
    await Promise.race([p, new Promise((r) => (t = setTimeout(r, ESPERA_AL_CERRAR_MS).unref()))]);
    clearTimeout(t);
  }

  /** Takes the server session off this desk (memory and store) and queues its end. */
  private async retirarSesionServidor(): Promise<{ refresh: string; token: string } | undefined> {
    const token = this.acceso?.token;
    const refresh = this.refresh ?? (await this.o.secretos.get(CLAVE_REFRESH));
    this.acceso = null;
    this.refresh = null;
    if (!refresh) return undefined;
    await this.cierres.encolar(refresh);
    await this.o.secretos.delete(CLAVE_REFRESH);
    return token ? { refresh, token } : undefined;
  }

  private enviarCierres(acceso?: { refresh: string; token: string }): Promise<void> {
    const p = this.cierres.enviar(acceso);
    this.enSegundoPlano(p);
    return p;
  }

  /**
   * Her password changed from this desk (cuenta.ts): the server ends every session of hers, this one too, and answers
   * with a new one for this desk. `pedir` sends the change; its answer replaces the session here (the old one is over
   * on the server: nothing to queue) and the verifier learns the new password, so the desk keeps working. A renewal
   * refused meanwhile (its refresh token just ended) waits for this instead of locking the desk.
   */
  reemplazarSesion(pedir: () => Promise<{ cuerpo: Buffer }>, password: string): Promise<void> {
    const p = this.enTurno(async () => {
      this.exigirActiva();
      const datos = JSON.parse((await pedir()).cuerpo.toString('utf8')) as RespuestaLogin;
      await this.local.guardar(datos.user.id, password);
      this.refresh = datos.refresh_token;
      await this.o.secretos.set(CLAVE_REFRESH, datos.refresh_token);
      this.o.db
        .prepare('update sesion set usuario = ?, bloqueada_por = null where id = 1')
        .run(JSON.stringify(datos.user));
      this.guardarAcceso(datos);
      this.avisos = leerAvisos(datos.avisos);
      this.porConfirmar = null;
      this.avisar();
    });
    this.reemplazo = p.catch(() => undefined);
    return p.finally(() => (this.reemplazo = null));
  }

  /** Sessions queued to end that the server has not confirmed yet (offline). */
  cierresPendientes(): Promise<number> {
    return this.cierres.pendientes();
  }

  private guardarAcceso(r: RespuestaLogin) {
    // Renew a minute early so a request never leaves with a token that expires on the way.
    this.acceso = { token: r.access_token, expira: this.o.reloj().getTime() + (r.expires_in - 60) * 1000 };
  }

  /** A valid access token, renewing it when needed. ErrorRed when offline; ErrorCore when the session is over. */
  async tokenAcceso(): Promise<string> {
    this.exigirActiva();
    if (this.acceso && this.acceso.expira > this.o.reloj().getTime()) return this.acceso.token;
    this.refrescando ??= this.renovar().finally(() => (this.refrescando = null));
    return this.refrescando;
  }

  /** The server refused the access token (expired early, revoked): drop it so the next call refreshes. */
  olvidarAcceso(): void {
    this.acceso = null;
  }

  private async renovar(): Promise<string> {
    this.marcarHora();
    if (this.refresh) return this.refrescar(this.refresh);
    const u = this.usuario();
    if (u && this.porConfirmar) return this.entrarTrasDesbloqueo(u, this.porConfirmar);
    this.bloquearPorServidor('TOKEN_INVALIDO', 'La sesión guardada no es válida; inicie sesión de nuevo');
    throw new ErrorCore('TOKEN_INVALIDO', 'La sesión guardada no es válida; inicie sesión de nuevo');
  }

  /** Unlocked offline, the network is back: the password she typed signs the desk in (or locks it if refused). */
  private async entrarTrasDesbloqueo(u: UsuarioSesion, password: string): Promise<string> {
    try {
      await this.enTurno(() => this.entrar(u.username, password, { soloSiActiva: true }));
      return this.acceso!.token;
    } catch (e) {
      if (e instanceof ErrorApi && (e.code === 'CREDENCIALES_INVALIDAS' || e.code === 'CUENTA_INACTIVA')) {
        const mensaje =
          e.code === 'CREDENCIALES_INVALIDAS'
            ? 'Su contraseña cambió en el servidor: ingrese con la contraseña nueva'
            : e.message;
        await this.local.agotar();
        this.bloquearPorServidor(e.code, mensaje);
        throw new ErrorCore(e.code, mensaje);
      }
      throw e;
    }
  }

  private async refrescar(refresh: string): Promise<string> {
    try {
      const r = await this.o.api.pedir('/auth/refresh', { json: { refresh_token: refresh }, renovarToken: false });
      const datos = JSON.parse(r.cuerpo.toString('utf8')) as RespuestaLogin;
      if (!this.desbloqueada || this.refresh !== refresh) {
        // Locked (or signed in again) while the refresh was on its way: the session it renewed must end as well.
        await this.cierres.encolar(datos.refresh_token);
        this.enviarCierres({ refresh: datos.refresh_token, token: datos.access_token });
        throw new ErrorCore('NO_AUTENTICADO', 'Inicie sesión o desbloquee la estación para continuar');
      }
      // The refresh token rotates: store the new one before anything else can fail.
      this.refresh = datos.refresh_token;
      await this.o.secretos.set(CLAVE_REFRESH, datos.refresh_token);
      const servidor = horaDelServidor(r.headers, datos.access_token) ?? this.o.reloj();
      const f = this.fila();
      this.o.db
        .prepare('update sesion set usuario = ?, ultimo_online = ?, visto_max = ? where id = 1')
        .run(JSON.stringify(datos.user), servidor.toISOString(), masTarde(f?.visto_max ?? null, servidor));
      this.guardarAcceso(datos);
      this.enviarCierres();
      return datos.access_token;
    } catch (e) {
      if (e instanceof ErrorApi && CODIGOS_BLOQUEO.includes(e.code)) {
        await this.reemplazo;
        if (this.refresh !== refresh && this.acceso) return this.acceso.token;
        this.bloquearPorServidor(e.code, e.message);
        throw new ErrorCore(e.code, e.message);
      }
      throw e;
    }
  }

  /** Locked until an online login; the refresh token is useless now, the outbox and mirror stay as they are. */
  private bloquearPorServidor(code: CodigoError, message: string) {
    this.o.db.prepare('update sesion set bloqueada_por = ? where id = 1').run(JSON.stringify({ code, message }));
    this.refresh = null;
    this.enSegundoPlano(this.o.secretos.delete(CLAVE_REFRESH));
    this.desbloqueada = false;
    this.acceso = null;
    this.porConfirmar = null;
    this.confirmacion = null;
    this.avisar();
  }
}

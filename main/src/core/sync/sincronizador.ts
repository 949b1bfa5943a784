/**
 * The background sync loop: push, then pull (even when the push failed), then settle the rows whose commands the server
 * accepted. It never blocks start-up (the first cycle starts on a timer), backs off exponentially with full jitter while
 * the server is unreachable or failing, wakes up early after a local write, and reports its state to whoever listens
 * (the renderer's status bar).
 */
import { CABECERA_CLIENTE, CURSOR_INICIAL, LIMITE_PULL, RUTAS_SYNC, type PullRespuesta } from '#shared/sync/protocolo';
import type { EstadoSync, UsuarioSesion } from '#shared/bridge/tipos';
import { ErrorApi, ErrorRed } from '../api/cliente.js';
import { ErrorCore } from '../error-core.js';
import type { Sesion } from '../sesion/sesion.js';
import type { EstadoPersistente } from './estado.js';
import { anotarDesfase } from './reloj-servidor.js';
import { aplicarPagina, type DependenciasPull } from './pull.js';
import { alResponder, avisoActual } from './recuperacion.js';
import { descartarPendiente, empujar, ErrorTransitorio, shaDeDocumento, type DependenciasPush } from './push.js';

export interface OpcionesSincronizador {
  /** Pause between cycles when all is well. */
  intervaloMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Changes per pull request. */
  limitePull?: number;
  /** Rows per local transaction while applying a pull. */
  filasPorTransaccion?: number;
  /** Random source for the jitter (tests make it deterministic). */
  azar?: () => number;
}

export type DependenciasSincronizador = DependenciasPush &
  DependenciasPull & { sesion: Sesion; estado: EstadoPersistente };

const CODIGOS_TOKEN = new Set(['NO_AUTENTICADO', 'TOKEN_INVALIDO', 'CUENTA_INACTIVA']);

export class Sincronizador {
  private corriendo = false;
  private temporizador: NodeJS.Timeout | null = null;
  private enCurso: Promise<void> | null = null;
  private fallos = 0;
  private conectado = false;
  private proximo: Date | null = null;
  private readonly oyentes = new Set<(e: EstadoSync) => void>();
  private readonly o: Required<OpcionesSincronizador>;

  constructor(
    private readonly d: DependenciasSincronizador,
    opciones: OpcionesSincronizador = {},
  ) {
    this.o = {
      intervaloMs: 30_000,
      backoffBaseMs: 1_000,
      backoffMaxMs: 5 * 60_000,
      limitePull: LIMITE_PULL.defecto,
      filasPorTransaccion: 500,
      azar: Math.random,
      ...opciones,
    };
  }

  iniciar(): void {
    if (this.corriendo) return;
    this.corriendo = true;
    this.programar(0);
  }

  async detener(): Promise<void> {
    this.corriendo = false;
    if (this.temporizador) clearTimeout(this.temporizador);
    this.temporizador = null;
    await this.enCurso?.catch(() => undefined);
  }

  /** A local write happened: push soon rather than at the next interval. */
  avisar(): void {
    this.emitir();
    if (this.corriendo && !this.enCurso && this.fallos === 0) this.programar(50);
  }

  /** Runs a cycle now (or waits for the one running) and returns the resulting state. */
  async sincronizarAhora(): Promise<EstadoSync> {
    await this.ejecutar();
    return this.estado();
  }

  /**
   * Takes a command out of the outbox at the officer's request: one in her list, or one of hers still pending (stuck at
   * the head of the queue, or that she no longer wants). Waits for a cycle in flight, so a push never settles it twice.
   */
  async descartar(mutationId: string, usuario: UsuarioSesion): Promise<void> {
    while (this.enCurso) await this.enCurso.catch(() => undefined);
    const c = this.d.outbox.buscar(mutationId);
    if (!c || (c.estado === 'pendiente' && c.usuarioId !== usuario.id))
      throw new ErrorCore(
        'NO_ENCONTRADO',
        'Ese cambio no está entre sus cambios pendientes ni en la lista de rechazados',
      );
    if (c.estado === 'pendiente') descartarPendiente(this.d, c, usuario);
    else this.d.outbox.descartar(c.seq);
    const sha = shaDeDocumento(c);
    if (sha) await this.d.cache.desfijar(sha);
    this.emitir();
  }

  onEstado(fn: (e: EstadoSync) => void): () => void {
    this.oyentes.add(fn);
    return () => this.oyentes.delete(fn);
  }

  estado(): EstadoSync {
    const { pendientes, fallidos } = this.d.outbox.contar();
    return {
      conectado: this.conectado,
      sincronizando: this.enCurso !== null,
      pendientes,
      fallidos,
      ultima_sincronizacion: this.d.estado.ultimaSincronizacion,
      ultimo_error: this.d.estado.ultimoError,
      primera_sync: this.d.estado.primeraSync,
      proximo_intento: this.proximo?.toISOString() ?? null,
      recuperacion: avisoActual(this.d.estado, this.d.outbox),
    };
  }

  /** The officer read the recovery notice (sync.cerrarAviso): it goes; refused commands stay in her list. */
  cerrarAviso(): EstadoSync {
    this.d.estado.recuperacion = null;
    this.d.outbox.olvidarReenvios();
    this.emitir();
    return this.estado();
  }

  private emitir() {
    const e = this.estado();
    for (const fn of this.oyentes) fn(e);
  }

  private programar(ms: number) {
    if (!this.corriendo) return;
    if (this.temporizador) clearTimeout(this.temporizador);
    this.proximo = new Date(this.d.reloj().getTime() + ms);
    this.temporizador = setTimeout(() => void this.ejecutar(), ms);
    // A pending retry never keeps the process alive on its own.
    this.temporizador.unref();
  }

  private ejecutar(): Promise<void> {
    this.enCurso ??= this.ciclo().finally(() => {
      this.enCurso = null;
      this.emitir();
    });
    return this.enCurso;
  }

  /**
   * Full jitter: anywhere between 0 and an exponential ceiling, so many desks coming back online at once after an outage
   * spread over the whole window instead of hitting the server in step.
   */
  private espera(): number {
    const techo = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.min(this.fallos - 1, 20));
    return Math.round(this.o.azar() * techo);
  }

  private async ciclo(): Promise<void> {
    if (!this.d.sesion.activa()) return this.programar(this.o.intervaloMs);
    this.proximo = null;
    this.emitir();
    try {
      const usuario = this.d.sesion.exigirActiva();
      // A pull that meets a new server history stops once, so what it re-queued from the journal is pushed before the
      // new history is pulled from the start: a second round, whose pull always runs to the end.
      let errorPush: unknown = null;
      for (let vuelta = 1; vuelta <= 2; vuelta++) {
        errorPush = await this.conToken((token) => empujar(this.d, token, usuario)).then(
          () => null,
          (e: unknown) => e,
        );
        // Offline or the session is over: the pull would fail the same way.
        if (errorPush instanceof ErrorRed || errorPush instanceof ErrorCore) throw errorPush;
        // Otherwise the pull never waits for the push: an outbox the server keeps refusing must not freeze the caseload.
        if (!(await this.conToken((token) => this.pull(token, vuelta === 1)))) break;
      }
      if (errorPush) throw errorPush;
      this.conectado = true;
      this.fallos = 0;
      this.d.estado.ultimaSincronizacion = this.d.reloj().toISOString();
      this.d.estado.ultimoError = null;
      this.programar(this.o.intervaloMs);
    } catch (e) {
      this.fallos++;
      if (e instanceof ErrorRed) this.conectado = false;
      else if (!(e instanceof ErrorCore)) this.conectado = true;
      this.d.estado.ultimoError = {
        code:
          e instanceof ErrorApi || e instanceof ErrorCore || e instanceof ErrorTransitorio
            ? e.code
            : e instanceof ErrorRed
              ? 'SIN_CONEXION'
              : 'ERROR_INTERNO',
        message: e instanceof Error ? e.message : String(e),
        fecha: this.d.reloj().toISOString(),
      };
      // A session the server ended waits for the officer to log in again, not for a timer.
      if (this.d.sesion.activa()) this.programar(this.espera());
      else this.programar(this.o.intervaloMs);
    }
  }

  /** Runs `fn` with an access token; once more with a fresh one if the server refused the token. */
  private async conToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.d.sesion.tokenAcceso());
    } catch (e) {
      if (!(e instanceof ErrorApi && e.status === 401 && CODIGOS_TOKEN.has(e.code))) throw e;
      this.d.sesion.olvidarAcceso();
      return fn(await this.d.sesion.tokenAcceso());
    }
  }

  /**
   * Pulls to the head. With `pararSiReenvia`, it stops early (true) after a reset that re-queued commands from the
   * journal, so the caller pushes them before the new history is pulled.
   */
  private async pull(token: string, pararSiReenvia: boolean): Promise<boolean> {
    for (;;) {
      const cursor = this.d.estado.cursor ?? CURSOR_INICIAL;
      const primera = cursor === CURSOR_INICIAL || this.d.estado.primeraSync !== null;
      if (cursor === CURSOR_INICIAL && !this.d.estado.primeraSync)
        this.d.estado.primeraSync = { filas: 0, bytes: 0, total_estimado: null };
      const q = new URLSearchParams({
        cursor,
        limit: String(this.o.limitePull),
        contar: String(cursor === CURSOR_INICIAL),
      });
      const { datos, bytes, headers } = await this.d.api.json<PullRespuesta>(`${RUTAS_SYNC.pull}?${q}`, {
        token,
        // The server keeps each desk's last contact: it bounds the acted time of this desk's next commands.
        headers: { [CABECERA_CLIENTE]: this.d.clientId },
      });
      anotarDesfase(this.d.estado, headers, this.d.reloj());
      // A reset, or a page from another server history than the desk's (a restore, even when the cursor was "0"):
      // the page is not applied; the mirror starts over, and commands re-queued from the journal go out first.
      if (alResponder(this.d, datos.epoca, datos.reset)) {
        this.d.estado.primeraSync = { filas: 0, bytes: 0, total_estimado: null };
        if (pararSiReenvia && this.d.outbox.reenvios().pendientes) return true;
        continue;
      }
      await aplicarPagina(this.d, datos.changes, datos.nextCursor, this.o.filasPorTransaccion);
      if (primera) {
        const p = this.d.estado.primeraSync ?? { filas: 0, bytes: 0, total_estimado: null };
        const filas = p.filas + datos.changes.length;
        this.d.estado.primeraSync = {
          filas,
          bytes: p.bytes + bytes,
          total_estimado: datos.restantes !== undefined ? filas + datos.restantes : p.total_estimado,
        };
        this.emitir();
      }
      if (!datos.hasMore) break;
    }
    this.d.estado.primeraSync = null;
    // Every accepted command's server rows have arrived by now: local copies of them give way to the server's.
    this.d.espejo.db.transaction(() => this.d.indice.reindexar(this.d.espejo.reconciliar()))();
    return false;
  }
}

/**
 * The desk's HTTP client for the companion API, on axios (Node's http adapter). Two kinds of failure matter to the sync
 * engine and the session: the server could not be reached (ErrorRed: we are offline, try later) and the server
 * answered with an error (ErrorApi: its stable code and Spanish message, as the API's one error shape carries them).
 *
 * - Every status resolves (validateStatus), so only a failure to get an answer rejects inside axios; statuses are
 *   judged here, once.
 * - One response interceptor owns the access-token refresh: a 401 for a token the server no longer accepts asks the
 *   Autenticador for a fresh one (one refresh shared by every request that got the 401) and repeats the request once.
 * - A request is sent a second time only within its own deadline, and only when it cannot have done anything yet: a GET
 *   whose connection failed, or any request whose kept-alive pooled socket turned out dead (reset before a byte of
 *   answer: the link dropped or the server closed it while idle, so the request never reached it). A request that timed
 *   out, or failed on a fresh connection, may have reached the server: repeating it would count a login twice toward
 *   the lockout or make one call last twice its deadline. The login always goes on a fresh connection, so it is never
 *   repeated; the caller (the sync loop's backoff, the officer) decides whether to try again.
 * - `progreso` reports the bytes of a document going up or down (axios's upload and download progress).
 */
import http from 'node:http';
import https from 'node:https';
import axios, { AxiosHeaders, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { CodigoError } from '#shared/codigos-error';

export class ErrorRed extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ErrorRed';
  }
}

export class ErrorApi extends Error {
  constructor(
    readonly status: number,
    readonly code: CodigoError,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ErrorApi';
  }
}

/** Bytes moved so far and, when the other side said it, how many to expect. */
export type AlProgreso = (cargados: number, total: number | null) => void;

export interface Peticion {
  metodo?: 'GET' | 'POST' | 'PUT';
  token?: string;
  json?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Deadline of the whole call, the one retry of a GET included. */
  timeoutMs?: number;
  /** Upload progress when sending `bytes`, download progress otherwise. */
  progreso?: AlProgreso;
  /**
   * false: a 401 is the answer, the Autenticador is not asked for another token (revoking an old session must never
   * borrow the current one's token).
   */
  renovarToken?: boolean;
  /**
   * A new TCP connection instead of a pooled one: for a POST that must not be repeated (login), so it never rides a
   * socket that died while idle.
   */
  conexionNueva?: boolean;
}

export interface Respuesta {
  status: number;
  headers: Headers;
  cuerpo: Buffer;
}

/** Who renews the access token when the server refuses it (the session, see core.ts). */
export interface Autenticador {
  /** A token to use instead of `rechazado`: the current one if it is already newer, else a refreshed one. */
  renovar(rechazado: string): Promise<string>;
}

export const TIMEOUT_DEFECTO_MS = 60_000;
/** Codes of a 401 that a new access token may cure (not a wrong password, not a disabled account). */
const CODIGOS_TOKEN: readonly string[] = ['NO_AUTENTICADO', 'TOKEN_INVALIDO'];

/** `sinRenovar`: a request whose 401 is the answer (Peticion.renovarToken === false). */
type Config = InternalAxiosRequestConfig & { reintentoToken?: boolean; sinRenovar?: boolean };

/** A failure to get any answer on the connection (refused, reset, dropped), as opposed to a deadline that passed. */
const esFalloDeConexion = (e: unknown) => axios.isAxiosError(e) && !e.response && e.code !== 'ERR_CANCELED';

/** A kept-alive socket from the pool that was already dead: reset before any answer, the request never arrived. */
const esSocketReusadoMuerto = (e: unknown) =>
  axios.isAxiosError(e) &&
  !e.response &&
  (e.code === 'ECONNRESET' || e.code === 'EPIPE') &&
  (e.request as { reusedSocket?: boolean } | undefined)?.reusedSocket === true;

/** Whether a failed request may go once more (see the header). */
const repetible = (metodo: string, e: unknown) => (metodo === 'GET' ? esFalloDeConexion(e) : esSocketReusadoMuerto(e));

export class ClienteApi {
  private readonly http: AxiosInstance;
  private autenticador: Autenticador | null = null;

  /** `base`: the API root, e.g. http://servidor:8000/api/v1 (changes at run time when the officer's settings do). */
  /** `ahora`: the clock deadlines are measured with (injected by tests). */
  constructor(
    public base: string,
    private readonly ahora: () => number = () => performance.now(),
  ) {
    this.http = axios.create({
      // Kept-alive sockets, explicitly: sync and uploads make many small requests in a row.
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
      validateStatus: () => true,
      responseType: 'arraybuffer',
      maxRedirects: 0,
      // The caller decides sizes (10 MB documents, pull pages); axios's defaults would cut them.
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
      // Like the fetch this replaced: no proxy taken from the environment without IT asking for it.
      proxy: false,
    });
    this.http.interceptors.response.use((r) => this.renovarSiHaceFalta(r));
  }

  usarAutenticador(a: Autenticador | null): void {
    this.autenticador = a;
  }

  private async renovarSiHaceFalta(r: AxiosResponse<Buffer>): Promise<AxiosResponse<Buffer>> {
    const config = r.config as Config;
    const usado = /^Bearer (.+)$/.exec(String(config.headers.get('authorization') ?? ''))?.[1];
    if (r.status !== 401 || !usado || !this.autenticador || config.reintentoToken || config.sinRenovar) return r;
    if (!CODIGOS_TOKEN.includes(leerError(r.data)?.code ?? '')) return r;
    const nuevo = await this.autenticador.renovar(usado);
    config.headers.set('authorization', `Bearer ${nuevo}`);
    config.reintentoToken = true;
    return this.http.request<Buffer>(config);
  }

  async pedir(ruta: string, p: Peticion = {}): Promise<Respuesta> {
    const headers = new AxiosHeaders(p.headers);
    if (p.token) headers.set('authorization', `Bearer ${p.token}`);
    if (p.json !== undefined) headers.set('content-type', 'application/json');
    if (p.bytes && !headers.has('content-type')) headers.set('content-type', 'application/octet-stream');
    const datos =
      p.json !== undefined
        ? JSON.stringify(p.json)
        : p.bytes && Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
    const total = datos instanceof Buffer ? datos.length : null;
    // axios reports progress asynchronously: a step that arrives after the answer must not follow our final one.
    let respondida = false;
    let reportados = -1;
    const alProgreso =
      p.progreso &&
      ((e: { loaded: number; total?: number }) => {
        if (respondida) return;
        reportados = e.loaded;
        p.progreso!(e.loaded, e.total ?? null);
      });
    const metodo = p.metodo ?? (p.json !== undefined || p.bytes ? 'POST' : 'GET');
    // A deadline on the whole call, retry included (axios's own timeout only watches for an idle socket).
    const limite = this.ahora() + (p.timeoutMs ?? TIMEOUT_DEFECTO_MS);
    const enviar = () =>
      this.http.request<Buffer>({
        url: `${this.base}${ruta}`,
        method: metodo,
        headers,
        data: datos,
        signal: AbortSignal.timeout(Math.max(1, Math.round(limite - this.ahora()))),
        ...(p.conexionNueva && { httpAgent: new http.Agent(), httpsAgent: new https.Agent() }),
        ...(p.renovarToken === false && ({ sinRenovar: true } as Partial<Config>)),
        ...(alProgreso && (p.bytes ? { onUploadProgress: alProgreso } : { onDownloadProgress: alProgreso })),
      });
    let r: AxiosResponse<Buffer>;
    try {
      // Once more at once when it cannot have reached the server (see the header), within the same deadline.
      r = await enviar().catch((e: unknown) =>
        repetible(metodo, e) && limite - this.ahora() > 0 ? enviar() : Promise.reject(e),
      );
    } catch (e) {
      // Not axios's: the Autenticador's own error (offline during the refresh, the session is over).
      if (!axios.isAxiosError(e)) throw e;
      throw new ErrorRed(
        e.code === 'ERR_CANCELED' ? 'El servidor no respondió a tiempo' : 'No se pudo contactar al servidor',
        { cause: e },
      );
    }
    const cuerpo = Buffer.isBuffer(r.data) ? r.data : Buffer.from(r.data ?? '');
    if (r.status >= 400) throw errorDeRespuesta(r.status, cuerpo);
    // axios's progress events are throttled and asynchronous: the last one is ours once the answer arrived (unless
    // axios already reported every byte).
    respondida = true;
    const finales = p.bytes ? (total ?? 0) : cuerpo.length;
    if (p.progreso && reportados !== finales) p.progreso(finales, p.bytes ? total : cuerpo.length);
    return { status: r.status, headers: comoHeaders(r.headers), cuerpo };
  }

  async json<T>(ruta: string, p: Peticion = {}): Promise<{ datos: T; bytes: number; headers: Headers }> {
    const r = await this.pedir(ruta, p);
    return {
      datos: (r.cuerpo.length ? JSON.parse(r.cuerpo.toString('utf8')) : undefined) as T,
      bytes: r.cuerpo.length,
      headers: r.headers,
    };
  }
}

function comoHeaders(h: AxiosResponse['headers']): Headers {
  const r = new Headers();
  for (const [k, v] of Object.entries(h)) if (v !== undefined && v !== null) r.set(k, String(v));
  return r;
}

function leerError(cuerpo: Buffer | undefined): { code: CodigoError; message: string; details?: unknown } | undefined {
  try {
    return (
      JSON.parse(Buffer.from(cuerpo ?? '').toString('utf8')) as {
        error?: { code: CodigoError; message: string; details?: unknown };
      }
    ).error;
  } catch {
    // not the API's JSON (a proxy's error page): the caller judges by status
    return undefined;
  }
}

function errorDeRespuesta(status: number, cuerpo: Buffer): Error {
  const e = leerError(cuerpo);
  if (e?.code) return new ErrorApi(status, e.code, e.message, e.details);
  // A gateway in front of a restarting server answers 502/503/504: as unreachable as no answer at all.
  if (status >= 500) return new ErrorRed(`El servidor no está disponible (HTTP ${status})`);
  return new ErrorApi(status, 'ERROR_INTERNO', `Respuesta inesperada del servidor (HTTP ${status})`);
}

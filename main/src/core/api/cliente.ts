/**
 * The desk's HTTP client for the companion API. Two kinds of failure matter to the sync engine and the session:
 * the server could not be reached (ErrorRed: we are offline, try later) and the server answered with an error
 * (ErrorApi: its stable code and Spanish message, as the API's one error shape carries them).
 */
import type { CodigoError } from '../../../../shared/src/errores.js';

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

export interface Peticion {
  metodo?: 'GET' | 'POST' | 'PUT';
  token?: string;
  json?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface Respuesta {
  status: number;
  headers: Headers;
  cuerpo: Buffer;
}

export class ClienteApi {
  /** `base`: the API root, e.g. http://servidor:8000/api/v1 */
  constructor(readonly base: string) {}

  async pedir(ruta: string, p: Peticion = {}): Promise<Respuesta> {
    const headers: Record<string, string> = { ...p.headers };
    if (p.token) headers.authorization = `Bearer ${p.token}`;
    if (p.json !== undefined) headers['content-type'] = 'application/json';
    if (p.bytes) headers['content-type'] ??= 'application/octet-stream';
    const enviar = () =>
      fetch(`${this.base}${ruta}`, {
        method: p.metodo ?? (p.json !== undefined || p.bytes ? 'POST' : 'GET'),
        headers,
        body: p.json !== undefined ? JSON.stringify(p.json) : p.bytes,
        signal: AbortSignal.timeout(p.timeoutMs ?? 60_000),
      });
    let r: globalThis.Response;
    try {
      // Once more at once: after the link drops, the first request may ride a pooled connection that is already dead.
      // Every call of the desk is safe to repeat (pushes are deduplicated by mutationId, uploads resume).
      r = await enviar().catch(enviar);
    } catch (e) {
      throw new ErrorRed('No se pudo contactar al servidor', { cause: e });
    }
    let cuerpo: Buffer;
    try {
      cuerpo = Buffer.from(await r.arrayBuffer());
    } catch (e) {
      throw new ErrorRed('La conexión con el servidor se interrumpió', { cause: e });
    }
    if (r.status >= 400) throw errorDeRespuesta(r.status, cuerpo);
    return { status: r.status, headers: r.headers, cuerpo };
  }

  async json<T>(ruta: string, p: Peticion = {}): Promise<{ datos: T; bytes: number }> {
    const r = await this.pedir(ruta, p);
    return {
      datos: (r.cuerpo.length ? JSON.parse(r.cuerpo.toString('utf8')) : undefined) as T,
      bytes: r.cuerpo.length,
    };
  }
}

function errorDeRespuesta(status: number, cuerpo: Buffer): Error {
  try {
    const e = (
      JSON.parse(cuerpo.toString('utf8')) as { error?: { code: CodigoError; message: string; details?: unknown } }
    ).error;
    if (e?.code) return new ErrorApi(status, e.code, e.message, e.details);
  } catch {
    // not the API's JSON (a proxy's error page): judged by status below
  }
  // A gateway in front of a restarting server answers 502/503/504: as unreachable as no answer at all.
  if (status >= 500) return new ErrorRed(`El servidor no está disponible (HTTP ${status})`);
  return new ErrorApi(status, 'ERROR_INTERNO', `Respuesta inesperada del servidor (HTTP ${status})`);
}

/**
 * The web shell's HTTP server: the built renderer and the bridge on 127.0.0.1, for one browser tab.
 *
 * Protocol (what the renderer's HTTP transport speaks): `POST /puente/<método>` with the argument object as JSON and
 * the header `X-Tramites-Token` → 200 with the result, or 4xx/5xx `{ error: { code, message, details? } }`; events on
 * `GET /puente/eventos?token=…` as Server-Sent Events (`event: <nombre>`, `data: <json>`).
 *
 * Why the checks: any web page the officer visits can send requests to 127.0.0.1. The random per-launch token (only in
 * the URL fragment the shell prints, never sent to a server) stops them calling the bridge; the Host check stops DNS
 * rebinding (evil.example resolving to 127.0.0.1); a foreign Origin is refused before anything runs.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { EVENTOS_PUENTE, METODOS_PUENTE, type ErrorPuente, type MetodoPuente } from '#shared/bridge/contrato';
import { ESTADO_HTTP, type CodigoError } from '#shared/codigos-error';
import type { Core } from '../core/core.js';
import { CABECERAS_SEGURIDAD } from '../csp.js';
import { aErrorPuente } from '../error-puente.js';
import { leerEstatico } from '../estaticos.js';

/** A document of 10 MB in base64 plus its metadata (the contract's own limit is checked by the core). */
const MAX_CUERPO = 16 * 1024 * 1024;
const LATIDO_MS = 25_000;

/**
 * Event streams a shell keeps open. A tab holds one (two for a moment while EventSource reconnects); each open stream
 * holds a socket and a listener on every core event, so a page that opens them in a loop must hit a limit, not the
 * process's file descriptors. Per session (this shell's launch token) and across every shell of the process (tests and
 * benchmarks start several in one).
 */
export const LIMITES_FLUJOS = { porSesion: 8, total: 32 };
let flujosDelProceso = 0;

const esMetodo = (m: string): m is MetodoPuente => (METODOS_PUENTE as readonly string[]).includes(m);

class Rechazo extends Error {
  constructor(readonly error: ErrorPuente) {
    super(error.message);
  }
}
const rechazo = (code: CodigoError, message: string) => new Rechazo({ code, message });

export interface OpcionesServidorShell {
  core: Core;
  token: string;
  directorioRenderer: string;
  /** Lower limits for tests. */
  limitesFlujos?: { porSesion: number; total: number };
}

export interface ServidorShell {
  servidor: http.Server;
  /** Ends the open event streams (a browser keeps them open forever) so the server can close. */
  cerrarEventos(): void;
}

export function crearServidorShell(o: OpcionesServidorShell): ServidorShell {
  const flujos = new Set<http.ServerResponse>();
  const servidor = http.createServer((req, res) => {
    atender(req, res).catch((e: unknown) => responderError(res, aErrorPuente(e)));
  });

  function puerto() {
    const dir = servidor.address();
    return typeof dir === 'object' && dir ? dir.port : 0;
  }

  function exigirLocal(req: http.IncomingMessage) {
    const p = puerto();
    const permitidos = [`127.0.0.1:${p}`, `localhost:${p}`];
    if (!permitidos.includes(req.headers.host ?? ''))
      throw rechazo('PERMISO_DENEGADO', 'Host no permitido: abra la aplicación desde la dirección que indicó el shell');
    const origen = req.headers.origin;
    if (origen !== undefined && !permitidos.some((h) => origen === `http://${h}`))
      throw rechazo('PERMISO_DENEGADO', 'Origen no permitido');
  }

  function exigirToken(recibido: string | null | undefined) {
    const a = Buffer.from(recibido ?? '');
    const b = Buffer.from(o.token);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b))
      throw rechazo(
        'NO_AUTENTICADO',
        'Token del shell ausente o incorrecto: abra la dirección completa que indicó el shell',
      );
  }

  async function atender(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      exigirLocal(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/puente/eventos' && req.method === 'GET') {
        exigirToken(url.searchParams.get('token'));
        return abrirEventos(req, res);
      }
      if (url.pathname.startsWith('/puente/')) {
        if (req.method !== 'POST') throw rechazo('NO_ENCONTRADO', 'Use POST para llamar al puente');
        exigirToken(req.headers['x-tramites-token'] as string | undefined);
        return await llamar(url.pathname.slice('/puente/'.length), req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') throw rechazo('NO_ENCONTRADO', 'Recurso no encontrado');
      return await servirRenderer(url.pathname, req, res);
    } catch (e) {
      responderError(res, e instanceof Rechazo ? e.error : aErrorPuente(e));
    }
  }

  async function llamar(metodo: string, req: http.IncomingMessage, res: http.ServerResponse) {
    if (!esMetodo(metodo)) throw rechazo('NO_ENCONTRADO', `Método desconocido: ${metodo}`);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      throw rechazo('TIPO_NO_SOPORTADO', 'El cuerpo debe ser JSON (Content-Type: application/json)');
    const texto = await leerCuerpo(req);
    let args: unknown;
    try {
      args = texto.length ? JSON.parse(texto) : {};
    } catch {
      throw rechazo('PETICION_MALFORMADA', 'El cuerpo no es JSON válido');
    }
    const valor = await o.core.invocar(metodo, args);
    responderJson(res, 200, valor ?? null);
  }

  function abrirEventos(req: http.IncomingMessage, res: http.ServerResponse) {
    const limites = o.limitesFlujos ?? LIMITES_FLUJOS;
    if (flujos.size >= limites.porSesion)
      throw rechazo(
        'LIMITE_EXCEDIDO',
        `Hay demasiadas pestañas abiertas con la aplicación (máximo ${limites.porSesion}): cierre las que no use y ` +
          'recargue esta página',
      );
    if (flujosDelProceso >= limites.total)
      throw rechazo(
        'LIMITE_EXCEDIDO',
        `Este equipo tiene demasiadas conexiones abiertas con la aplicación (máximo ${limites.total}): cierre ` +
          'pestañas que no use y recargue esta página',
      );
    flujosDelProceso++;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': conectado\n\n');
    const bajas = EVENTOS_PUENTE.map((evento) =>
      o.core.on(evento, (datos) => res.write(`event: ${evento}\ndata: ${JSON.stringify(datos)}\n\n`)),
    );
    const latido = setInterval(() => res.write(': latido\n\n'), LATIDO_MS).unref();
    flujos.add(res);
    let cerrado = false;
    const cerrar = () => {
      if (cerrado) return;
      cerrado = true;
      flujosDelProceso--;
      clearInterval(latido);
      for (const baja of bajas) baja();
      flujos.delete(res);
    };
    req.on('close', cerrar);
    res.on('close', cerrar);
  }

  async function servirRenderer(pathname: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const archivo = await leerEstatico(o.directorioRenderer, pathname);
    if (!archivo) {
      const falta = pathname === '/' || pathname === '/index.html';
      throw rechazo(
        'NO_ENCONTRADO',
        falta ? 'Falta la interfaz compilada: ejecute npm run build' : `No existe ${pathname}`,
      );
    }
    res.writeHead(200, {
      ...CABECERAS_SEGURIDAD,
      'Content-Type': archivo.tipo,
      'Content-Length': archivo.cuerpo.length,
      'Cache-Control': archivo.esIndice ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : archivo.cuerpo);
  }

  return {
    servidor,
    cerrarEventos() {
      for (const res of flujos) res.end();
    },
  };
}

function leerCuerpo(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const partes: Buffer[] = [];
    let total = 0;
    req.on('data', (c: Buffer) => {
      total += c.length;
      // Past the limit the bytes are dropped but still read: answering before the body ends makes the socket reset
      // under the browser's upload, and it would see a network error instead of the 413.
      if (total > MAX_CUERPO) partes.length = 0;
      else partes.push(c);
    });
    req.on('end', () =>
      total > MAX_CUERPO
        ? reject(rechazo('CUERPO_DEMASIADO_GRANDE', 'La petición supera 16 MB'))
        : resolve(Buffer.concat(partes).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function responderJson(res: http.ServerResponse, estado: number, cuerpo: unknown) {
  const texto = JSON.stringify(cuerpo);
  res.writeHead(estado, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(texto),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(texto);
}

function responderError(res: http.ServerResponse, error: ErrorPuente) {
  if (res.headersSent) return void res.end();
  responderJson(res, ESTADO_HTTP[error.code], { error });
}

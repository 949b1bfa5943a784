/** JSON logs (pino) with the request id on every line; X-Request-ID is accepted from the caller (nginx) or generated. */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';

export function crearLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'tramites-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Tokens and passwords never reach the logs.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'refresh_token', 'access_token'],
  });
}

const ID_VALIDO = /^[\w.:-]{1,100}$/;

/**
 * One log line per finished request (method, url, client, status, ms) at info, warn for 4xx and error for 5xx, with
 * the request id on it; /health and /metrics are not logged. Written here instead of pino-http, which built a child
 * logger and serialized the request on every request: about 5 % of a cached caseload page (docs/rendimiento-api.md).
 * `req.log` (a child logger with the request id) is made only when a handler logs.
 */
export function registroHttp(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const recibido = req.headers['x-request-id'];
    const id = typeof recibido === 'string' && ID_VALIDO.test(recibido) ? recibido : randomUUID();
    req.id = id;
    res.setHeader('X-Request-ID', id);
    let hijo: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (hijo ??= logger.child({ reqId: id })), configurable: true });
    const inicio = performance.now();
    tiempoDeProceso(res, inicio);
    if (req.url === '/health' || req.url === '/metrics') return next();
    const registrar = (mensaje: string) => {
      const nivel = !res.writableFinished || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      logger[nivel](
        {
          reqId: id,
          req: { method: req.method, url: req.originalUrl, remoteAddress: req.socket.remoteAddress },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - inicio),
        },
        mensaje,
      );
    };
    res.once('finish', () => registrar('request completed'));
    res.once('close', () => res.writableFinished || registrar('request aborted'));
    next();
  };
}

/**
 * X-Process-Time (seed manual §9.5, profiling): seconds from the request's arrival to its response headers, set in the
 * last moment before they leave, so a slow response can be told apart from a slow network in the browser or in curl.
 */
function tiempoDeProceso(res: ServerResponse, inicio: number): void {
  const original = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader('X-Process-Time', ((performance.now() - inicio) / 1000).toFixed(4));
    return (original as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's X-Request-ID (nginx) when well formed, otherwise a new one. */
    id: string;
    /** A logger whose lines carry the request id. */
    log: Logger;
  }
}

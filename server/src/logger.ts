/** JSON logs (pino) with the request id on every line; X-Request-ID is accepted from the caller (nginx) or generated. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { v7 as uuidv7 } from 'uuid';

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

export function registroHttp(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const recibido = req.headers['x-request-id'];
      const id = typeof recibido === 'string' && ID_VALIDO.test(recibido) ? recibido : uuidv7();
      res.setHeader('X-Request-ID', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

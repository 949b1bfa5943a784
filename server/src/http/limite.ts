/**
 * Rate limiting of the seed's §6.5 (100 requests / 60 s by default, stricter on login), counted in Redis when REDIS_URL
 * is set so every API process shares one budget, in memory otherwise. Authenticated calls are counted per officer, not
 * per address: a whole field office often reaches us through one NAT address. Login is counted per address.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../errors.js';

export interface OpcionesLimite {
  nombre: string;
  maximo: number;
  ventanaSegundos: number;
  redis?: Redis;
  /** The budget's key; express-rate-limit's default (the client address) when absent. */
  clave?: (req: Request) => string;
  /** Requests this budget does not count (they have a budget of their own). */
  omitir?: (req: Request) => boolean;
}

function almacen(nombre: string, redis?: Redis): Store | undefined {
  if (!redis) return undefined;
  return new RedisStore({
    prefix: `tramites:rl:${nombre}:`,
    sendCommand: (comando: string, ...args: string[]) => redis.call(comando, ...args) as Promise<RedisReply>,
  });
}

export function limitador(o: OpcionesLimite): RequestHandler {
  return rateLimit({
    windowMs: o.ventanaSegundos * 1000,
    limit: o.maximo,
    standardHeaders: 'draft-7',
    legacyHeaders: true,
    store: almacen(o.nombre, o.redis),
    ...(o.clave ? { keyGenerator: o.clave } : {}),
    ...(o.omitir ? { skip: o.omitir } : {}),
    // Redis down must not take the API down: let the request through and log it.
    passOnStoreError: true,
    handler: (_req, _res, next) =>
      next(
        new AppError(
          'LIMITE_EXCEDIDO',
          `Demasiadas peticiones: el límite es ${o.maximo} cada ${o.ventanaSegundos} s. Espere e intente de nuevo`,
        ),
      ),
  });
}

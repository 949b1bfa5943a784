/**
 * Rate limiting of the seed's §6.5 (100 requests / 60 s by default, stricter on login), counted in Redis when REDIS_URL
 * is set so every API process shares one budget, in memory otherwise. Authenticated calls are counted per officer, not
 * per address: a whole field office often reaches us through one NAT address. Login is counted per address: the real
 * client's, which is only as real as the proxies we trust (confianzaProxy below).
 */
import { BlockList, isIPv4 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../error-api.js';

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

/** Express's named ranges (proxy-addr's), for TRUST_PROXY values written as names. */
const RANGOS: Record<string, [string, number][]> = {
  loopback: [
    ['127.0.0.0', 8],
    ['::1', 128],
  ],
  linklocal: [
    ['169.254.0.0', 16],
    ['fe80::', 10],
  ],
  uniquelocal: [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['fc00::', 7],
  ],
};

const tipo = (ip: string) => (isIPv4(ip) ? 'ipv4' : 'ipv6');

/** A named range, or one address / CIDR (`10.1.2.3`, `10.0.0.0/8`, `fd00::/8`). */
function rangosDe(parte: string): [string, number][] {
  const nombrado = RANGOS[parte];
  if (nombrado) return nombrado;
  const [ip = '', prefijo] = parte.split('/');
  return [[ip, prefijo === undefined ? (isIPv4(ip) ? 32 : 128) : Number(prefijo)]];
}

/**
 * Express's `trust proxy` from TRUST_PROXY (names, addresses or CIDRs; a number of hops; true/false) and TRUST_PROXY_HOPS.
 * Express alone trusts every address in the ranges, walking X-Forwarded-For to the left for as long as they match: an
 * office client on a private address (uniquelocal) could then send `X-Forwarded-For: <anything>` and be counted as
 * whoever it named, getting a fresh login budget per request. Here a hop is trusted only if it is one of the first
 * `saltos` (the proxies actually in front of us: nginx is one) AND its address is in the ranges.
 */
export function confianzaProxy(
  spec: string,
  saltos: number,
): boolean | number | ((ip: string, salto: number) => boolean) {
  const valor = spec.trim().toLowerCase();
  if (valor === 'false') return false;
  if (valor === 'true') return saltos;
  if (/^\d+$/.test(valor)) return Number(valor);
  const lista = new BlockList();
  for (const parte of valor
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean))
    for (const [red, prefijo] of rangosDe(parte)) lista.addSubnet(red, prefijo, tipo(red));
  return (ip, salto) => salto < saltos && lista.check(ip, tipo(ip));
}

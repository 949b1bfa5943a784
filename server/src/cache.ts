/** Catalog cache: Redis when REDIS_URL is set (shared by every API process), process memory otherwise. */
import type { Redis } from 'ioredis';

export interface Cache {
  get<T>(clave: string): Promise<T | undefined>;
  set(clave: string, valor: unknown, ttlSegundos: number): Promise<void>;
}

export function cacheEnMemoria(): Cache {
  const datos = new Map<string, { valor: unknown; vence: number }>();
  return {
    async get<T>(clave: string) {
      const e = datos.get(clave);
      if (!e || e.vence < Date.now()) return undefined;
      return e.valor as T;
    },
    async set(clave, valor, ttl) {
      datos.set(clave, { valor, vence: Date.now() + ttl * 1000 });
    },
  };
}

export function cacheRedis(redis: Redis, prefijo = 'tramites:cache:'): Cache {
  return {
    async get<T>(clave: string) {
      const txt = await redis.get(prefijo + clave);
      return txt === null ? undefined : (JSON.parse(txt) as T);
    },
    async set(clave, valor, ttl) {
      await redis.set(prefijo + clave, JSON.stringify(valor), 'EX', ttl);
    },
  };
}

/** Reads through the cache; a cache that is down degrades to the database instead of failing the request. */
export async function conCache<T>(cache: Cache, clave: string, ttl: number, cargar: () => Promise<T>): Promise<T> {
  const hit = await cache.get<T>(clave).catch(() => undefined);
  if (hit !== undefined) return hit;
  const valor = await cargar();
  await cache.set(clave, valor, ttl).catch(() => undefined);
  return valor;
}

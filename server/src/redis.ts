/** The Redis client the API uses: commands fail fast while Redis is down (no offline queue), so callers degrade at once. */
import { Redis } from 'ioredis';

export function crearClienteRedis(url: string, alFallar: (e: Error) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
  // ioredis reconnects by itself; an 'error' without a listener would crash the process instead.
  redis.on('error', alFallar);
  return redis;
}

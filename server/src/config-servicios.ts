/**
 * The manual's separate variables for what the API talks to (§5.3): REDIS_HOST/REDIS_PORT/REDIS_PASSWORD/REDIS_DB,
 * METRICS_PORT, and the SQL Server login. Each one is honoured or refused with a message that names it; none is
 * silently ignored.
 */
import type { DatabaseTarget } from './db/url.js';

export interface VariablesRedis {
  REDIS_URL?: string;
  REDIS_HOST?: string;
  REDIS_PORT?: number;
  REDIS_PASSWORD?: string;
  REDIS_DB?: number;
}

/**
 * REDIS_URL says where Redis is; REDIS_HOST, REDIS_PORT, REDIS_PASSWORD and REDIS_DB, when set, replace that part of it
 * (docker-compose.yml gives each blue-green colour its own REDIS_DB over the same REDIS_URL). With neither a URL nor a
 * host there is no Redis (cache and limits in process memory), and a port, password or database alone is refused.
 */
export function urlDeRedis(v: VariablesRedis): string | undefined {
  if (!v.REDIS_URL && !v.REDIS_HOST) {
    const sueltas = [
      v.REDIS_PORT !== undefined && 'REDIS_PORT',
      v.REDIS_PASSWORD && 'REDIS_PASSWORD',
      v.REDIS_DB !== undefined && 'REDIS_DB',
    ].filter(Boolean);
    if (sueltas.length)
      throw new Error(`${sueltas.join(', ')} sin REDIS_HOST ni REDIS_URL: defina dónde está Redis (REDIS_HOST=redis)`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(v.REDIS_URL || 'redis://localhost:6379');
  } catch {
    throw new Error(`REDIS_URL "${v.REDIS_URL}" no es una URL (ejemplo: redis://redis:6379/0)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`REDIS_URL debe empezar por redis:// o rediss:// (tiene ${url.protocol}//)`);
  if (v.REDIS_HOST) url.hostname = v.REDIS_HOST;
  if (v.REDIS_PORT !== undefined) url.port = String(v.REDIS_PORT);
  // The URL setter percent-encodes what a password may hold (@ : /); ioredis decodes it.
  if (v.REDIS_PASSWORD) url.password = v.REDIS_PASSWORD;
  if (v.REDIS_DB !== undefined) url.pathname = `/${v.REDIS_DB}`;
  return url.toString();
}

/**
 * /metrics is served on the API's own port, where Prometheus scrapes it inside Docker's network and nginx never
 * publishes it; a second port would be one more listener to secure for nothing. The manual's METRICS_PORT is therefore
 * accepted only when it names that same port.
 */
export function comprobarPuertoMetricas(metricsPort: number | undefined, port: number): void {
  if (metricsPort !== undefined && metricsPort !== port)
    throw new Error(
      `METRICS_PORT=${metricsPort} no se usa: /metrics se sirve en el puerto de la API (PORT=${port}), que Prometheus ` +
        'raspa dentro de la red de Docker; quite METRICS_PORT de .env o póngalo igual a PORT',
    );
}

/**
 * The API never runs as sa (docs/operations.md §2). A DATABASE_URL copied from the manual carries it and wins over
 * DB_USER: in staging and production that stops the API; elsewhere it is returned as a warning to log loudly.
 */
export function avisoLoginDeLaApi(db: DatabaseTarget, entorno: string): string | undefined {
  if (db.kind !== 'mssql' || db.user.trim().toLowerCase() !== 'sa') return undefined;
  const mensaje =
    'la API se conectaría a SQL Server como sa (DATABASE_URL o DB_USER): use su propio login (DB_USER=tramites_api, ' +
    'que crea ops ensure-logins) y quite el usuario sa de DATABASE_URL';
  if (entorno === 'production' || entorno === 'staging') throw new Error(mensaje);
  return mensaje;
}

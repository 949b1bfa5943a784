/**
 * Configuration from the environment, with the variable names of the seed manual §5.3 so its .env files keep working.
 * Validated once at start-up: a bad value stops the process with a message that names the variable.
 */
import '#shared/zod-es';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { avisoLoginDeLaApi, comprobarPuertoMetricas, urlDeRedis } from './config-servicios.js';
import { databaseFromEnv, type DatabaseTarget } from './db/url.js';
import { confianzaProxy } from './http/limite.js';
import { problemaDeClave } from './modules/auth/clave-secreta.js';

const bool = <T extends boolean | undefined>(fallback: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback as boolean | T;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'si', 'sí', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `valor booleano inválido "${v}" (use true o false)` });
      return z.NEVER;
    });
/** docker-compose passes an unset `${VAR:-}` as an empty string: for an optional number that means "not set". */
const vacioEsNada = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
/** Seed .env files carry trailing comments (`MAX_UPLOAD_SIZE=10485760  # 10MB`); docker-compose passes them through. */
const sinComentario = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+#.*$/, '').trim() : v);

const ENTORNOS = ['development', 'testing', 'staging', 'production'] as const;
const NIVELES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const NIVEL_POR_ENTORNO: Record<(typeof ENTORNOS)[number], (typeof NIVELES)[number]> = {
  development: 'debug',
  testing: 'info',
  staging: 'info',
  production: 'warn',
};

const Env = z.object({
  PORT: int(8000, 0),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  // Without DATABASE_URL, the manual's separate variables name a SQL Server (db/url.ts databaseFromEnv).
  DB_HOST: z.string().optional(),
  DB_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DB_NAME: z.string().optional(),
  DB_USER: z.string().optional(),
  DB_PASSWORD: z.string().optional(),
  DB_ENCRYPT: bool(true),
  DB_TRUST_SERVER_CERTIFICATE: bool(false),
  REDIS_URL: z.string().optional(),
  // The manual's separate Redis variables replace parts of REDIS_URL (config-servicios.ts urlDeRedis).
  REDIS_HOST: z.string().optional(),
  REDIS_PORT: vacioEsNada(z.coerce.number().int().min(1).max(65535).optional()),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_DB: vacioEsNada(z.coerce.number().int().min(0).optional()),
  METRICS_PORT: vacioEsNada(z.coerce.number().int().min(1).max(65535).optional()),
  SECRET_KEY: z.string().optional(),
  JWT_SECRET_KEY: z.string().optional(),
  JWT_ALGORITHM: z.literal('HS256', { error: 'solo se admite HS256' }).default('HS256'),
  JWT_ACCESS_TOKEN_EXPIRE_MINUTES: int(15, 1),
  JWT_REFRESH_TOKEN_EXPIRE_DAYS: int(7, 1),
  ENVIRONMENT: z.enum(ENTORNOS).default('development'),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v ? v.toLowerCase().replace('warning', 'warn').replace('critical', 'fatal') : undefined))
    .pipe(z.enum(NIVELES).optional()),
  DEBUG: bool(false),
  ALLOWED_ORIGINS: z.string().default(''),
  CORS_ALLOW_CREDENTIALS: bool(false),
  UPLOAD_DIR: z.string().default('uploads'),
  MAX_UPLOAD_SIZE: int(10 * 1024 * 1024, 1),
  ALLOWED_EXTENSIONS: z.string().default('pdf,jpg,jpeg,png,doc,docx'),
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_REQUESTS: int(100, 1),
  RATE_LIMIT_PERIOD: int(60, 1),
  LOGIN_RATE_LIMIT_REQUESTS: int(10, 1),
  SYNC_RATE_LIMIT_REQUESTS: int(2000, 1),
  ENABLE_METRICS: bool(true),
  DEMO: bool(false),
  DEMO_PASSWORD: z.string().min(8).default('demo2026'),
  LOGIN_MAX_INTENTOS: int(5, 1),
  LOGIN_BLOQUEO_MINUTOS: int(15, 1),
  LOGIN_MAX_INTENTOS_CUENTA: int(100, 1),
  LOGIN_BLOQUEO_CUENTA_MINUTOS: int(60, 1),
  SESION_MAX_HORAS: int(12, 1),
  SESION_INACTIVA_MINUTOS: int(120, 1),
  PASSWORD_PEPPER: z.string().optional(),
  PASSWORD_PROVISIONAL_HORAS: int(0, 0),
  AUDIT_RETENTION_DAYS: int(365, 1),
  SYNC_RETENTION_DAYS: int(90, 1),
  TRUST_PROXY: z.string().default('loopback'),
  /** How many proxies stand in front of the API (nginx: 1); X-Forwarded-For entries beyond them are the client's word. */
  TRUST_PROXY_HOPS: int(1, 0),
  WEB_CONCURRENCY: int(1, 1),
});

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  redisUrl?: string;
  /** Said once at start-up at warn level (index.ts): settings that work here but would be refused in production. */
  avisos: string[];
  jwt: { secret: string; accessMinutes: number; refreshDays: number };
  environment: (typeof ENTORNOS)[number];
  logLevel: (typeof NIVELES)[number];
  debug: boolean;
  cors: { origins: string[]; credentials: boolean };
  uploads: { dir: string; maxBytes: number; extensions: string[] };
  rateLimit: { enabled: boolean; requests: number; periodSeconds: number; loginRequests: number; syncRequests: number };
  metricsEnabled: boolean;
  demo: { enabled: boolean; password: string };
  /** Login throttles (modules/auth/bloqueo.ts). */
  lockout: { maxIntentos: number; bloqueoMinutos: number; maxIntentosCuenta: number; bloqueoCuentaMinutos: number };
  /** Session limits (modules/auth/sesiones.ts). */
  sesion: { maxHoras: number; inactivaMinutos: number };
  /** HMAC key applied before argon2 (modules/auth/passwords.ts); absent: no pepper. */
  passwordPepper?: string;
  /** How long a password IT sets keeps opening (modules/auth/passwords.ts provisional); 0: it does not expire. */
  passwordProvisionalHoras: number;
  auditRetentionDays: number;
  syncRetentionDays: number;
  /** Express's `trust proxy` value (http/limite.ts confianzaProxy). */
  trustProxy: ReturnType<typeof confianzaProxy>;
  webConcurrency: number;
}

/**
 * Outside production a missing SECRET_KEY is generated once at random and kept beside the embedded database (the data
 * folder), so `npm start` works on a bare machine and sessions survive restarts, while no key ever published (in this
 * repository or anywhere) can sign tokens. Production refuses to start without one.
 */
export function claveLocal(database: DatabaseTarget): string {
  // A database in memory has no data folder and its sessions end with the process: so does its key.
  if (database.kind === 'sqlite' && database.file === ':memory:') return randomBytes(48).toString('base64url');
  const carpeta = database.kind === 'sqlite' ? path.dirname(database.file) : path.resolve('data');
  const archivo = path.join(carpeta, 'clave-secreta');
  fs.mkdirSync(carpeta, { recursive: true });
  try {
    fs.writeFileSync(archivo, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    // Already there (an earlier start, or a sibling worker that wrote it first): use it.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const clave = fs.readFileSync(archivo, 'utf8').trim();
  if (clave.length < 32) throw new Error(`Configuración inválida: la clave de ${archivo} tiene menos de 32 caracteres`);
  return clave;
}

function proxiesConfiables(spec: string, saltos: number): Config['trustProxy'] {
  try {
    return confianzaProxy(spec, saltos);
  } catch (e) {
    throw new Error(`Configuración inválida: TRUST_PROXY "${spec}" (${(e as Error).message})`);
  }
}

/** A refused service setting (config-servicios.ts) stops start-up like any invalid variable. */
function servicio<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new Error(`Configuración inválida: ${(error as Error).message}`);
  }
}

function baseDeDatos(e: z.output<typeof Env>): DatabaseTarget {
  try {
    return databaseFromEnv(e);
  } catch (error) {
    throw new Error(`Configuración inválida: ${(error as Error).message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const limpio = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, sinComentario(v)]));
  const parsed = Env.safeParse(limpio);
  if (!parsed.success) {
    const lineas = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuración inválida:\n${lineas.join('\n')}`);
  }
  const e = parsed.data;
  const database = baseDeDatos(e);
  servicio(() => comprobarPuertoMetricas(e.METRICS_PORT, e.PORT));
  const secret = e.JWT_SECRET_KEY || e.SECRET_KEY;
  if (!secret && e.ENVIRONMENT === 'production') {
    throw new Error('Configuración inválida: SECRET_KEY (o JWT_SECRET_KEY) es obligatoria en producción');
  }
  if (secret && secret.length < 32) {
    throw new Error('Configuración inválida: SECRET_KEY debe tener al menos 32 caracteres');
  }
  // Development and tests may use any long key; anywhere else a published or guessable key signs nobody's tokens.
  const problema = secret && !['development', 'testing'].includes(e.ENVIRONMENT) ? problemaDeClave(secret) : null;
  if (problema) {
    const variable = e.JWT_SECRET_KEY ? 'JWT_SECRET_KEY' : 'SECRET_KEY';
    throw new Error(`Configuración inválida: ${variable} no sirve en ${e.ENVIRONMENT}: ${problema}`);
  }
  const pepper = e.PASSWORD_PEPPER?.trim() || undefined;
  if (pepper && pepper.length < 32)
    throw new Error('Configuración inválida: PASSWORD_PEPPER debe tener al menos 32 caracteres (o quedar vacía)');
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    redisUrl: servicio(() =>
      urlDeRedis({ ...e, REDIS_URL: e.REDIS_URL || undefined, REDIS_HOST: e.REDIS_HOST || undefined }),
    ),
    avisos: [servicio(() => avisoLoginDeLaApi(database, e.ENVIRONMENT))].filter((a): a is string => !!a),
    jwt: {
      secret: secret || claveLocal(database),
      accessMinutes: e.JWT_ACCESS_TOKEN_EXPIRE_MINUTES,
      refreshDays: e.JWT_REFRESH_TOKEN_EXPIRE_DAYS,
    },
    environment: e.ENVIRONMENT,
    logLevel: e.LOG_LEVEL ?? (e.DEBUG ? 'debug' : NIVEL_POR_ENTORNO[e.ENVIRONMENT]),
    debug: e.DEBUG,
    cors: {
      origins: e.ALLOWED_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      credentials: e.CORS_ALLOW_CREDENTIALS,
    },
    uploads: {
      dir: path.resolve(e.UPLOAD_DIR),
      maxBytes: e.MAX_UPLOAD_SIZE,
      extensions: e.ALLOWED_EXTENSIONS.split(',')
        .map((s) => s.trim().toLowerCase().replace(/^\./, ''))
        .filter(Boolean),
    },
    rateLimit: {
      enabled: e.RATE_LIMIT_ENABLED,
      requests: e.RATE_LIMIT_REQUESTS,
      periodSeconds: e.RATE_LIMIT_PERIOD,
      loginRequests: e.LOGIN_RATE_LIMIT_REQUESTS,
      syncRequests: e.SYNC_RATE_LIMIT_REQUESTS,
    },
    metricsEnabled: e.ENABLE_METRICS,
    // Users with a published password only when asked for (DEMO=true: npm start, the test servers), never by default.
    demo: { enabled: e.DEMO, password: e.DEMO_PASSWORD },
    lockout: {
      maxIntentos: e.LOGIN_MAX_INTENTOS,
      bloqueoMinutos: e.LOGIN_BLOQUEO_MINUTOS,
      maxIntentosCuenta: e.LOGIN_MAX_INTENTOS_CUENTA,
      bloqueoCuentaMinutos: e.LOGIN_BLOQUEO_CUENTA_MINUTOS,
    },
    sesion: { maxHoras: e.SESION_MAX_HORAS, inactivaMinutos: e.SESION_INACTIVA_MINUTOS },
    passwordPepper: pepper,
    passwordProvisionalHoras: e.PASSWORD_PROVISIONAL_HORAS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    syncRetentionDays: e.SYNC_RETENTION_DAYS,
    trustProxy: proxiesConfiables(e.TRUST_PROXY, e.TRUST_PROXY_HOPS),
    webConcurrency: e.WEB_CONCURRENCY,
  };
}

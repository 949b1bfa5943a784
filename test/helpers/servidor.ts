/**
 * A real API server for a test: its own temp directory, SQLite file and uploads, listening on a free port.
 * Demo users (password demo2026) and demo cases are loaded as on a fresh embedded install.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { crearApp } from '../../server/src/app.js';
import { prepararBaseDeDatos } from '../../server/src/arranque.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import { responderErroresDeConexion } from '../../server/src/http/respuesta-error.js';
import type { Db, OpenOptions } from '../../server/src/db/connect.js';
import { crearLogger } from '../../server/src/logger.js';

export const PASSWORD_DEMO = 'demo2026';

export interface ServidorDePrueba {
  url: string;
  api: string;
  dir: string;
  db: Db;
  config: Config;
  app: ReturnType<typeof crearApp>;
  /** Logs a demo user in and returns the session JSON. */
  login(
    username: string,
    password?: string,
  ): Promise<{ access_token: string; refresh_token: string; user: { id: string } }>;
  cerrar(): Promise<void>;
  /** Stops the server and closes the database, keeping its files (to restore them, or start again over them). */
  detener(): Promise<void>;
}

export interface OpcionesServidor {
  env?: Record<string, string>;
  demo?: boolean;
  redis?: Redis;
  /** Kysely's query log, to see every statement the server runs (the T-SQL snapshot test). */
  log?: OpenOptions['log'];
  /** Start over the files of a server stopped with `detener()` (its database is not new: no demo is loaded again). */
  dir?: string;
  /** Listen on this port (the one a stopped server had, so desks and relays pointed at it reach the new one). */
  puerto?: number;
}

export async function iniciarServidor(o: OpcionesServidor = {}): Promise<ServidorDePrueba> {
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-test-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    ENVIRONMENT: 'testing',
    LOG_LEVEL: 'silent',
    DEMO: o.demo === false ? 'false' : 'true',
    RATE_LIMIT_ENABLED: 'false',
    ...o.env,
  });
  const logger = crearLogger(config.logLevel);
  const db = await prepararBaseDeDatos(config, logger, { log: o.log });
  const app = crearApp({ config, db, logger, redis: o.redis });
  const server = app.app.listen(o.puerto ?? 0, '127.0.0.1');
  responderErroresDeConexion(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let detenido = false;
  async function detener() {
    if (detenido) return;
    detenido = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.destroy();
  }
  return {
    url,
    api: `${url}/api/v1`,
    dir,
    db,
    config,
    app,
    async login(username, password = PASSWORD_DEMO) {
      const r = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (r.status !== 200) throw new Error(`login de ${username} falló: ${r.status} ${await r.text()}`);
      return (await r.json()) as Awaited<ReturnType<ServidorDePrueba['login']>>;
    },
    async cerrar() {
      await detener();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    detener,
  };
}

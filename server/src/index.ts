/**
 * The API process: configuration, database, HTTP server, graceful shutdown on SIGTERM/SIGINT, and WEB_CONCURRENCY
 * worker processes (node:cluster) sharing the port; migrations run once, in the primary, before workers start.
 */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { crearApp } from './app.js';
import { prepararBaseDeDatos } from './arranque.js';
import { responderErroresDeConexion } from './http/respuesta-error.js';
import { loadConfig } from './config.js';
import { crearLogger } from './logger.js';
import { servirMetricasDelCluster } from './metricas-cluster.js';
import { crearClienteRedis } from './redis.js';

async function iniciarServidor(prepararDb: boolean) {
  const config = loadConfig();
  const logger = crearLogger(config.logLevel);
  for (const aviso of config.avisos) logger.warn(`ATENCIÓN: ${aviso}`);
  const db = await prepararBaseDeDatos(
    { ...config, demo: { ...config.demo, enabled: config.demo.enabled && prepararDb } },
    logger,
  );
  const redis = config.redisUrl
    ? crearClienteRedis(config.redisUrl, (e) => logger.warn({ err: e.message }, 'redis no disponible'))
    : undefined;
  const { app } = crearApp({ config, db, logger, redis, enCluster: cluster.isWorker });
  const server: Server = app.listen(config.port, config.host, () =>
    logger.info(
      { port: config.port, entorno: config.environment, motor: config.database.kind },
      'API de Trámites Migratorios escuchando',
    ),
  );
  server.keepAliveTimeout = 65_000;
  responderErroresDeConexion(server);

  let cerrando = false;
  const cerrar = (senal: string) => {
    if (cerrando) return;
    cerrando = true;
    logger.info({ senal }, 'cerrando: se terminan las peticiones en curso');
    const forzar = setTimeout(() => process.exit(1), 15_000).unref();
    server.close(async () => {
      await db.destroy().catch(() => undefined);
      redis?.disconnect();
      clearTimeout(forzar);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => cerrar('SIGTERM'));
  process.on('SIGINT', () => cerrar('SIGINT'));
}

async function main() {
  const config = loadConfig();
  if (config.webConcurrency <= 1) return iniciarServidor(true);
  if (cluster.isPrimary) {
    const logger = crearLogger(config.logLevel);
    const db = await prepararBaseDeDatos(config, logger);
    await db.destroy();
    servirMetricasDelCluster();
    for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
    cluster.on('exit', (w, code) => {
      if (code !== 0) {
        logger.error({ pid: w.process.pid, code }, 'un proceso de la API terminó; se reinicia');
        cluster.fork();
      }
    });
    const terminar = () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    };
    process.on('SIGTERM', terminar);
    process.on('SIGINT', terminar);
    return;
  }
  return iniciarServidor(false);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

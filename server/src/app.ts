/** Builds the Express application from its parts; index.ts adds the process concerns (listen, signals, cluster). */
import '#shared/zod-es';
import { OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { cacheEnMemoria, cacheRedis } from './cache.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { Api } from './http/api.js';
import { middlewareAutenticacion } from './http/autenticacion.js';
import { cachePaginas } from './memoria/paginas.js';
import { lectorDeRevision } from './memoria/revision.js';
import { cuerpoJson } from './http/cuerpo.js';
import { estadoDeError, manejarErrores, rutaNoEncontrada } from './http/respuesta-error.js';
import { limitador } from './http/limite.js';
import { crearMetricas } from './http/metricas.js';
import { registroHttp } from './logger.js';
import { metricasDesdeElPrimario } from './metricas-cluster.js';
import { rutasAuth } from './modules/auth/routes.js';
import { crearServicioAuth } from './modules/auth/service.js';
import { opcionesAuth } from './modules/auth/opciones.js';
import { rutasCatalogos } from './modules/catalogos/routes.js';
import { rutasSalud, VERSION } from './modules/health/routes.js';
import { rutasPpsh } from './modules/ppsh/routes.js';
import { rutaRaiz, rutaSaludPpsh } from './modules/raiz/routes.js';
import { crearServicioPpsh } from './modules/ppsh/service.js';
import { rutasSync } from './modules/sync/routes.js';
import { rutasWorkflow } from './modules/workflow/routes.js';
import { rutasCasos } from './modules/casos/routes.js';
import { rutasReportes } from './modules/reportes/routes.js';
import { crearRegistroErrores } from './modules/errores/registro.js';
import { rutasErrores } from './modules/errores/routes.js';
import { crearServicioWorkflow } from './modules/workflow/service.js';

export const PREFIJO_API = '/api/v1';

export interface Dependencias {
  config: Config;
  db: Db;
  logger: Logger;
  redis?: Redis;
  /** A worker of a WEB_CONCURRENCY > 1 cluster: /metrics reports every worker, gathered by the primary. */
  enCluster?: boolean;
}

async function activosPorOficina(db: Db): Promise<Record<string, number>> {
  const filas = await db
    .selectFrom('ppsh_solicitudes')
    .innerJoin('ppsh_estados', 'ppsh_estados.cod_estado', 'ppsh_solicitudes.estado_actual')
    .select((eb) => ['ppsh_solicitudes.cod_agencia', eb.fn.countAll<number>().as('total')])
    .where('ppsh_solicitudes.activo', '=', 1)
    .where('ppsh_estados.es_final', '=', 0)
    .groupBy('ppsh_solicitudes.cod_agencia')
    .execute();
  return Object.fromEntries(filas.map((f) => [f.cod_agencia, Number(f.total)]));
}

export function crearApp({ config, db, logger, redis, enCluster = false }: Dependencias) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  const metricas = crearMetricas(() => activosPorOficina(db));
  const metricasDelCluster = enCluster ? metricasDesdeElPrimario(metricas.registry) : undefined;
  const auth = crearServicioAuth(db, opcionesAuth(config, metricas.registry));
  const ppsh = crearServicioPpsh(db, { creada: () => metricas.tramitesCreados.inc({ tipo: 'PPSH' }) });
  const workflow = crearServicioWorkflow(db, { iniciada: () => metricas.tramitesCreados.inc({ tipo: 'WORKFLOW' }) });
  const cache = redis ? cacheRedis(redis) : cacheEnMemoria();

  app.use(registroHttp(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  if (config.cors.origins.length)
    app.use(
      cors({ origin: config.cors.origins, credentials: config.cors.credentials, exposedHeaders: ['X-Request-ID'] }),
    );
  // A desk's first sync pulls hundreds of MB of JSON; gzip cuts it several-fold (binary documents are left as they are).
  app.use(compression());
  app.use(cuerpoJson('1mb'));
  if (config.metricsEnabled) app.use(metricas.middleware);

  const raiz = express.Router();
  rutaRaiz(raiz, PREFIJO_API);
  rutasSalud(
    raiz,
    db,
    config.environment,
    redis,
    config.database.kind === 'sqlite' ? config.database.file.replace(/[^/]+$/, '') : process.cwd(),
  );
  if (config.metricsEnabled) {
    raiz.get('/metrics', async (_req, res) => {
      res.setHeader('Content-Type', metricas.registry.contentType);
      res.send(metricasDelCluster ? await metricasDelCluster() : await metricas.registry.metrics());
    });
  }

  const { rateLimit: rl } = config;
  const sinLimite: express.RequestHandler = (_req, _res, next) => next();
  // A desk's first sync pulls a whole office in a few hundred requests: sync has a budget of its own, also per officer.
  const esSync = (req: express.Request) => req.path.startsWith('/sync/');
  const porFuncionario = (req: express.Request) => req.ctx!.actor.id;
  const limitesPorFuncionario = rl.enabled
    ? [
        limitador({
          nombre: 'api',
          maximo: rl.requests,
          ventanaSegundos: rl.periodSeconds,
          redis,
          clave: porFuncionario,
          omitir: esSync,
        }),
        limitador({
          nombre: 'sync',
          maximo: rl.syncRequests,
          ventanaSegundos: rl.periodSeconds,
          redis,
          clave: porFuncionario,
          omitir: (req) => !esSync(req),
        }),
      ]
    : [sinLimite];
  const limiteLogin = rl.enabled
    ? limitador({ nombre: 'login', maximo: rl.loginRequests, ventanaSegundos: rl.periodSeconds, redis })
    : sinLimite;
  // One revision query per request tells the remembered sessions and caseload pages whether they still hold.
  const revision = lectorDeRevision(db);
  const paginas = cachePaginas(revision);
  const api = new Api(PREFIJO_API, middlewareAutenticacion(auth, revision), limitesPorFuncionario);
  rutasAuth(api, auth, limiteLogin);
  rutasCatalogos(api, db, cache);
  rutasPpsh(api, db, ppsh, config.uploads, paginas);
  rutaSaludPpsh(api, db);
  rutasWorkflow(api, db, workflow);
  rutasCasos(api, db, paginas);
  rutasReportes(api, db);
  rutasSync(api, { db, uploads: config.uploads, metricas, logger });
  const errores = crearRegistroErrores(metricas.registry, logger, VERSION);
  // A desk sends its reports with its sync; a few posts an hour per officer is plenty, a loop is cut here.
  const limiteErrores = limitador({
    nombre: 'errores',
    maximo: 30,
    ventanaSegundos: 3600,
    redis,
    clave: porFuncionario,
  });
  rutasErrores(api, errores, limiteErrores);

  const documento = new OpenApiGeneratorV3(api.registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'API de Trámites Migratorios de Panamá',
      version: VERSION,
      description:
        'Expedientes PPSH, trámites por flujo, bandeja unificada, reportes, sincronización del escritorio, catálogos y autenticación. Mensajes de error en español.',
    },
    servers: [{ url: '/' }],
  });
  raiz.get('/openapi.json', (_req, res) => res.json(documento));
  raiz.use('/docs', swaggerUi.serve, swaggerUi.setup(documento, { customSiteTitle: 'API Trámites Migratorios' }));

  app.use(raiz);
  app.use(PREFIJO_API, api.router);
  app.use(rutaNoEncontrada);
  app.use(((err, req, _res, next) => {
    errores.desdeLaApi(err, estadoDeError(err), req);
    next(err);
  }) as express.ErrorRequestHandler);
  app.use(manejarErrores);
  return { app, metricas, auth, ppsh, workflow, api, cache };
}

/** /api/v1/sync: the offline desk's change feed, command push and document bytes (docs/sync.md). */
import express from 'express';
import type { Logger } from 'pino';
import { EstadoSubida, PullQuery, PullRespuesta, PushRespuesta, PushSolicitud, Sha256 } from '#shared/sync/protocolo';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { Api } from '../../http/api.js';
import { validar } from '../../http/validar.js';
import { MIMES_ARCHIVO } from '../ppsh/archivos.js';
import type { Metricas } from '../../http/metricas.js';
import { crearArchivosSync } from './archivos.js';
import { CABECERA_CLIENTE, CABECERA_PENDIENTES, CABECERA_VERSION_APP } from '#shared/sync/protocolo';
import { registrarContacto } from './escritorios.js';
import { crearMetricasSync } from './metricas.js';
import { pull } from './pull.js';
import { crearPush } from './push.js';

export interface DependenciasSync {
  db: Db;
  uploads: Config['uploads'];
  /** The app's metrics: sync metrics join its registry, and cases created by push count like REST ones. */
  metricas: Metricas;
  logger?: Logger;
}

const etiqueta = 'Sincronización';

export function rutasSync(api: Api, { db, uploads, metricas: app, logger }: DependenciasSync) {
  const metricas = crearMetricasSync(app.registry, db);
  const hooks = {
    ppsh: { creada: () => app.tramitesCreados.inc({ tipo: 'PPSH' }) },
    workflow: { iniciada: () => app.tramitesCreados.inc({ tipo: 'WORKFLOW' }) },
  };
  const push = crearPush({ db, uploads, hooks, metricas, logger });
  const archivos = crearArchivosSync(db, uploads);

  api.ruta(
    {
      method: 'get',
      path: '/sync/pull',
      resumen: 'Cambios posteriores a un cursor (oficina del usuario y catálogos), en orden',
      etiqueta,
      query: PullQuery,
      permiso: 'solicitud.ver',
      respuesta: PullRespuesta,
    },
    async ({ ctx, query, req }) => {
      // A desk that names itself: its last contact bounds the acted time of its next offline commands (escritorios.ts).
      const escritorio = req.header(CABECERA_CLIENTE);
      if (escritorio && escritorio.length <= 64) await registrarContacto(db, ctx.actor.id, escritorio, new Date());
      return pull(db, ctx.actor, query, metricas);
    },
  );
  api.ruta(
    {
      method: 'post',
      path: '/sync/push',
      resumen: 'Aplicar comandos hechos sin conexión (idempotente por mutationId)',
      etiqueta,
      body: PushSolicitud,
      respuesta: PushRespuesta,
    },
    async ({ ctx, body, req }) => {
      const respuesta = await push(ctx, body);
      await metricas.escritorio(
        ctx.actor,
        body.clientId,
        req.header(CABECERA_PENDIENTES),
        req.header(CABECERA_VERSION_APP),
      );
      return respuesta;
    },
  );

  api.ruta(
    {
      method: 'get',
      path: '/sync/archivos/{sha256}/estado',
      resumen: 'Bytes recibidos de una subida, para reanudarla',
      etiqueta,
      permiso: 'documento.subir',
      respuesta: EstadoSubida,
    },
    ({ ctx, params }) => archivos.estado(ctx.actor, validar(Sha256, params.sha256)),
  );
  api.ruta(
    {
      method: 'put',
      path: '/sync/archivos/{sha256}',
      resumen: 'Subir los bytes de un documento por SHA-256 (reanudable con Content-Range)',
      etiqueta,
      permiso: 'documento.subir',
      antes: express.raw({ type: () => true, limit: uploads.maxBytes }),
      respuesta: EstadoSubida,
    },
    ({ ctx, params, req }) =>
      archivos.recibir(
        ctx.actor,
        validar(Sha256, params.sha256),
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        req.header('content-range'),
      ),
  );
  api.ruta(
    {
      method: 'get',
      path: '/sync/archivos/{sha256}',
      resumen: 'Descargar los bytes de un documento (admite Range)',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: { descarga: MIMES_ARCHIVO },
    },
    async ({ ctx, params, res }) => {
      const sha256 = validar(Sha256, params.sha256);
      const { ruta, mime } = await archivos.paraDescarga(ctx.actor, sha256);
      res.setHeader('Content-Type', mime);
      res.setHeader('ETag', `"${sha256}"`);
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      await new Promise<void>((resolve, reject) =>
        res.sendFile(ruta, { dotfiles: 'allow' }, (e) => (e ? reject(e) : resolve())),
      );
    },
  );
  return { metricas };
}

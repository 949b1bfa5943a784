/** /api/v1/ppsh: the reference's paths and field names, with our rules and permissions (docs/compatibilidad.md). */
import fs from 'node:fs';
import multer from 'multer';
import { z } from 'zod';
import {
  Asignacion,
  CambioEstado,
  ComentarioNuevo,
  EntrevistaNueva,
  FiltrosSolicitudes,
  MetadatosDocumento,
  PagoNuevo,
  ResultadoEntrevista,
  SolicitanteCambios,
  SolicitudCambios,
  SolicitudNueva,
  VerificacionDocumento,
  ComentarioRespuesta,
  DocumentoRespuesta,
  EntrevistaRespuesta,
  EstadisticasPpsh,
  HistorialRespuesta,
  PagoRespuesta,
  SolicitudDetalle,
  SolicitudesPagina,
} from '#shared/ppsh/schemas';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../error-api.js';
import type { Api } from '../../http/api.js';
import { cuerpoOConsulta } from '../../http/cuerpo-o-consulta.js';
import { pagina } from '../../http/pagina.js';
import { alcanceDe, type CachePaginas } from '../../memoria/paginas.js';
import { MIMES_ARCHIVO, descartarSiHuerfano, guardarArchivo, rutaArchivo, validarArchivo } from './archivos.js';
import { estadisticas } from './estadisticas.js';
import { listarSolicitudes } from './repo.js';
import * as ser from './serializar.js';
import type { ServicioPpsh } from './service.js';

const etiqueta = 'PPSH';
const Comentarios = z.strictObject({ incluir_internos: z.enum(['true', 'false']).default('true') });
const Estadisticas = z.strictObject({
  agencia: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

export function rutasPpsh(api: Api, db: Db, ppsh: ServicioPpsh, uploads: Config['uploads'], paginas: CachePaginas) {
  const detalle = (ctx: Parameters<ServicioPpsh['detalle']>[0], d: Awaited<ReturnType<ServicioPpsh['detalle']>>) =>
    ser.detalleSolicitud(d.solicitud, d.solicitantes, d.documentos, ctx.actor);

  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes',
      resumen: 'Registrar una solicitud con su titular y dependientes',
      etiqueta,
      body: SolicitudNueva,
      status: 201,
      respuesta: SolicitudDetalle,
    },
    async ({ ctx, body }) => detalle(ctx, await ppsh.crear(ctx, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/solicitudes',
      resumen: 'Listar solicitudes de la oficina (filtros, búsqueda, orden, páginas)',
      etiqueta,
      query: FiltrosSolicitudes,
      permiso: 'solicitud.ver',
      respuesta: SolicitudesPagina,
    },
    async ({ req, res, ctx, query }) =>
      paginas.servir(req, res, ['ppsh', alcanceDe(ctx.actor), query], async () => {
        const { filas, ...conteo } = await listarSolicitudes(db, ctx.actor, query);
        return pagina(ser.itemsSolicitud(filas), conteo, query);
      }),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/solicitudes/{id}',
      resumen: 'Detalle de una solicitud',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: SolicitudDetalle,
    },
    async ({ ctx, params }) => detalle(ctx, await ppsh.detalle(ctx, params.id!)),
  );
  api.ruta(
    {
      method: 'put',
      path: '/ppsh/solicitudes/{id}',
      resumen: 'Actualizar datos de la solicitud',
      etiqueta,
      body: SolicitudCambios,
      respuesta: SolicitudDetalle,
    },
    async ({ ctx, params, body }) => detalle(ctx, await ppsh.editar(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'patch',
      path: '/ppsh/solicitantes/{id}',
      resumen: 'Corregir los datos de un solicitante',
      etiqueta,
      body: SolicitanteCambios,
      respuesta: SolicitudDetalle,
    },
    async ({ ctx, params, body }) => detalle(ctx, await ppsh.editarSolicitante(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes/{id}/asignar',
      resumen: 'Asignar la solicitud a un funcionario de la oficina (cuerpo JSON o ?user_id_asignado=)',
      etiqueta,
      body: Asignacion.partial(),
      query: Asignacion.partial(),
      respuesta: SolicitudDetalle,
    },
    async ({ ctx, params, body, query }) =>
      detalle(ctx, await ppsh.asignar(ctx, params.id!, cuerpoOConsulta(Asignacion, body, query).user_id_asignado)),
  );
  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes/{id}/cambiar-estado',
      resumen: 'Cambiar el estado (máquina de estados y roles)',
      etiqueta,
      body: CambioEstado,
      respuesta: SolicitudDetalle,
    },
    async ({ ctx, params, body }) => detalle(ctx, await ppsh.cambiarEstado(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/solicitudes/{id}/historial',
      resumen: 'Historial de estados',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: z.array(HistorialRespuesta),
    },
    async ({ ctx, params }) => (await ppsh.historial(ctx, params.id!)).map(ser.historial),
  );

  const subida = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: uploads.maxBytes, files: 1, fields: 10 },
  }).single('archivo');
  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes/{id}/documentos',
      resumen: 'Adjuntar un documento (multipart, campo "archivo")',
      etiqueta,
      body: MetadatosDocumento,
      status: 201,
      antes: subida,
      multipart: true,
      respuesta: DocumentoRespuesta,
    },
    async ({ ctx, params, body, req }) => {
      if (!req.file) throw new AppError('VALIDACION', 'Adjunte el archivo en el campo "archivo"');
      const nombre = Buffer.from(req.file.originalname, 'latin1').toString('utf8');
      const bytes = req.file.buffer;
      const v = validarArchivo(nombre, bytes, uploads.extensions, uploads.maxBytes);
      // Bytes after every check and before the row (a crash in between leaves an unreferenced file, never a row
      // without its file); if the row then fails, bytes this request created go too: a refused upload leaves nothing.
      let creado = false;
      try {
        return ser.documento(
          await ppsh.registrarDocumento(
            ctx,
            params.id!,
            {
              ...body,
              nombre_archivo: nombre,
              extension: v.extension,
              mime: v.mime,
              tamano: v.tamano,
              sha256: v.sha256,
            },
            async () => {
              creado = await guardarArchivo(uploads.dir, v.sha256, bytes);
            },
          ),
        );
      } catch (e) {
        if (creado) await descartarSiHuerfano(db, uploads.dir, v.sha256);
        throw e;
      }
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/documentos/{id}/archivo',
      resumen: 'Descargar el archivo de un documento',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: { descarga: MIMES_ARCHIVO },
    },
    async ({ ctx, params, res }) => {
      const d = await ppsh.documentoVisible(ctx, params.id!);
      const ruta = rutaArchivo(uploads.dir, d.sha256);
      if (!fs.existsSync(ruta))
        throw new AppError('NO_ENCONTRADO', 'El archivo del documento no está disponible en el servidor');
      res.setHeader('Content-Type', d.mime_type);
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.nombre_archivo)}`);
      res.setHeader('ETag', `"${d.sha256}"`);
      res.setHeader('X-Content-SHA256', d.sha256);
      await new Promise<void>((resolve, reject) =>
        res.sendFile(ruta, { dotfiles: 'allow' }, (e) => (e ? reject(e) : resolve())),
      );
    },
  );
  api.ruta(
    {
      method: 'patch',
      path: '/ppsh/documentos/{id}/verificar',
      resumen: 'Verificar o rechazar un documento (cuerpo JSON o ?estado=&observaciones=)',
      etiqueta,
      body: VerificacionDocumento.partial(),
      query: VerificacionDocumento.partial(),
      respuesta: DocumentoRespuesta,
    },
    async ({ ctx, params, body, query }) =>
      ser.documento(
        await ppsh.verificarDocumento(ctx, params.id!, cuerpoOConsulta(VerificacionDocumento, body, query)),
      ),
  );
  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes/{id}/entrevistas',
      resumen: 'Programar una entrevista',
      etiqueta,
      body: EntrevistaNueva,
      status: 201,
      respuesta: EntrevistaRespuesta,
    },
    async ({ ctx, params, body }) => ser.entrevista(await ppsh.programarEntrevista(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/solicitudes/{id}/entrevistas',
      resumen: 'Entrevistas de una solicitud',
      etiqueta,
      permiso: 'solicitud.ver',
      respuesta: z.array(EntrevistaRespuesta),
    },
    async ({ ctx, params }) => (await ppsh.entrevistas(ctx, params.id!)).map(ser.entrevista),
  );
  api.ruta(
    {
      method: 'put',
      path: '/ppsh/entrevistas/{id}',
      resumen: 'Registrar el resultado de una entrevista',
      etiqueta,
      body: ResultadoEntrevista,
      respuesta: EntrevistaRespuesta,
    },
    async ({ ctx, params, body }) => ser.entrevista(await ppsh.registrarResultadoEntrevista(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes/{id}/comentarios',
      resumen: 'Agregar un comentario',
      etiqueta,
      body: ComentarioNuevo,
      status: 201,
      respuesta: ComentarioRespuesta,
    },
    async ({ ctx, params, body }) => ser.comentario(await ppsh.comentar(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/solicitudes/{id}/comentarios',
      resumen: 'Comentarios (los internos solo para funcionarios autorizados)',
      etiqueta,
      query: Comentarios,
      permiso: 'solicitud.ver',
      respuesta: z.array(ComentarioRespuesta),
    },
    async ({ ctx, params, query }) =>
      (await ppsh.comentarios(ctx, params.id!, query.incluir_internos === 'true')).map(ser.comentario),
  );
  api.ruta(
    {
      method: 'post',
      path: '/ppsh/solicitudes/{id}/pagos',
      resumen: 'Registrar un pago (monto según el concepto)',
      etiqueta,
      body: PagoNuevo,
      status: 201,
      respuesta: PagoRespuesta,
    },
    async ({ ctx, params, body }) => ser.pago(await ppsh.registrarPago(ctx, params.id!, body)),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/solicitudes/{id}/pagos',
      resumen: 'Pagos de una solicitud',
      etiqueta,
      respuesta: z.array(PagoRespuesta),
    },
    async ({ ctx, params }) => (await ppsh.pagos(ctx, params.id!)).map(ser.pago),
  );
  api.ruta(
    {
      method: 'get',
      path: '/ppsh/estadisticas',
      resumen: 'Cifras del tablero por oficina',
      etiqueta,
      query: Estadisticas,
      permiso: 'estadisticas.ver',
      respuesta: EstadisticasPpsh,
    },
    ({ ctx, query }) => estadisticas(db, ctx.actor, query.agencia),
  );
}

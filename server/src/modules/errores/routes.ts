/** /api/v1/errores: a desk delivers its grouped error reports (registro.ts), bounded in size and rate. */
import type { RequestHandler } from 'express';
import { EnvioReportesError, RecepcionReportesError } from '#shared/errores/reporte';
import type { Api } from '../../http/api.js';
import type { RegistroErrores } from './registro.js';

export function rutasErrores(api: Api, registro: RegistroErrores, limite: RequestHandler) {
  api.ruta(
    {
      method: 'post',
      path: '/errores',
      resumen:
        'Reportes de errores inesperados del escritorio, agrupados por huella (código y marco superior de la pila, sin datos personales)',
      etiqueta: 'Operación',
      body: EnvioReportesError,
      antes: limite,
      respuesta: RecepcionReportesError,
    },
    async ({ body, ctx }) => ({ recibidos: registro.desdeEscritorio(body.reportes, ctx.actor) }),
  );
}

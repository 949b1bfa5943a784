/** /api/v1/reportes: dashboard figures for a date range, and their export as CSV or XLSX. */
import { z } from 'zod';
import { TIPOS_CASO } from '#shared/casos/schemas';
import { fechaIso } from '#shared/ppsh/schemas';
import { ResumenReporte } from '#shared/reportes/schemas';
import type { Db } from '../../db/connect.js';
import type { Api } from '../../http/api.js';
import { TIPOS_EXPORTACION, exportarTabla } from './exportar.js';
import { resumen } from './service.js';

const etiqueta = 'Reportes';
const Rango = z
  .strictObject({
    desde: fechaIso.optional(),
    hasta: fechaIso.optional(),
    agencia: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    tipo: z.enum(TIPOS_CASO).optional(),
  })
  .refine((r) => !r.desde || !r.hasta || r.desde <= r.hasta, { error: 'desde debe ser anterior o igual a hasta' });
const Exportar = Rango.safeExtend({ formato: z.enum(['csv', 'xlsx']).default('xlsx') });

interface Indicador {
  seccion: string;
  clave: string;
  valor: number | string | null;
}

export function rutasReportes(api: Api, db: Db) {
  api.ruta(
    {
      method: 'get',
      path: '/reportes/resumen',
      resumen:
        'Cifras del tablero: por estado y tipo, plazos vencidos, tasa de aprobación, días promedio, tendencia mensual',
      etiqueta,
      query: Rango,
      permiso: 'estadisticas.ver',
      respuesta: ResumenReporte,
    },
    ({ ctx, query }) => resumen(db, ctx.actor, query),
  );
  api.ruta(
    {
      method: 'get',
      path: '/reportes/resumen/exportar',
      resumen: 'Exportar las cifras del tablero (CSV o XLSX)',
      etiqueta,
      query: Exportar,
      permiso: 'estadisticas.ver',
      respuesta: { descarga: TIPOS_EXPORTACION },
    },
    async ({ ctx, query, res }) => {
      const { formato, ...rango } = query;
      const r = await resumen(db, ctx.actor, rango);
      const filas: Indicador[] = [
        { seccion: 'Periodo', clave: 'Desde', valor: r.desde },
        { seccion: 'Periodo', clave: 'Hasta', valor: r.hasta },
        { seccion: 'Totales', clave: 'Casos', valor: r.total },
        { seccion: 'Totales', clave: 'Plazo vencido', valor: r.vencidos },
        { seccion: 'Totales', clave: 'Tasa de aprobación (%)', valor: r.tasa_aprobacion },
        { seccion: 'Totales', clave: 'Días promedio de procesamiento', valor: r.promedio_dias_procesamiento },
        ...r.por_estado.map((e) => ({ seccion: `Por estado (${e.tipo})`, clave: e.nombre, valor: e.total })),
        ...r.por_agencia.map((a) => ({ seccion: 'Por oficina', clave: a.agencia, valor: a.total })),
        ...r.tendencia_mensual.map((m) => ({ seccion: 'Tendencia mensual', clave: m.mes, valor: m.total })),
      ];
      async function* unLote() {
        yield filas;
      }
      await exportarTabla(
        res,
        formato,
        'reporte',
        [
          { titulo: 'Sección', valor: (f: Indicador) => f.seccion, ancho: 28 },
          { titulo: 'Indicador', valor: (f) => f.clave, ancho: 36 },
          { titulo: 'Valor', valor: (f) => f.valor },
        ],
        unLote(),
      );
    },
  );
}

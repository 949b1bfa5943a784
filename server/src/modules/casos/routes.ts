/** /api/v1/casos: the unified caseload of both kinds, the supervisor's approval queue, and its CSV/XLSX export. */
import { z } from 'zod';
import { CasosPagina, FiltrosCasos, FiltrosCola, type CasoItem } from '#shared/casos/schemas';
import { rolValida } from '#shared/workflow/perfiles';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { permisoDenegado } from '../../error-api.js';
import type { Api } from '../../http/api.js';
import { pagina } from '../../http/pagina.js';
import { alcanceDe, type CachePaginas } from '../../memoria/paginas.js';
import { TIPOS_EXPORTACION, exportarTabla, instantePanama, type Columna } from '../reportes/exportar.js';
import { listarCasos } from './repo.js';

const etiqueta = 'Casos';
/** Rows per export: past this, narrow the filters (an export is a working list, not a backup). */
export const LIMITE_EXPORTACION = 20_000;
const LOTE_EXPORTACION = 1_000;

const ExportarCasos = FiltrosCasos.omit({ page: true, page_size: true }).extend({
  formato: z.enum(['csv', 'xlsx']).default('xlsx'),
});

const COLUMNAS: Columna<CasoItem>[] = [
  { titulo: 'Número', valor: (c) => c.numero, ancho: 30 },
  { titulo: 'Tipo', valor: (c) => c.tipo },
  { titulo: 'Trámite', valor: (c) => c.workflow_codigo ?? 'PPSH', ancho: 24 },
  { titulo: 'Titular', valor: (c) => c.titular, ancho: 32 },
  { titulo: 'Documento', valor: (c) => c.documento },
  { titulo: 'Estado', valor: (c) => c.estado.nombre, ancho: 36 },
  { titulo: 'Prioridad', valor: (c) => c.prioridad },
  { titulo: 'Asignado a', valor: (c) => c.asignado?.nombre ?? null, ancho: 30 },
  { titulo: 'Oficina', valor: (c) => c.agencia },
  { titulo: 'Fecha de apertura', valor: (c) => c.fecha_apertura },
  { titulo: 'Días abierto', valor: (c) => c.dias_abierto },
  { titulo: 'Estado del plazo', valor: (c) => c.sla.estado },
  { titulo: 'Días hábiles del plazo', valor: (c) => c.sla.dias_habiles },
  { titulo: 'En el estado desde (hora de Panamá)', valor: (c) => instantePanama(c.fecha_estado), ancho: 22 },
  { titulo: 'Última actualización (hora de Panamá)', valor: (c) => instantePanama(c.updated_at), ancho: 22 },
];

/** What of the caller a unified caseload page depends on: the office scope, and the officer for "mine" (repo.ts). */
const alcanceCasos = (actor: Actor, filtros: { page: number; mios?: boolean }) =>
  [alcanceDe(actor), filtros.mios ? actor.id : null, filtros] as const;

export function rutasCasos(api: Api, db: Db, paginas: CachePaginas) {
  api.ruta(
    {
      method: 'get',
      path: '/casos',
      resumen: 'Bandeja unificada: solicitudes PPSH y trámites de workflow de la oficina',
      etiqueta,
      query: FiltrosCasos,
      permiso: 'solicitud.ver',
      respuesta: CasosPagina,
    },
    async ({ req, res, ctx, query }) =>
      paginas.servir(req, res, ['casos', ...alcanceCasos(ctx.actor, query)], async () => {
        const { items, ...conteo } = await listarCasos(db, ctx.actor, { filtros: query });
        return pagina(items, conteo, query);
      }),
  );
  api.ruta(
    {
      method: 'get',
      path: '/casos/cola-aprobacion',
      resumen: 'Cola de aprobación: PPSH en EN_APROBACION y etapas que requieren validación (más antiguos primero)',
      etiqueta,
      query: FiltrosCola,
      respuesta: CasosPagina,
    },
    async ({ req, res, ctx, query }) => {
      if (!rolValida(ctx.actor.rol))
        throw permisoDenegado('La cola de aprobación es de la jefatura (SUPERVISOR) y del administrador');
      return paginas.servir(req, res, ['cola', ...alcanceCasos(ctx.actor, query)], async () => {
        const { items, ...conteo } = await listarCasos(db, ctx.actor, { filtros: query, cola: true });
        return pagina(items, conteo, query);
      });
    },
  );
  api.ruta(
    {
      method: 'get',
      path: '/casos/exportar',
      resumen: `Exportar la bandeja filtrada (CSV o XLSX, hasta ${LIMITE_EXPORTACION} filas)`,
      etiqueta,
      query: ExportarCasos,
      permiso: 'solicitud.ver',
      respuesta: { descarga: TIPOS_EXPORTACION },
    },
    async ({ ctx, query, res }) => {
      const { formato, ...filtros } = query;
      async function* lotes() {
        for (let page = 1; page * LOTE_EXPORTACION <= LIMITE_EXPORTACION; page++) {
          const { items } = await listarCasos(db, ctx.actor, {
            filtros: { ...filtros, page, page_size: LOTE_EXPORTACION },
          });
          if (items.length) yield items;
          if (items.length < LOTE_EXPORTACION) return;
        }
      }
      await exportarTabla(res, formato, 'casos', COLUMNAS, lotes());
    },
  );
}

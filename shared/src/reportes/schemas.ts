/** Response body of /reportes/resumen (docs/contrato-api.md): the dashboard figures of a date range, strict. */
import { z } from 'zod';
import { EstadoCaso, TIPOS_CASO } from '../casos/schemas.js';
import { fechaIso } from '../ppsh/schemas.js';

const conteo = z.number().int().nonnegative();
/** Days, one decimal; null when no case closed in the range. */
const dias = z.number().nullable();

export const ResumenReporte = z.strictObject({
  desde: fechaIso,
  hasta: fechaIso,
  fecha_corte: fechaIso,
  /** null: every office (ADMIN without filter). */
  agencia: z.string().nullable(),
  total: conteo,
  por_tipo: z.array(
    z.strictObject({
      tipo: z.enum(TIPOS_CASO),
      total: conteo,
      vencidos: conteo,
      aprobados: conteo,
      rechazados: conteo,
      promedio_dias_procesamiento: dias,
    }),
  ),
  por_estado: z.array(EstadoCaso.extend({ tipo: z.enum(TIPOS_CASO), total: conteo })),
  por_agencia: z.array(z.strictObject({ agencia: z.string(), total: conteo })),
  vencidos: conteo,
  aprobados: conteo,
  rechazados: conteo,
  /** Percent of decided cases that were approved; null when none was decided. */
  tasa_aprobacion: z.number().nullable(),
  promedio_dias_procesamiento: dias,
  tendencia_mensual: z.array(
    z.strictObject({ mes: z.string().regex(/^\d{4}-\d{2}$/), ppsh: conteo, workflow: conteo, total: conteo }),
  ),
});

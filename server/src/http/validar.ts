import type { z } from 'zod';
import { AppError } from '../error-api.js';
import { describirCampoNoPermitido } from './campos-legados.js';

/** Parses input with a shared schema; failures become one VALIDACION error listing every field and its Spanish message. */
export function validar<S extends z.ZodType>(schema: S, datos: unknown): z.output<S> {
  const r = schema.safeParse(datos);
  if (r.success) return r.data;
  const campos = r.error.issues.map((i) => ({
    campo: i.path.join('.') || null,
    mensaje:
      i.code === 'unrecognized_keys'
        ? `Campos no permitidos: ${i.keys.map(describirCampoNoPermitido).join(', ')}`
        : i.message,
  }));
  throw new AppError(
    'VALIDACION',
    `Datos inválidos: ${campos.map((c) => (c.campo ? `${c.campo}: ${c.mensaje}` : c.mensaje)).join('; ')}`,
    campos,
  );
}

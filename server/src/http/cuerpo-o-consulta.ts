/**
 * Commands the reference took as query parameters (`asignar?user_id_asignado=`, `verificar?estado=`) and we take as a
 * JSON body: either form is accepted, both when they agree; a field given twice with two values is refused rather
 * than guessed (docs/compatibilidad.md).
 */
import type { z } from 'zod';
import { AppError } from '../error-api.js';
import { validar } from './validar.js';

export function cuerpoOConsulta<S extends z.ZodType>(
  schema: S,
  cuerpo: Record<string, unknown> | undefined,
  consulta: Record<string, unknown> | undefined,
): z.output<S> {
  const definidos = (o: Record<string, unknown> = {}) => Object.entries(o).filter(([, v]) => v !== undefined);
  const unidos: Record<string, unknown> = Object.fromEntries(definidos(consulta));
  const distintos: { campo: string; mensaje: string }[] = [];
  for (const [campo, valor] of definidos(cuerpo)) {
    if (campo in unidos && unidos[campo] !== valor)
      distintos.push({ campo, mensaje: 'llegó en el cuerpo y en la consulta con valores distintos' });
    unidos[campo] = valor;
  }
  if (distintos.length)
    throw new AppError(
      'VALIDACION',
      `Datos contradictorios: ${distintos.map((d) => d.campo).join(', ')} llegó en el cuerpo JSON y en la consulta con valores distintos; envíe uno solo`,
      distintos,
    );
  return validar(schema, unidos);
}

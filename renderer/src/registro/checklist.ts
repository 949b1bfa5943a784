/** The decree's document checklist from the mirrored catalogue, with the minors' power of attorney required only when a dependent is a minor. */
import { edadEn } from '#shared/ppsh/schemas';
import { fechaPanama } from '#shared/calendario';

export interface TipoDocumento {
  cod: number;
  nombre: string;
  descripcion: string;
  categoria: string;
  obligatorio: boolean;
}

export const hayMenores = (nacimientos: string[], hoy = fechaPanama()) =>
  nacimientos.some((f) => /^\d{4}-\d{2}-\d{2}$/.test(f) && f <= hoy && edadEn(f, hoy) < 18);

export function checklist(filas: Record<string, unknown>[], conMenores: boolean): TipoDocumento[] {
  return filas
    .filter((f) => Number(f.activo ?? 1) === 1)
    .sort((a, b) => Number(a.orden) - Number(b.orden))
    .map((f) => ({
      cod: Number(f.cod_tipo_doc),
      nombre: String(f.nombre_tipo),
      descripcion: String(f.descripcion ?? ''),
      categoria: String(f.categoria),
      obligatorio: Number(f.es_obligatorio) === 1 || (conMenores && f.categoria === 'MENORES'),
    }));
}

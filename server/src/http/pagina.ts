import type { Conteo } from '../db/busqueda.js';

export const paginas = (total: number, pageSize: number) => Math.ceil(total / pageSize);

/**
 * The caseload's page shape: `total` is exact up to TOPE_CONTEO cases; `hay_mas` says there are more than that, and
 * then `pages` counts only the pages up to the cap (later pages still answer, by offset). `total_pages` is the same
 * figure under the reference's name (docs/compatibilidad.md).
 */
export function pagina<T>(items: T[], conteo: Conteo, q: { page: number; page_size: number }) {
  return {
    items,
    total: conteo.total,
    hay_mas: conteo.hay_mas,
    page: q.page,
    page_size: q.page_size,
    pages: paginas(conteo.total, q.page_size),
    total_pages: paginas(conteo.total, q.page_size),
  };
}

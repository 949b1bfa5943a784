import type { Conteo } from '../db/busqueda.js';

export const paginas = (total: number, pageSize: number) => Math.ceil(total / pageSize);

/**
 * The caseload's page shape: `total` is exact up to TOPE_CONTEO cases; `total_es_minimo` says the count stopped there
 * (more cases match), and then `pages` counts only the pages up to the cap (later pages still answer, by offset). It
 * was `hay_mas` until issue 12, which read as "no more pages" when false on page 1 of 11. `total_pages` is the same
 * figure under the reference's name (docs/compatibilidad.md).
 */
export function pagina<T>(items: T[], conteo: Conteo, q: { page: number; page_size: number }) {
  return {
    items,
    total: conteo.total,
    total_es_minimo: conteo.total_es_minimo,
    page: q.page,
    page_size: q.page_size,
    pages: paginas(conteo.total, q.page_size),
    total_pages: paginas(conteo.total, q.page_size),
  };
}

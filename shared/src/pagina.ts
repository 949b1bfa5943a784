/**
 * The page every list of cases answers with (server/src/http/pagina.ts builds it): the response schema of one page of
 * `item`, strict like every response body (docs/contrato-api.md).
 */
import { z } from 'zod';

export const paginaDe = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    /** Exact up to the count's cap; past it `total_es_minimo` is true and `total` and `pages` stop at the cap. */
    total: z.number().int().nonnegative(),
    total_es_minimo: z.boolean(),
    page: z.number().int().positive(),
    page_size: z.number().int().positive(),
    pages: z.number().int().nonnegative(),
    /** `pages` under the reference's name (docs/compatibilidad.md). */
    total_pages: z.number().int().nonnegative(),
  });

/** A case's search text and titular columns, kept in step with its number, name and the well-known answers. */
import { normalizarBusqueda } from '#shared/texto';
import type { Valores } from '#shared/workflow/motor';
import { titularDeRespuestas } from '#shared/workflow/titular';
import type { WorkflowInstanciaRow } from '../../../db/schema.js';

export function textoBusqueda(
  i: Pick<
    WorkflowInstanciaRow,
    'num_expediente' | 'referencia_provisional' | 'nombre_instancia' | 'nombre_titular' | 'documento_titular'
  >,
) {
  return normalizarBusqueda(
    [i.num_expediente, i.referencia_provisional, i.nombre_instancia, i.nombre_titular, i.documento_titular]
      .filter(Boolean)
      .join(' '),
  ).slice(0, 4000);
}

/** Titular columns (and the search text) refreshed from well-known answers. */
export function camposTitular(i: WorkflowInstanciaRow, valores: Valores) {
  const t = titularDeRespuestas(valores);
  if (!t.nombre_titular && !t.documento_titular) return {};
  const nuevo = { ...i, ...t };
  return { ...t, texto_busqueda: textoBusqueda(nuevo) };
}

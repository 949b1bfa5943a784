/** Reading one case whole: the case, its people and its documents, as every command answers after it writes. */
import type { Contexto } from '../../../contexto.js';
import { documentosDe, solicitantesDe, solicitudVisible } from '../repo.js';
import type { Entorno, Lector } from '../../../entorno.js';

export async function detalleDe(lector: Lector, ctx: Contexto, id: string) {
  const s = await solicitudVisible(lector, ctx.actor, id);
  const [solicitantes, documentos] = await Promise.all([solicitantesDe(lector, id), documentosDe(lector, id)]);
  return { solicitud: s, solicitantes, documentos };
}

/** The service methods this use case contributes (../service.ts composes them). */
export function metodos(e: Entorno) {
  return {
    detalle: (ctx: Contexto, id: string, lector: Lector = e.db) => detalleDe(lector, ctx, id),
  };
}

/** Answering the current stage's questions without leaving it (a form filled in several sittings). */
import { validarRespuestasEtapa } from '#shared/workflow/reglas';
import type { RespuestasEtapa } from '#shared/workflow/schemas';
import type { Contexto } from '../../../contexto.js';
import type { Entorno } from '../../../entorno.js';
import { cumplir } from '../../../error-api.js';
import { actualizar } from '../../../escritor.js';
import { etapaActual, guardarRespuestas } from './etapa-actual.js';
import { camposTitular } from './titular.js';

export function metodos(e: Entorno) {
  return {
    async responder(ctx: Contexto, id: string, r: RespuestasEtapa): Promise<void> {
      await e.enTransaccion(async (trx) => {
        const { i, etapa, valores } = await etapaActual(trx, ctx, id, r.respuestas, r.version);
        cumplir(validarRespuestasEtapa(ctx.actor.rol, etapa, valores, r.respuestas));
        await guardarRespuestas(trx, ctx, i, etapa, r.respuestas, valores, false);
        await actualizar(trx, ctx, 'workflow_instancias', i, camposTitular(i, valores), 'RESPONDER', r.version);
      });
    },
  };
}

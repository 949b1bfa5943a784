/** Starting a case from the active version of a template, at its initial stage, if the actor's role may create it. */
import { v7 as uuidv7 } from 'uuid';
import { fechaPanama } from '#shared/calendario';
import { validarInicio } from '#shared/workflow/reglas';
import type { InstanciaNueva } from '#shared/workflow/schemas';
import { instanciaNueva } from '#shared/workflow/transicion';
import type { Contexto } from '../../../contexto.js';
import { ahora } from '../../../db/escritura.js';
import { formatoNumero, numeroDevuelto, siguienteValor } from '../../../db/secuencias.js';
import type { Entorno } from '../../../entorno.js';
import { AppError, cumplir, noEncontrado } from '../../../error-api.js';
import { insertar } from '../../../escritor.js';
import { cargarPlantilla, type Plantilla } from '../repo.js';
import { validarAsignado } from './comprobaciones.js';
import { registrarHistorial } from './historial.js';
import { textoBusqueda } from './titular.js';

export interface HooksWorkflow {
  /** Called after a case is started (metrics). */
  iniciada?: () => void;
}

export function metodos(e: Entorno, hooks: HooksWorkflow) {
  return {
    /** `num_expediente_anterior`: only a desk's re-sent start carries it (sync push; REST's schema has none). */
    async iniciarInstancia(
      ctx: Contexto,
      datos: InstanciaNueva & { num_expediente_anterior?: string },
    ): Promise<string> {
      const id = await e.enTransaccion(async (trx) => {
        let q = trx.selectFrom('workflows').select('id').where('activo', '=', 1);
        q = datos.workflow_id
          ? q.where('id', '=', datos.workflow_id)
          : q.where('codigo', '=', datos.workflow_codigo!).where('estado', '=', 'ACTIVO');
        const wfId = (await q.executeTakeFirst())?.id;
        if (!wfId) throw noEncontrado(`La plantilla ${datos.workflow_codigo ?? datos.workflow_id} (activa)`);
        const plantilla: Plantilla = await cargarPlantilla(trx, wfId);
        const wf = plantilla.workflow;
        const creadores = JSON.parse(wf.perfiles_creadores) as string[];
        const inicio = validarInicio({ ...wf, creadores, def: plantilla.def }, ctx.actor.rol);
        if (!inicio.ok) cumplir(inicio);
        const { inicial } = inicio;
        const id = datos.id ?? uuidv7();
        if (await trx.selectFrom('workflow_instancias').select('id').where('id', '=', id).executeTakeFirst())
          throw new AppError('DUPLICADO', 'Ya existe un trámite con ese identificador');
        if (datos.asignado_a_user_id) await validarAsignado(trx, datos.asignado_a_user_id, ctx.actor.cod_agencia);
        const instante = ahora();
        const hoy = fechaPanama();
        const anio = Number(hoy.slice(0, 4));
        const prefijo = `WF-${wf.codigo}`;
        // Re-sent after a restore: the number on the applicant's receipt, unless someone else holds it now.
        const devuelto =
          datos.num_expediente_anterior &&
          (await numeroDevuelto(trx, prefijo, datos.num_expediente_anterior, async (n) =>
            Boolean(
              await trx.selectFrom('workflow_instancias').select('id').where('num_expediente', '=', n).executeTakeFirst(),
            ),
          ));
        const num = devuelto || formatoNumero(prefijo, anio, await siguienteValor(trx, prefijo, anio));
        const fila = {
          id,
          num_expediente: num,
          ...instanciaNueva({ datos, workflow: wf, inicial, actor: ctx.actor, instante, hoy }),
        };
        const i = await insertar(trx, ctx, 'workflow_instancias', { ...fila, texto_busqueda: textoBusqueda(fila) });
        await registrarHistorial(trx, ctx, i, 'INICIO', {
          destino: inicial.id,
          estado_nuevo: 'INICIADO',
          descripcion: `Trámite iniciado en ${inicial.codigo}`,
        });
        return id;
      });
      hooks.iniciada?.();
      return id;
    },
  };
}

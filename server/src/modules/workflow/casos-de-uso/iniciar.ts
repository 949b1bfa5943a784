/**
 * Starting a case from the active version of a template, at its initial stage, if the actor's role may create it. A case
 * a desk started offline keeps the version the desk started it on, even if a newer one was published meanwhile, as
 * running cases keep theirs (docs/workflow.md "Versiones").
 */
import { v7 as uuidv7 } from 'uuid';
import { fechaPanama } from '#shared/calendario';
import { validarInicio } from '#shared/workflow/reglas';
import type { InstanciaNueva } from '#shared/workflow/schemas';
import { instanciaNueva } from '#shared/workflow/transicion';
import { VENTANA_OFFLINE_MS } from '#shared/sync/hora-accion';
import { momentoDe, type Contexto } from '../../../contexto.js';
import type { Trx } from '../../../db/escritura.js';
import type { WorkflowRow } from '../../../db/schema.js';
import { formatoNumero, numeroDevuelto, siguienteValor } from '../../../db/secuencias.js';
import type { Entorno } from '../../../entorno.js';
import { AppError, cumplir, noEncontrado } from '../../../error-api.js';
import { insertar } from '../../../escritor.js';
import { cargarPlantilla, type Plantilla } from '../repo.js';
import { exigirReferenciaLibre } from '../../casos/referencia-provisional.js';
import { validarAsignado } from './comprobaciones.js';
import { registrarHistorial } from './historial.js';
import { textoBusqueda } from './titular.js';

export interface HooksWorkflow {
  /** Called after a case is started (metrics). */
  iniciada?: () => void;
}

/** dd/mm/aaaa in Panama, for a message. */
const dia = (instante: string) => fechaPanama(new Date(instante)).split('-').reverse().join('/');

/**
 * The estado the start is judged by. A desk's offline start (ctx.hechoEn) names the version its mirror had active: if
 * a newer version of the same code has replaced it since (INACTIVO, graph intact) and that happened within the offline
 * window before she acted, her desk may not have heard of it yet, so the case starts on her version (ACTIVO for the
 * rule). A version retired without a successor, archived, or replaced long before is refused saying what to do.
 */
async function estadoParaIniciar(trx: Trx, ctx: Contexto, wf: WorkflowRow): Promise<string> {
  const offline = ctx.hechoEn !== undefined;
  if (!offline || (wf.estado === 'ACTIVO' && wf.activo)) return wf.estado;
  const sucesora = await trx
    .selectFrom('workflows')
    .select(['version_plantilla', 'created_at'])
    .where('codigo', '=', wf.codigo)
    .where('estado', '=', 'ACTIVO')
    .where('activo', '=', 1)
    .where('id', '<>', wf.id)
    .executeTakeFirst();
  const version = `${wf.codigo} (versión ${wf.version_plantilla})`;
  if (!wf.activo || wf.estado !== 'INACTIVO' || !sucesora)
    throw new AppError(
      'REGLA_NEGOCIO',
      `La plantilla ${version} fue retirada (${wf.activo ? wf.estado : 'ARCHIVADO'}) y ya no inicia trámites; ` +
        `este trámite iniciado sin conexión no se registró. ${
          sucesora
            ? `Inícielo de nuevo: se usará la versión vigente ${sucesora.version_plantilla}.`
            : 'Consulte al administrador qué plantilla usar ahora y descarte este inicio.'
        }`,
    );
  // Replaced when its successor was made (the successor's row is created in the same transaction that retires it).
  if (new Date(sucesora.created_at).getTime() < new Date(ctx.hechoEn!).getTime() - VENTANA_OFFLINE_MS)
    throw new AppError(
      'REGLA_NEGOCIO',
      `La plantilla ${version} fue reemplazada por la versión ${sucesora.version_plantilla} el ` +
        `${dia(sucesora.created_at)}, más de ${VENTANA_OFFLINE_MS / 86_400_000} días antes de este inicio sin ` +
        `conexión; el trámite no se registró. Inícielo de nuevo con la versión ${sucesora.version_plantilla}.`,
    );
  return 'ACTIVO';
}

export function metodos(e: Entorno, hooks: HooksWorkflow) {
  return {
    /** `num_expediente_anterior`: only a desk's re-sent start carries it (sync push; REST's schema has none). */
    async iniciarInstancia(
      ctx: Contexto,
      datos: InstanciaNueva & { num_expediente_anterior?: string },
    ): Promise<string> {
      const id = await e.enTransaccion(async (trx) => {
        let q = trx.selectFrom('workflows').selectAll();
        // An offline start names its version by id and is judged below even if that version is no longer active.
        if (ctx.hechoEn === undefined || !datos.workflow_id) q = q.where('activo', '=', 1);
        q = datos.workflow_id
          ? q.where('id', '=', datos.workflow_id)
          : q.where('codigo', '=', datos.workflow_codigo!).where('estado', '=', 'ACTIVO');
        const elegida = await q.executeTakeFirst();
        if (!elegida) throw noEncontrado(`La plantilla ${datos.workflow_codigo ?? datos.workflow_id} (activa)`);
        const estado = await estadoParaIniciar(trx, ctx, elegida);
        const plantilla: Plantilla = await cargarPlantilla(trx, elegida.id);
        const wf = plantilla.workflow;
        const creadores = JSON.parse(wf.perfiles_creadores) as string[];
        const inicio = validarInicio({ ...wf, estado, creadores, def: plantilla.def }, ctx.actor.rol);
        if (!inicio.ok) cumplir(inicio);
        const { inicial } = inicio;
        const id = datos.id ?? uuidv7();
        if (await trx.selectFrom('workflow_instancias').select('id').where('id', '=', id).executeTakeFirst())
          throw new AppError('DUPLICADO', 'Ya existe un trámite con ese identificador');
        await exigirReferenciaLibre(trx, 'workflow_instancias', datos.referencia_provisional);
        if (datos.asignado_a_user_id) await validarAsignado(trx, datos.asignado_a_user_id, ctx.actor.cod_agencia);
        // Started offline: it opened (and its deadline runs from) when the officer started it.
        const instante = momentoDe(ctx);
        const hoy = fechaPanama(new Date(instante));
        const anio = Number(hoy.slice(0, 4));
        const prefijo = `WF-${wf.codigo}`;
        // Re-sent after a restore: the number on the applicant's receipt, unless someone else holds it now.
        const devuelto =
          datos.num_expediente_anterior &&
          (await numeroDevuelto(trx, prefijo, datos.num_expediente_anterior, async (n) =>
            Boolean(
              await trx
                .selectFrom('workflow_instancias')
                .select('id')
                .where('num_expediente', '=', n)
                .executeTakeFirst(),
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

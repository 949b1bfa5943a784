/**
 * Changing an open case outside its stages: editing its fields, reassigning it, cancelling it, each as the role allows.
 */
import { rechazoSiTramiteCerrado, validarCambiosInstancia } from '#shared/workflow/reglas';
import type { InstanciaCambios } from '#shared/workflow/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { comprobarVersion } from '../../../db/escritura.js';
import type { WorkflowInstanciaRow } from '../../../db/schema.js';
import type { Entorno } from '../../../entorno.js';
import { cumplir } from '../../../error-api.js';
import { actualizar } from '../../../escritor.js';
import { instanciaVisible } from '../repo.js';
import { validarAsignado } from './comprobaciones.js';
import { registrarHistorial } from './historial.js';
import { textoBusqueda } from './titular.js';

export function metodos(e: Entorno) {
  return {
    async editarInstancia(ctx: Contexto, id: string, c: InstanciaCambios): Promise<void> {
      await e.enTransaccion(async (trx) => {
        const i = await instanciaVisible(trx, ctx.actor, id);
        comprobarVersion(i, c.version);
        cumplir(rechazoSiTramiteCerrado(i.estado));
        const { version, estado, asignado_a_user_id, observaciones, metadata_adicional, ...campos } = c;
        cumplir(
          validarCambiosInstancia(ctx.actor.rol, {
            cancela: Boolean(estado),
            asigna: asignado_a_user_id !== undefined,
            edita: Boolean(Object.keys(campos).length || metadata_adicional),
          }),
        );
        if (asignado_a_user_id) await validarAsignado(trx, asignado_a_user_id, i.cod_agencia);
        const instante = momentoDe(ctx);
        const cambios: Partial<WorkflowInstanciaRow> = { ...campos, updated_by: ctx.actor.id };
        if (metadata_adicional) cambios.metadata_adicional = JSON.stringify(metadata_adicional);
        if (asignado_a_user_id !== undefined)
          Object.assign(cambios, { asignado_a_user_id, fecha_asignacion: asignado_a_user_id ? instante : null });
        if (estado) Object.assign(cambios, { estado, fecha_fin: instante, pendiente_validacion: 0 });
        if (estado)
          await registrarHistorial(trx, ctx, i, 'CAMBIO_ESTADO', {
            estado_nuevo: estado,
            descripcion: observaciones ?? 'Trámite cancelado',
          });
        if (asignado_a_user_id !== undefined && asignado_a_user_id !== i.asignado_a_user_id)
          await registrarHistorial(trx, ctx, i, 'ASIGNACION', {
            descripcion: 'Cambio de funcionario asignado',
            datos: { anterior: i.asignado_a_user_id, nuevo: asignado_a_user_id },
          });
        const nueva = { ...i, ...cambios };
        await actualizar(
          trx,
          ctx,
          'workflow_instancias',
          i,
          { ...cambios, texto_busqueda: textoBusqueda(nueva) },
          'ACTUALIZAR',
          version,
        );
      });
    },
  };
}

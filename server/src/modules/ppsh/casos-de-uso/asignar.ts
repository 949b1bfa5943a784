/** Handing a case to an officer of its office, with an internal comment that says to whom. */
import { momentoDe, type Contexto } from '../../../contexto.js';
import { AppError } from '../../../error-api.js';
import { actualizar } from '../../../escritor.js';
import { solicitudVisible } from '../repo.js';
import { comentarEn } from './comentarios.js';
import { funcionarioDeOficina } from './comprobaciones.js';
import { detalleDe } from './consultar.js';
import { exigir, type Entorno } from '../../../entorno.js';

export function metodos(e: Entorno) {
  return {
    async asignar(ctx: Contexto, id: string, usuarioId: string) {
      exigir(ctx, 'solicitud.asignar');
      await e.enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        const u = await funcionarioDeOficina(trx, usuarioId, s.cod_agencia);
        if (u.rol === 'CONSULTA')
          throw new AppError('REGLA_NEGOCIO', 'Un usuario de consulta no puede tener expedientes asignados');
        await actualizar(
          trx,
          ctx,
          'ppsh_solicitudes',
          s,
          { user_id_asignado: u.id, fecha_asignacion: momentoDe(ctx), updated_by: ctx.actor.id },
          'ASIGNAR',
        );
        await comentarEn(trx, ctx, s.id, {
          comentario: `Expediente asignado a ${u.nombre}`,
          es_interno: true,
        });
      });
      return detalleDe(e.db, ctx, id);
    },
  };
}

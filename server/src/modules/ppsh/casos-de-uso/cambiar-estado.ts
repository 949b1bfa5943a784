/**
 * The enforced state machine: a move the rules (#shared/ppsh/reglas, validarCambioEstado) allow for the actor's role,
 * recorded in the history with its ruling, and the history read back.
 */
import { fechaPanama } from '#shared/calendario';
import type { EstadoPpsh } from '#shared/ppsh/estados';
import { validarCambioEstado } from '#shared/ppsh/reglas';
import type { CambioEstado } from '#shared/ppsh/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { comprobarVersion } from '../../../db/escritura.js';
import { cumplir } from '../../../error-api.js';
import { actualizar } from '../../../escritor.js';
import { solicitudVisible } from '../repo.js';
import { detalleDe } from './consultar.js';
import type { Entorno, In } from '../../../entorno.js';
import { registrarHistorial } from './historial.js';

export function metodos(e: Entorno) {
  return {
    async cambiarEstado(ctx: Contexto, id: string, c: In<typeof CambioEstado>) {
      await e.enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        comprobarVersion(s, c.version);
        const desde = s.estado_actual as EstadoPpsh;
        const hacia = c.estado_nuevo;
        const cuando = momentoDe(ctx, s.fecha_estado);
        const v = validarCambioEstado({
          desde,
          hacia,
          rol: ctx.actor.rol,
          fechaEstado: s.fecha_estado,
          hoy: fechaPanama(new Date(cuando)),
          cambio: c,
        });
        if (!v.ok) cumplir(v);
        const { esDictamen, resolucion } = v;
        await registrarHistorial(trx, ctx, s, hacia, {
          observaciones: c.observaciones,
          tipo_dictamen: esDictamen ? c.tipo_dictamen : null,
          dictamen_detalle: esDictamen ? c.dictamen_detalle : null,
        });
        await actualizar(
          trx,
          ctx,
          'ppsh_solicitudes',
          s,
          { estado_actual: hacia, fecha_estado: cuando, updated_by: ctx.actor.id, ...resolucion },
          'CAMBIAR_ESTADO',
          c.version,
        );
      });
      return detalleDe(e.db, ctx, id);
    },

    historial: async (ctx: Contexto, id: string) => {
      await solicitudVisible(e.db, ctx.actor, id);
      return e.db
        .selectFrom('ppsh_estado_historial')
        .selectAll()
        .where('solicitud_id', '=', id)
        .orderBy('fecha_cambio')
        .orderBy('id')
        .execute();
    },
  };
}

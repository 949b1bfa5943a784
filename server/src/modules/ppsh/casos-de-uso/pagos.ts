/** Payments: recorded at the catalog's amount (the decree's fees), never the one a client sends; listed per case. */
import { v7 as uuidv7 } from 'uuid';
import { fechaPanama } from '#shared/calendario';
import { validarMetodoPago } from '#shared/ppsh/reglas';
import type { PagoNuevo } from '#shared/ppsh/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { AppError, cumplir } from '../../../error-api.js';
import { insertar } from '../../../escritor.js';
import { solicitudVisible } from '../repo.js';
import { exigir, type Entorno, type In } from '../../../entorno.js';

export function metodos(e: Entorno) {
  return {
    async registrarPago(ctx: Contexto, id: string, p: In<typeof PagoNuevo>) {
      exigir(ctx, 'pago.registrar');
      return e.enTransaccion(async (trx) => {
        await solicitudVisible(trx, ctx.actor, id);
        const concepto = await trx
          .selectFrom('ppsh_conceptos_pago')
          .selectAll()
          .where('cod_concepto', '=', p.tipo_concepto)
          .executeTakeFirst();
        if (!concepto?.activo) throw new AppError('VALIDACION', 'Concepto de pago desconocido');
        cumplir(validarMetodoPago(p));
        return insertar(trx, ctx, 'ppsh_pagos', {
          id: p.id ?? uuidv7(),
          solicitud_id: id,
          tipo_concepto: concepto.cod_concepto,
          // The amount comes from the catalog (the decree's fees), never from the client.
          monto_centavos: concepto.monto_centavos,
          estado_tesoreria: 'PAGADO',
          num_recibo: p.num_recibo ?? null,
          fecha_pago: p.fecha_pago ?? fechaPanama(new Date(momentoDe(ctx))),
          metodo_pago: p.metodo_pago,
          banco_emisor: p.banco_emisor ?? null,
          num_cheque: p.num_cheque ?? null,
          num_transferencia: p.num_transferencia ?? null,
          observaciones: p.observaciones ?? null,
          created_at: momentoDe(ctx),
          created_by: ctx.actor.id,
        });
      });
    },

    pagos: async (ctx: Contexto, id: string) => {
      exigir(ctx, 'pago.ver');
      await solicitudVisible(e.db, ctx.actor, id);
      return e.db.selectFrom('ppsh_pagos').selectAll().where('solicitud_id', '=', id).orderBy('created_at').execute();
    },
  };
}

/** Interviews: scheduling one with an officer who may hold it, recording its outcome, listing a case's interviews. */
import { v7 as uuidv7 } from 'uuid';
import { cambiosResultadoEntrevista, rechazoSiCerrada, validarFechaEntrevista } from '#shared/ppsh/reglas';
import type { EntrevistaNueva, ResultadoEntrevista } from '#shared/ppsh/schemas';
import { tienePermiso, type Rol } from '#shared/roles';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { AppError, cumplir, noEncontrado } from '../../../error-api.js';
import { actualizar, insertar } from '../../../escritor.js';
import { solicitudVisible } from '../repo.js';
import { comentarEn } from './comentarios.js';
import { funcionarioDeOficina } from './comprobaciones.js';
import { exigir, type Entorno, type In } from '../../../entorno.js';

export function metodos(e: Entorno) {
  return {
    async programarEntrevista(ctx: Contexto, id: string, en: In<typeof EntrevistaNueva>) {
      exigir(ctx, 'entrevista.gestionar');
      cumplir(validarFechaEntrevista(en.fecha_programada, new Date()));
      return e.enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        cumplir(rechazoSiCerrada(s.estado_actual));
        const entrevistador = en.entrevistador_user_id ?? ctx.actor.id;
        // Herself (the default) she already may: she passed the permission and the office checks above.
        if (entrevistador !== ctx.actor.id) {
          const u = await funcionarioDeOficina(trx, entrevistador, s.cod_agencia);
          if (!tienePermiso(u.rol as Rol, 'entrevista.gestionar'))
            throw new AppError(
              'REGLA_NEGOCIO',
              'El funcionario elegido no puede realizar entrevistas (su rol no lo permite)',
            );
        }
        const fila = await insertar(trx, ctx, 'ppsh_entrevistas', {
          id: en.id ?? uuidv7(),
          solicitud_id: id,
          fecha_programada: new Date(en.fecha_programada).toISOString(),
          fecha_realizada: null,
          lugar: en.lugar ?? null,
          cod_agencia: s.cod_agencia,
          entrevistador_user_id: entrevistador,
          asistio: null,
          motivo_inasistencia: null,
          resultado: 'PENDIENTE',
          observaciones: en.observaciones ?? null,
          acta_entrevista: null,
          requiere_segunda_entrevista: 0,
          created_at: momentoDe(ctx),
          created_by: ctx.actor.id,
        });
        await comentarEn(trx, ctx, id, {
          comentario: `Entrevista programada para ${fila.fecha_programada}`,
          es_interno: true,
        });
        return fila;
      });
    },

    async registrarResultadoEntrevista(ctx: Contexto, entrevistaId: string, r: In<typeof ResultadoEntrevista>) {
      exigir(ctx, 'entrevista.gestionar');
      return e.enTransaccion(async (trx) => {
        const en = await trx
          .selectFrom('ppsh_entrevistas')
          .selectAll()
          .where('id', '=', entrevistaId)
          .executeTakeFirst();
        if (!en) throw noEncontrado('La entrevista');
        await solicitudVisible(trx, ctx.actor, en.solicitud_id);
        const cambios = cambiosResultadoEntrevista(r, en);
        const fila = await actualizar(trx, ctx, 'ppsh_entrevistas', en, cambios, 'REGISTRAR_RESULTADO');
        if (r.resultado)
          await comentarEn(trx, ctx, en.solicitud_id, {
            comentario: `Resultado de entrevista: ${r.resultado}`,
            es_interno: true,
          });
        return fila;
      });
    },

    entrevistas: async (ctx: Contexto, id: string) => {
      await solicitudVisible(e.db, ctx.actor, id);
      return e.db
        .selectFrom('ppsh_entrevistas')
        .selectAll()
        .where('solicitud_id', '=', id)
        .orderBy('fecha_programada')
        .execute();
    },
  };
}

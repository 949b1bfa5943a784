/**
 * Editing an open case's data and its people; a person's edit also refreshes the case's cached summary of its people.
 */
import { rechazoSiCerrada, validarEdicionSolicitante, validarPrioridad } from '#shared/ppsh/reglas';
import { resumenPersonas } from '#shared/ppsh/resumen';
import type { SolicitanteCambios, SolicitudCambios } from '#shared/ppsh/schemas';
import type { Contexto } from '../../../contexto.js';
import { comprobarVersion } from '../../../db/escritura.js';
import { cumplir, noEncontrado } from '../../../error-api.js';
import { actualizar } from '../../../escritor.js';
import { solicitantesDe, solicitudVisible } from '../repo.js';
import { validarCatalogos } from './comprobaciones.js';
import { detalleDe } from './consultar.js';
import { exigir, type Entorno, type In } from '../../../entorno.js';

export function metodos(e: Entorno) {
  return {
    async editar(ctx: Contexto, id: string, cambios: In<typeof SolicitudCambios>) {
      exigir(ctx, 'solicitud.editar');
      await e.enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        comprobarVersion(s, cambios.version);
        cumplir(rechazoSiCerrada(s.estado_actual, 'cambios'));
        await validarCatalogos(trx, cambios);
        const { version, ...campos } = cambios;
        cumplir(validarPrioridad(campos.prioridad, campos.descripcion_caso ?? s.descripcion_caso));
        await actualizar(
          trx,
          ctx,
          'ppsh_solicitudes',
          s,
          { ...campos, updated_by: ctx.actor.id },
          'ACTUALIZAR',
          version,
        );
      });
      return detalleDe(e.db, ctx, id);
    },

    async editarSolicitante(ctx: Contexto, solicitanteId: string, cambios: In<typeof SolicitanteCambios>) {
      exigir(ctx, 'solicitud.editar');
      const solicitudId = await e.enTransaccion(async (trx) => {
        const p = await trx
          .selectFrom('ppsh_solicitantes')
          .selectAll()
          .where('id', '=', solicitanteId)
          .where('activo', '=', 1)
          .executeTakeFirst();
        if (!p) throw noEncontrado('La persona');
        const s = await solicitudVisible(trx, ctx.actor, p.solicitud_id);
        comprobarVersion(p, cambios.version);
        const { version, ...campos } = cambios;
        cumplir(
          validarEdicionSolicitante({
            estado: s.estado_actual,
            esTitular: Boolean(p.es_titular),
            parentesco: campos.parentesco_titular,
            tipoDocumento: campos.tipo_documento ?? p.tipo_documento,
            numDocumento: campos.num_documento ?? p.num_documento,
          }),
        );
        await validarCatalogos(trx, { solicitantes: [campos] });
        const nuevo = await actualizar(trx, ctx, 'ppsh_solicitantes', p, campos, 'ACTUALIZAR', version);
        const personas = (await solicitantesDe(trx, s.id)).map((x) => (x.id === nuevo.id ? nuevo : x));
        await actualizar(trx, ctx, 'ppsh_solicitudes', s, {
          ...resumenPersonas(s.num_expediente, s.referencia_provisional, personas),
          updated_by: ctx.actor.id,
        });
        return s.id;
      });
      return detalleDe(e.db, ctx, solicitudId);
    },
  };
}

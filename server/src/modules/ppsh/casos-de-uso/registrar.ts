/**
 * Registering a case: its number, its people, the cached search summary and the first history row, in one transaction.
 */
import { v7 as uuidv7 } from 'uuid';
import { fechaPanama } from '#shared/calendario';
import { resumenPersonas } from '#shared/ppsh/resumen';
import type { SolicitudNueva } from '#shared/ppsh/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { ahora } from '../../../db/escritura.js';
import { formatoNumero, numeroDevuelto, siguienteValor } from '../../../db/secuencias.js';
import { AppError } from '../../../error-api.js';
import { insertar } from '../../../escritor.js';
import { exigirReferenciaLibre } from '../../casos/referencia-provisional.js';
import { validarCatalogos } from './comprobaciones.js';
import { detalleDe } from './consultar.js';
import { exigir, type Entorno, type In } from '../../../entorno.js';
import { registrarHistorial } from './historial.js';

export interface Hooks {
  /** Called after a case is created (metrics). */
  creada?: () => void;
}

export function metodos(e: Entorno, hooks: Hooks) {
  return {
    /** `num_expediente_anterior`: only a desk's re-sent registration carries it (sync push; REST's schema has none). */
    async crear(ctx: Contexto, datos: In<typeof SolicitudNueva> & { num_expediente_anterior?: string }) {
      exigir(ctx, 'solicitud.crear');
      const id = await e.enTransaccion(async (trx) => {
        await validarCatalogos(trx, datos);
        const id = datos.id ?? uuidv7();
        const existe = await trx.selectFrom('ppsh_solicitudes').select('id').where('id', '=', id).executeTakeFirst();
        if (existe) throw new AppError('DUPLICADO', 'Ya existe una solicitud con ese identificador');
        await exigirReferenciaLibre(trx, 'ppsh_solicitudes', datos.referencia_provisional);
        // Registered offline: the application date is the day the officer registered it (the receipt's), not the sync's.
        const hecho = momentoDe(ctx);
        const hoy = fechaPanama(new Date(hecho));
        const anio = Number(hoy.slice(0, 4));
        // Re-sent after a restore: the number on the applicant's receipt, unless someone else holds it now.
        const devuelto =
          datos.num_expediente_anterior &&
          (await numeroDevuelto(trx, 'PPSH', datos.num_expediente_anterior, async (n) =>
            Boolean(
              await trx.selectFrom('ppsh_solicitudes').select('id').where('num_expediente', '=', n).executeTakeFirst(),
            ),
          ));
        const num = devuelto || formatoNumero('PPSH', anio, await siguienteValor(trx, 'PPSH', anio));
        const personas = datos.solicitantes.map((p) => ({ ...p, id: p.id ?? uuidv7() }));
        const instante = ahora();
        const s = await insertar(trx, ctx, 'ppsh_solicitudes', {
          id,
          num_expediente: num,
          referencia_provisional: datos.referencia_provisional ?? null,
          tipo_solicitud: datos.tipo_solicitud,
          cod_causa_humanitaria: datos.cod_causa_humanitaria,
          descripcion_caso: datos.descripcion_caso ?? null,
          fecha_solicitud: hoy,
          estado_actual: 'RECIBIDO',
          fecha_estado: hecho,
          cod_agencia: ctx.actor.cod_agencia,
          cod_seccion: datos.cod_seccion,
          user_id_asignado: null,
          fecha_asignacion: null,
          prioridad: datos.prioridad,
          observaciones_generales: datos.observaciones_generales ?? null,
          num_resolucion: null,
          fecha_resolucion: null,
          fecha_vencimiento_permiso: null,
          ...resumenPersonas(
            num,
            datos.referencia_provisional ?? null,
            personas.map((p) => ({
              ...p,
              es_titular: p.es_titular ? 1 : 0,
              segundo_nombre: p.segundo_nombre ?? null,
              segundo_apellido: p.segundo_apellido ?? null,
            })),
          ),
          activo: 1,
          created_at: instante,
          created_by: ctx.actor.id,
          updated_by: null,
        });
        for (const p of personas) {
          await insertar(trx, ctx, 'ppsh_solicitantes', {
            id: p.id,
            solicitud_id: id,
            es_titular: p.es_titular ? 1 : 0,
            tipo_documento: p.tipo_documento,
            num_documento: p.num_documento,
            pais_emisor: p.pais_emisor,
            fecha_emision_doc: p.fecha_emision_doc ?? null,
            fecha_vencimiento_doc: p.fecha_vencimiento_doc ?? null,
            primer_nombre: p.primer_nombre,
            segundo_nombre: p.segundo_nombre ?? null,
            primer_apellido: p.primer_apellido,
            segundo_apellido: p.segundo_apellido ?? null,
            fecha_nacimiento: p.fecha_nacimiento,
            cod_sexo: p.cod_sexo,
            cod_nacionalidad: p.cod_nacionalidad,
            cod_estado_civil: p.cod_estado_civil ?? null,
            parentesco_titular: p.parentesco_titular ?? null,
            email: p.email ?? null,
            telefono: p.telefono ?? null,
            direccion_pais_origen: p.direccion_pais_origen ?? null,
            direccion_panama: p.direccion_panama ?? null,
            ocupacion: p.ocupacion ?? null,
            observaciones: p.observaciones ?? null,
            activo: 1,
            created_at: instante,
            created_by: ctx.actor.id,
          });
        }
        await registrarHistorial(trx, ctx, s, 'RECIBIDO', { observaciones: 'Solicitud registrada' });
        return id;
      });
      hooks.creada?.();
      return detalleDe(e.db, ctx, id);
    },
  };
}

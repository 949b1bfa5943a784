/**
 * A case's documents: registering one (its bytes are stored once per SHA-256, see ../archivos.ts), finding one the
 * actor may see, and verifying it.
 */
import { v7 as uuidv7 } from 'uuid';
import { rechazoSiCerrada } from '#shared/ppsh/reglas';
import type { VerificacionDocumento } from '#shared/ppsh/schemas';
import { momentoDe, type Contexto } from '../../../contexto.js';
import { ahora } from '../../../db/escritura.js';
import { escribir } from '../../../db/restricciones.js';
import { AppError, cumplir, noEncontrado } from '../../../error-api.js';
import { actualizar, insertar } from '../../../escritor.js';
import { solicitudVisible } from '../repo.js';
import { exigir, type Entorno, type In, type Lector } from '../../../entorno.js';

export interface DocumentoNuevo {
  cod_tipo_documento?: number;
  tipo_documento_texto?: string;
  observaciones?: string;
  nombre_archivo: string;
  extension: string;
  mime: string;
  tamano: number;
  sha256: string;
  documentoId?: string;
}

export function metodos(e: Entorno) {
  async function documentoVisible(ctx: Contexto, documentoId: string, lector: Lector = e.db) {
    const d = await lector
      .selectFrom('ppsh_documentos')
      .selectAll()
      .where('id', '=', documentoId)
      .where('activo', '=', 1)
      .executeTakeFirst();
    if (!d) throw noEncontrado('El documento');
    await solicitudVisible(lector, ctx.actor, d.solicitud_id);
    return d;
  }

  return {
    async registrarDocumento(
      ctx: Contexto,
      id: string,
      d: DocumentoNuevo,
      /** Stores the bytes once every check has passed and before the rows: a refused upload writes nothing. */
      guardarBytes?: () => Promise<void>,
    ) {
      exigir(ctx, 'documento.subir');
      return e.enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        cumplir(rechazoSiCerrada(s.estado_actual, 'documentos'));
        let obligatorio = 0;
        if (d.cod_tipo_documento !== undefined) {
          const tipo = await trx
            .selectFrom('ppsh_tipos_documento')
            .select(['es_obligatorio', 'activo'])
            .where('cod_tipo_doc', '=', d.cod_tipo_documento)
            .executeTakeFirst();
          if (!tipo?.activo) throw new AppError('VALIDACION', 'Tipo de documento desconocido');
          obligatorio = tipo.es_obligatorio;
        } else if (!d.tipo_documento_texto) {
          throw new AppError('VALIDACION', 'Indique el tipo de documento (cod_tipo_documento o tipo_documento_texto)');
        }
        await guardarBytes?.();
        const conocido = await trx
          .selectFrom('archivos')
          .select('sha256')
          .where('sha256', '=', d.sha256)
          .executeTakeFirst();
        if (!conocido)
          await escribir(() =>
            trx
              .insertInto('archivos')
              .values({ sha256: d.sha256, tamano_bytes: d.tamano, mime_type: d.mime, created_at: ahora() })
              .execute(),
          ).catch((error: unknown) => {
            // The same bytes registered at the same moment by another document: the row is there, as needed.
            if (!(error instanceof AppError && error.code === 'DUPLICADO')) throw error;
          });
        return insertar(trx, ctx, 'ppsh_documentos', {
          id: d.documentoId ?? uuidv7(),
          solicitud_id: id,
          cod_tipo_documento: d.cod_tipo_documento ?? null,
          tipo_documento_texto: d.tipo_documento_texto ?? null,
          nombre_archivo: d.nombre_archivo.slice(0, 255),
          extension: d.extension,
          mime_type: d.mime,
          tamano_bytes: d.tamano,
          sha256: d.sha256,
          observaciones: d.observaciones ?? null,
          es_obligatorio: obligatorio as 0 | 1,
          estado_verificacion: 'PENDIENTE',
          verificado_por: null,
          fecha_verificacion: null,
          uploaded_by: ctx.actor.id,
          uploaded_at: momentoDe(ctx),
          activo: 1,
        });
      });
    },

    documentoVisible,

    async verificarDocumento(ctx: Contexto, documentoId: string, v: In<typeof VerificacionDocumento>) {
      exigir(ctx, 'documento.verificar');
      return e.enTransaccion(async (trx) => {
        const d = await documentoVisible(ctx, documentoId, trx);
        return actualizar(
          trx,
          ctx,
          'ppsh_documentos',
          d,
          {
            estado_verificacion: v.estado,
            observaciones: v.observaciones ?? d.observaciones,
            verificado_por: v.estado === 'PENDIENTE' ? null : ctx.actor.id,
            fecha_verificacion: v.estado === 'PENDIENTE' ? null : momentoDe(ctx),
          },
          'VERIFICAR',
        );
      });
    },
  };
}

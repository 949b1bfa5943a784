/**
 * Workflow templates: only ADMIN edits them, every save is validated (shared/src/workflow/plantilla.ts), and a
 * template that cases already run on is never changed under them: a new graph becomes a new version.
 */
import { v7 as uuidv7 } from 'uuid';
import { definicionPorCodigos, validarPlantilla } from '#shared/workflow/plantilla';
import {
  CAMBIOS_ESTADO_WORKFLOW,
  type ConexionNueva,
  type EstadoWorkflow,
  type EtapaNueva,
  type WorkflowCambios,
  type WorkflowNuevo,
} from '#shared/workflow/schemas';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, type Trx } from '../../db/escritura.js';
import { actualizar, insertar } from '../../escritor.js';
import type { WorkflowRow } from '../../db/schema.js';
import { AppError, permisoDenegado } from '../../error-api.js';
import { cargarPlantilla, workflowPorId, type Lector } from './repo.js';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const bit = (b: boolean) => (b ? 1 : 0) as 0 | 1;

function exigirAdmin(ctx: Contexto) {
  if (ctx.actor.rol !== 'ADMIN') throw permisoDenegado('Solo el administrador edita plantillas de trámite');
}

function rechazarSiHay(problemas: string[]) {
  if (problemas.length) throw new AppError('VALIDACION', `Plantilla inválida: ${problemas.join('; ')}`, { problemas });
}

/** A BORRADOR may be saved incomplete (built part by part, docs/compatibilidad.md); any other state, whole. */
const validarDefinicion = (etapas: EtapaNueva[], conexiones: ConexionNueva[], estado: string) =>
  rechazarSiHay(validarPlantilla(definicionPorCodigos(etapas, conexiones), { completa: estado !== 'BORRADOR' }));

/** "1.0" → "1.1": the next minor version after the highest of this code. */
function siguienteVersion(versiones: string[]): string {
  const mayor = versiones
    .map((v) => v.split('.').map(Number))
    .sort((a, b) => a[0]! - b[0]! || (a[1] ?? 0) - (b[1] ?? 0))
    .pop() ?? [1, 0];
  return `${mayor[0]}.${(mayor[1] ?? 0) + 1}`;
}

async function insertarDefinicion(
  trx: Trx,
  ctx: Contexto,
  workflowId: string,
  etapas: EtapaNueva[],
  conexiones: ConexionNueva[],
) {
  const instante = ahora();
  const autor = { activo: 1 as const, created_at: instante, created_by: ctx.actor.id };
  const ids = new Map<string, string>();
  for (const e of etapas) {
    const id = uuidv7();
    ids.set(e.codigo, id);
    await insertar(trx, ctx, 'workflow_etapas', {
      id,
      workflow_id: workflowId,
      codigo: e.codigo,
      nombre: e.nombre,
      descripcion: e.descripcion ?? null,
      tipo_etapa: e.tipo_etapa,
      orden: e.orden,
      posicion_x: e.posicion_x ?? null,
      posicion_y: e.posicion_y ?? null,
      perfiles_permitidos: JSON.stringify(e.perfiles_permitidos),
      titulo_formulario: e.titulo_formulario ?? null,
      bajada_formulario: e.bajada_formulario ?? null,
      es_etapa_inicial: bit(e.es_etapa_inicial),
      es_etapa_final: bit(e.es_etapa_final),
      requiere_validacion: bit(e.requiere_validacion),
      permite_edicion_posterior: bit(e.permite_edicion_posterior),
      tiempo_estimado_minutos: e.tiempo_estimado_minutos ?? null,
      reglas_transicion: json(e.reglas_transicion),
      ...autor,
    });
    for (const p of e.preguntas) {
      await insertar(trx, ctx, 'workflow_preguntas', {
        id: uuidv7(),
        etapa_id: id,
        codigo: p.codigo,
        pregunta: p.pregunta,
        tipo_pregunta: p.tipo_pregunta,
        orden: p.orden,
        es_obligatoria: bit(p.es_obligatoria),
        validacion_regex: p.validacion_regex ?? null,
        mensaje_validacion: p.mensaje_validacion ?? null,
        opciones: json(p.opciones),
        opciones_datos_caso: json(p.opciones_datos_caso),
        permite_multiple: bit(p.permite_multiple),
        extensiones_permitidas: json(p.extensiones_permitidas),
        tamano_maximo_mb: p.tamano_maximo_mb ?? null,
        requiere_ocr: bit(p.requiere_ocr),
        texto_ayuda: p.texto_ayuda ?? null,
        placeholder: p.placeholder ?? null,
        valor_predeterminado: p.valor_predeterminado ?? null,
        mostrar_si: json(p.mostrar_si),
        ...autor,
      });
    }
  }
  for (const c of conexiones) {
    await insertar(trx, ctx, 'workflow_conexiones', {
      id: uuidv7(),
      workflow_id: workflowId,
      etapa_origen_id: ids.get(c.etapa_origen)!,
      etapa_destino_id: ids.get(c.etapa_destino)!,
      nombre: c.nombre ?? null,
      tipo_conexion: c.tipo_conexion,
      condicion: json(c.condicion),
      es_predeterminada: bit(c.es_predeterminada),
      ...autor,
    });
  }
}

/** A draft's old graph stays, inactive (audited and synced as a change, never deleted). */
async function desactivarDefinicion(trx: Trx, ctx: Contexto, workflowId: string) {
  const p = await cargarPlantilla(trx, workflowId);
  const conexiones = await trx
    .selectFrom('workflow_conexiones')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .where('activo', '=', 1)
    .execute();
  for (const c of conexiones) await actualizar(trx, ctx, 'workflow_conexiones', c, { activo: 0 }, 'ELIMINAR');
  for (const q of p.preguntas) await actualizar(trx, ctx, 'workflow_preguntas', q, { activo: 0 }, 'ELIMINAR');
  for (const e of p.etapas) await actualizar(trx, ctx, 'workflow_etapas', e, { activo: 0 }, 'ELIMINAR');
}

/** One active version per code: activating one retires the others to INACTIVO. */
async function retirarOtrasVersiones(trx: Trx, ctx: Contexto, wf: Pick<WorkflowRow, 'id' | 'codigo'>) {
  const otras = await trx
    .selectFrom('workflows')
    .selectAll()
    .where('codigo', '=', wf.codigo)
    .where('id', '!=', wf.id)
    .where('estado', '=', 'ACTIVO')
    .execute();
  for (const o of otras)
    await actualizar(trx, ctx, 'workflows', o, { estado: 'INACTIVO', updated_by: ctx.actor.id }, 'CAMBIAR_ESTADO');
}

const enUso = async (db: Lector, workflowId: string) =>
  Boolean(
    await db
      .selectFrom('workflow_instancias')
      .select('id')
      .where('workflow_id', '=', workflowId)
      .limit(1)
      .executeTakeFirst(),
  );

export function crearServicioPlantillas(db: Db | Trx) {
  const enTransaccion = <T>(fn: (trx: Trx) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);

  return {
    async crear(ctx: Contexto, datos: WorkflowNuevo): Promise<string> {
      exigirAdmin(ctx);
      validarDefinicion(datos.etapas, datos.conexiones, datos.estado);
      return enTransaccion(async (trx) => {
        const existe = await trx
          .selectFrom('workflows')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('id', '=', datos.id ?? ''),
              eb.and([eb('codigo', '=', datos.codigo), eb('version_plantilla', '=', datos.version_plantilla)]),
            ]),
          )
          .executeTakeFirst();
        if (existe)
          throw new AppError('DUPLICADO', `Ya existe la plantilla ${datos.codigo} versión ${datos.version_plantilla}`);
        const wf = await insertar(trx, ctx, 'workflows', {
          id: datos.id ?? uuidv7(),
          codigo: datos.codigo,
          version_plantilla: datos.version_plantilla,
          nombre: datos.nombre,
          descripcion: datos.descripcion ?? null,
          estado: datos.estado,
          color_hex: datos.color_hex ?? null,
          icono: datos.icono ?? null,
          categoria: datos.categoria ?? null,
          requiere_autenticacion: bit(datos.requiere_autenticacion),
          es_publico: bit(datos.es_publico),
          perfiles_creadores: JSON.stringify(datos.perfiles_creadores),
          activo: 1,
          created_at: ahora(),
          created_by: ctx.actor.id,
          updated_by: null,
        });
        await insertarDefinicion(trx, ctx, wf.id, datos.etapas, datos.conexiones);
        if (wf.estado === 'ACTIVO') await retirarOtrasVersiones(trx, ctx, wf);
        return wf.id;
      });
    },

    /** Returns the id of the template as saved: the same one, or the new version when cases run on it. */
    async actualizar(ctx: Contexto, id: string, cambios: WorkflowCambios): Promise<string> {
      exigirAdmin(ctx);
      const { etapas, conexiones, estado, version, ...metadatos } = cambios;
      return enTransaccion(async (trx) => {
        const wf = await workflowPorId(trx, id);
        if (wf.estado === 'ARCHIVADO') throw new AppError('EDICION_NO_PERMITIDA', 'La plantilla está archivada');
        if (estado && estado !== wf.estado && !CAMBIOS_ESTADO_WORKFLOW[wf.estado as EstadoWorkflow].includes(estado))
          throw new AppError('TRANSICION_NO_PERMITIDA', `Una plantilla ${wf.estado} no puede pasar a ${estado}`);
        if (etapas && conexiones) validarDefinicion(etapas, conexiones, estado ?? wf.estado);
        // A draft leaving BORRADOR with its stored graph: that graph must now be whole.
        else if (wf.estado === 'BORRADOR' && estado && estado !== 'BORRADOR')
          rechazarSiHay(validarPlantilla((await cargarPlantilla(trx, wf.id)).def));
        const fila = {
          ...Object.fromEntries(Object.entries(metadatos).filter(([, v]) => v !== undefined)),
          ...(metadatos.perfiles_creadores ? { perfiles_creadores: JSON.stringify(metadatos.perfiles_creadores) } : {}),
          ...(metadatos.requiere_autenticacion !== undefined
            ? { requiere_autenticacion: bit(metadatos.requiere_autenticacion) }
            : {}),
          ...(metadatos.es_publico !== undefined ? { es_publico: bit(metadatos.es_publico) } : {}),
          ...(estado ? { estado } : {}),
          updated_by: ctx.actor.id,
        };
        let destino: WorkflowRow;
        if (etapas && conexiones && (await enUso(trx, wf.id))) {
          const versiones = await trx
            .selectFrom('workflows')
            .select('version_plantilla')
            .where('codigo', '=', wf.codigo)
            .execute();
          destino = await insertar(
            trx,
            ctx,
            'workflows',
            {
              ...wf,
              ...fila,
              id: uuidv7(),
              version_plantilla: siguienteVersion(versiones.map((v) => v.version_plantilla)),
              created_at: ahora(),
              created_by: ctx.actor.id,
            },
            'NUEVA_VERSION',
          );
          await insertarDefinicion(trx, ctx, destino.id, etapas, conexiones);
        } else {
          destino = await actualizar(trx, ctx, 'workflows', wf, fila, 'ACTUALIZAR', version);
          if (etapas && conexiones) {
            await desactivarDefinicion(trx, ctx, wf.id);
            await insertarDefinicion(trx, ctx, wf.id, etapas, conexiones);
          }
        }
        if (destino.estado === 'ACTIVO') await retirarOtrasVersiones(trx, ctx, destino);
        return destino.id;
      });
    },

    async eliminar(ctx: Contexto, id: string): Promise<void> {
      exigirAdmin(ctx);
      await enTransaccion(async (trx) => {
        const wf = await workflowPorId(trx, id);
        await actualizar(
          trx,
          ctx,
          'workflows',
          wf,
          { activo: 0, estado: 'ARCHIVADO', updated_by: ctx.actor.id },
          'ELIMINAR',
        );
      });
    },
  };
}

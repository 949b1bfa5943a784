/**
 * PPSH casework: registration, edits, the enforced state machine, assignment, documents, interviews, comments, payments.
 * Every method takes the caller's context, checks office scope and permissions, and writes through db/escritura.ts in
 * one transaction. The REST routes and the offline-sync commands call the same methods.
 */
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { diasEntre, fechaPanama } from '#shared/calendario';
import type { EstadoPpsh } from '#shared/ppsh/estados';
import {
  cambiosResultadoEntrevista,
  rechazoSiCerrada,
  validarCambioEstado,
  validarEdicionSolicitante,
  validarMetodoPago,
  validarFechaEntrevista,
  validarPrioridad,
} from '#shared/ppsh/reglas';
import { resumenPersonas } from '#shared/ppsh/resumen';
import type {
  CambioEstado,
  ComentarioNuevo,
  EntrevistaNueva,
  PagoNuevo,
  ResultadoEntrevista,
  SolicitanteCambios,
  SolicitudCambios,
  SolicitudNueva,
  VerificacionDocumento,
} from '#shared/ppsh/schemas';
import { tienePermiso, type Permiso, type Rol } from '#shared/roles';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora, comprobarVersion, type Trx } from '../../db/escritura.js';
import { actualizar, insertar } from '../../escritor.js';
import { escribir } from '../../db/restricciones.js';
import type { SolicitudRow } from '../../db/schema.js';
import { formatoNumero, siguienteValor } from '../../db/secuencias.js';
import { AppError, cumplir, noEncontrado, permisoDenegado } from '../../error-api.js';
import { documentosDe, solicitantesDe, solicitudVisible } from './repo.js';

type In<T extends z.ZodType> = z.output<T>;

export function exigir(ctx: Contexto, permiso: Permiso): void {
  if (!tienePermiso(ctx.actor.rol, permiso)) throw permisoDenegado();
}

export interface Hooks {
  /** Called after a case is created (metrics). */
  creada?: () => void;
}

export function crearServicioPpsh(db: Db | Trx, hooks: Hooks = {}) {
  // Built on a transaction (a sync push runs each command inside the one that records its outcome), it joins that one.
  const enTransaccion = <T>(fn: (trx: Trx) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn);

  async function validarCatalogos(
    trx: Trx,
    datos: { cod_causa_humanitaria?: number; solicitantes?: { pais_emisor?: string; cod_nacionalidad?: string }[] },
  ) {
    if (datos.cod_causa_humanitaria !== undefined) {
      const causa = await trx
        .selectFrom('ppsh_causas_humanitarias')
        .select('activo')
        .where('cod_causa', '=', datos.cod_causa_humanitaria)
        .executeTakeFirst();
      if (!causa?.activo) throw new AppError('REGLA_NEGOCIO', 'La causa humanitaria no existe o no está activa');
    }
    const paises = new Set(
      (datos.solicitantes ?? [])
        .flatMap((p) => [p.pais_emisor, p.cod_nacionalidad])
        .filter((x): x is string => Boolean(x)),
    );
    if (paises.size) {
      const conocidos = await trx
        .selectFrom('paises')
        .select('cod_pais')
        .where('cod_pais', 'in', [...paises])
        .execute();
      const faltan = [...paises].filter((p) => !conocidos.some((c) => c.cod_pais === p));
      if (faltan.length) throw new AppError('VALIDACION', `País desconocido: ${faltan.join(', ')}`);
    }
  }

  async function registrarHistorial(
    trx: Trx,
    ctx: Contexto,
    s: SolicitudRow,
    nuevo: string,
    extra: { observaciones?: string | null; tipo_dictamen?: string | null; dictamen_detalle?: string | null } = {},
  ) {
    const esInicial = s.estado_actual === nuevo && s.version === 1;
    await insertar(trx, ctx, 'ppsh_estado_historial', {
      id: uuidv7(),
      solicitud_id: s.id,
      estado_anterior: esInicial ? null : s.estado_actual,
      estado_nuevo: nuevo,
      fecha_cambio: ahora(),
      user_id: ctx.actor.id,
      observaciones: extra.observaciones ?? null,
      es_dictamen: extra.tipo_dictamen ? 1 : 0,
      tipo_dictamen: extra.tipo_dictamen ?? null,
      dictamen_detalle: extra.dictamen_detalle ?? null,
      dias_en_estado_anterior: esInicial ? null : diasEntre(fechaPanama(new Date(s.fecha_estado)), fechaPanama()),
    });
  }

  /** An active officer of the case's office; one answer for the rest, so ids of other offices cannot be probed. */
  async function funcionarioDeOficina(trx: Trx, usuarioId: string, agencia: string) {
    const u = await trx
      .selectFrom('usuarios')
      .select(['id', 'nombre', 'activo', 'cod_agencia', 'rol'])
      .where('id', '=', usuarioId)
      .executeTakeFirst();
    if (!u?.activo || u.cod_agencia !== agencia)
      throw new AppError('REGLA_NEGOCIO', 'El funcionario no existe, está inactivo o pertenece a otra oficina');
    return u;
  }

  const servicio = {
    async detalle(ctx: Contexto, id: string, lector: Db | Trx = db) {
      const s = await solicitudVisible(lector, ctx.actor, id);
      const [solicitantes, documentos] = await Promise.all([solicitantesDe(lector, id), documentosDe(lector, id)]);
      return { solicitud: s, solicitantes, documentos };
    },

    async crear(ctx: Contexto, datos: In<typeof SolicitudNueva>) {
      exigir(ctx, 'solicitud.crear');
      const id = await enTransaccion(async (trx) => {
        await validarCatalogos(trx, datos);
        const id = datos.id ?? uuidv7();
        const existe = await trx.selectFrom('ppsh_solicitudes').select('id').where('id', '=', id).executeTakeFirst();
        if (existe) throw new AppError('DUPLICADO', 'Ya existe una solicitud con ese identificador');
        const hoy = fechaPanama();
        const anio = Number(hoy.slice(0, 4));
        const num = formatoNumero('PPSH', anio, await siguienteValor(trx, 'PPSH', anio));
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
          fecha_estado: instante,
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
      return servicio.detalle(ctx, id);
    },

    async actualizar(ctx: Contexto, id: string, cambios: In<typeof SolicitudCambios>) {
      exigir(ctx, 'solicitud.editar');
      await enTransaccion(async (trx) => {
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
      return servicio.detalle(ctx, id);
    },

    async editarSolicitante(ctx: Contexto, solicitanteId: string, cambios: In<typeof SolicitanteCambios>) {
      exigir(ctx, 'solicitud.editar');
      const solicitudId = await enTransaccion(async (trx) => {
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
      return servicio.detalle(ctx, solicitudId);
    },

    async cambiarEstado(ctx: Contexto, id: string, c: In<typeof CambioEstado>) {
      await enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        comprobarVersion(s, c.version);
        const desde = s.estado_actual as EstadoPpsh;
        const hacia = c.estado_nuevo;
        const v = validarCambioEstado({
          desde,
          hacia,
          rol: ctx.actor.rol,
          fechaEstado: s.fecha_estado,
          hoy: fechaPanama(),
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
          { estado_actual: hacia, fecha_estado: ahora(), updated_by: ctx.actor.id, ...resolucion },
          'CAMBIAR_ESTADO',
          c.version,
        );
      });
      return servicio.detalle(ctx, id);
    },

    async asignar(ctx: Contexto, id: string, usuarioId: string) {
      exigir(ctx, 'solicitud.asignar');
      await enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        const u = await funcionarioDeOficina(trx, usuarioId, s.cod_agencia);
        if (u.rol === 'CONSULTA')
          throw new AppError('REGLA_NEGOCIO', 'Un usuario de consulta no puede tener expedientes asignados');
        await actualizar(
          trx,
          ctx,
          'ppsh_solicitudes',
          s,
          { user_id_asignado: u.id, fecha_asignacion: ahora(), updated_by: ctx.actor.id },
          'ASIGNAR',
        );
        await servicio.comentarEn(trx, ctx, s.id, {
          comentario: `Expediente asignado a ${u.nombre}`,
          es_interno: true,
        });
      });
      return servicio.detalle(ctx, id);
    },

    historial: async (ctx: Contexto, id: string) => {
      await solicitudVisible(db, ctx.actor, id);
      return db
        .selectFrom('ppsh_estado_historial')
        .selectAll()
        .where('solicitud_id', '=', id)
        .orderBy('fecha_cambio')
        .orderBy('id')
        .execute();
    },

    async comentarEn(
      trx: Trx,
      ctx: Contexto,
      solicitudId: string,
      c: { id?: string; comentario: string; es_interno: boolean },
    ) {
      return insertar(trx, ctx, 'ppsh_comentarios', {
        id: c.id ?? uuidv7(),
        solicitud_id: solicitudId,
        user_id: ctx.actor.id,
        comentario: c.comentario,
        es_interno: c.es_interno ? 1 : 0,
        created_at: ahora(),
      });
    },

    async comentar(ctx: Contexto, id: string, c: In<typeof ComentarioNuevo>) {
      exigir(ctx, 'comentario.crear');
      return enTransaccion(async (trx) => {
        await solicitudVisible(trx, ctx.actor, id);
        return servicio.comentarEn(trx, ctx, id, c);
      });
    },

    async comentarios(ctx: Contexto, id: string, incluirInternos: boolean) {
      await solicitudVisible(db, ctx.actor, id);
      let q = db.selectFrom('ppsh_comentarios').selectAll().where('solicitud_id', '=', id);
      if (!incluirInternos || !tienePermiso(ctx.actor.rol, 'comentario.ver_internos'))
        q = q.where('es_interno', '=', 0);
      return q.orderBy('created_at').orderBy('id').execute();
    },

    async registrarDocumento(
      ctx: Contexto,
      id: string,
      d: {
        cod_tipo_documento?: number;
        tipo_documento_texto?: string;
        observaciones?: string;
        nombre_archivo: string;
        extension: string;
        mime: string;
        tamano: number;
        sha256: string;
        documentoId?: string;
      },
      /** Stores the bytes once every check has passed and before the rows: a refused upload writes nothing. */
      guardarBytes?: () => Promise<void>,
    ) {
      exigir(ctx, 'documento.subir');
      return enTransaccion(async (trx) => {
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
          ).catch((e: unknown) => {
            // The same bytes registered at the same moment by another document: the row is there, as needed.
            if (!(e instanceof AppError && e.code === 'DUPLICADO')) throw e;
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
          uploaded_at: ahora(),
          activo: 1,
        });
      });
    },

    async documentoVisible(ctx: Contexto, documentoId: string, lector: Db | Trx = db) {
      const d = await lector
        .selectFrom('ppsh_documentos')
        .selectAll()
        .where('id', '=', documentoId)
        .where('activo', '=', 1)
        .executeTakeFirst();
      if (!d) throw noEncontrado('El documento');
      await solicitudVisible(lector, ctx.actor, d.solicitud_id);
      return d;
    },

    async verificarDocumento(ctx: Contexto, documentoId: string, v: In<typeof VerificacionDocumento>) {
      exigir(ctx, 'documento.verificar');
      return enTransaccion(async (trx) => {
        const d = await servicio.documentoVisible(ctx, documentoId, trx);
        return actualizar(
          trx,
          ctx,
          'ppsh_documentos',
          d,
          {
            estado_verificacion: v.estado,
            observaciones: v.observaciones ?? d.observaciones,
            verificado_por: v.estado === 'PENDIENTE' ? null : ctx.actor.id,
            fecha_verificacion: v.estado === 'PENDIENTE' ? null : ahora(),
          },
          'VERIFICAR',
        );
      });
    },

    async programarEntrevista(ctx: Contexto, id: string, e: In<typeof EntrevistaNueva>) {
      exigir(ctx, 'entrevista.gestionar');
      cumplir(validarFechaEntrevista(e.fecha_programada, new Date()));
      return enTransaccion(async (trx) => {
        const s = await solicitudVisible(trx, ctx.actor, id);
        cumplir(rechazoSiCerrada(s.estado_actual));
        const entrevistador = e.entrevistador_user_id ?? ctx.actor.id;
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
          id: e.id ?? uuidv7(),
          solicitud_id: id,
          fecha_programada: new Date(e.fecha_programada).toISOString(),
          fecha_realizada: null,
          lugar: e.lugar ?? null,
          cod_agencia: s.cod_agencia,
          entrevistador_user_id: entrevistador,
          asistio: null,
          motivo_inasistencia: null,
          resultado: 'PENDIENTE',
          observaciones: e.observaciones ?? null,
          acta_entrevista: null,
          requiere_segunda_entrevista: 0,
          created_at: ahora(),
          created_by: ctx.actor.id,
        });
        await servicio.comentarEn(trx, ctx, id, {
          comentario: `Entrevista programada para ${fila.fecha_programada}`,
          es_interno: true,
        });
        return fila;
      });
    },

    async registrarResultadoEntrevista(ctx: Contexto, entrevistaId: string, r: In<typeof ResultadoEntrevista>) {
      exigir(ctx, 'entrevista.gestionar');
      return enTransaccion(async (trx) => {
        const e = await trx
          .selectFrom('ppsh_entrevistas')
          .selectAll()
          .where('id', '=', entrevistaId)
          .executeTakeFirst();
        if (!e) throw noEncontrado('La entrevista');
        await solicitudVisible(trx, ctx.actor, e.solicitud_id);
        const cambios = cambiosResultadoEntrevista(r, e);
        const fila = await actualizar(trx, ctx, 'ppsh_entrevistas', e, cambios, 'REGISTRAR_RESULTADO');
        if (r.resultado)
          await servicio.comentarEn(trx, ctx, e.solicitud_id, {
            comentario: `Resultado de entrevista: ${r.resultado}`,
            es_interno: true,
          });
        return fila;
      });
    },

    entrevistas: async (ctx: Contexto, id: string) => {
      await solicitudVisible(db, ctx.actor, id);
      return db
        .selectFrom('ppsh_entrevistas')
        .selectAll()
        .where('solicitud_id', '=', id)
        .orderBy('fecha_programada')
        .execute();
    },

    async registrarPago(ctx: Contexto, id: string, p: In<typeof PagoNuevo>) {
      exigir(ctx, 'pago.registrar');
      return enTransaccion(async (trx) => {
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
          fecha_pago: p.fecha_pago ?? fechaPanama(),
          metodo_pago: p.metodo_pago,
          banco_emisor: p.banco_emisor ?? null,
          num_cheque: p.num_cheque ?? null,
          num_transferencia: p.num_transferencia ?? null,
          observaciones: p.observaciones ?? null,
          created_at: ahora(),
          created_by: ctx.actor.id,
        });
      });
    },

    pagos: async (ctx: Contexto, id: string) => {
      exigir(ctx, 'pago.ver');
      await solicitudVisible(db, ctx.actor, id);
      return db.selectFrom('ppsh_pagos').selectAll().where('solicitud_id', '=', id).orderBy('created_at').execute();
    },
  };
  return servicio;
}

export type ServicioPpsh = ReturnType<typeof crearServicioPpsh>;

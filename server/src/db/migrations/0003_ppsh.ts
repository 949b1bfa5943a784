/** The PPSH model (docs/decisiones.md §1): catalogs (seeded), requests with their people, documents, history, interviews, comments, payments. */
import { ESTADOS_PPSH } from '#shared/ppsh/estados';
import { columnas, conVersion, INSTANTE_SEMILLA, type DbMigracion } from '../columnas.js';

const sinc = { version: 1, updated_at: INSTANTE_SEMILLA, activo: 1 };

const CAUSAS: [string, string][] = [
  ['Conflicto Armado', 'Proviene de una zona de conflicto armado'],
  ['Desastre Natural', 'Víctima de un desastre natural en su país de origen'],
  ['Persecución Política', 'Perseguido por razones políticas o ideológicas'],
  ['Reunificación Familiar', 'Reunirse con un familiar residente en Panamá'],
  ['Razones Médicas', 'Tratamiento urgente no disponible en su país'],
  ['Violencia de Género', 'Víctima de violencia de género o doméstica'],
  ['Trata de Personas', 'Víctima de trata o explotación'],
  ['Refugiado', 'Condición de refugiado reconocida'],
  ['Vulnerabilidad Extrema', 'Vulnerabilidad extrema documentada'],
  ['Otro', 'Otra causa humanitaria justificada'],
];

// Decreto Ejecutivo N° 6 del 11 de marzo de 2025: [nombre, obligatorio, categoría, descripción].
const TIPOS_DOCUMENTO: [string, boolean, string, string][] = [
  ['Poder y Solicitud Apoderado Legal', true, 'LEGAL', 'Poder notariado y solicitud mediante abogado'],
  ['Fotografías Carnet', true, 'IDENTIFICACION', 'Dos fotografías tamaño carnet'],
  ['Pasaporte Notariado', true, 'IDENTIFICACION', 'Copia completa notariada del pasaporte'],
  ['Contrato Arrendamiento', false, 'DOMICILIO', 'Contrato notariado y cédula del arrendador'],
  ['Recibo Servicios Públicos', false, 'DOMICILIO', 'Recibo notariado de luz, agua, cable o internet'],
  ['Certificado Antecedentes Penales', true, 'ANTECEDENTES', 'Del país de origen, autenticado o apostillado'],
  ['Declaración Jurada Antecedentes', true, 'ANTECEDENTES', 'Declaración jurada de antecedentes personales'],
  ['Certificado de Salud', true, 'MEDICO', 'Certificado de salud emitido por profesional idóneo'],
  ['Registro Mano Obra Migrante', true, 'LABORAL', 'Registro de mano de obra migrante en MITRADEL'],
  [
    'Poder Notariado Menores',
    false,
    'MENORES',
    'Para menores: poder de ambos padres o tutor, prueba de parentesco y carta de responsabilidad',
  ],
  ['Comprobante Pago Reparación', true, 'PAGO', 'Cheque certificado o de gerencia del Banco Nacional por B/.800.00'],
  ['Comprobante Pago Servicio Migratorio', true, 'PAGO', 'Cheque por B/.250.00'],
  ['Comprobante Pago Carnet Visa', true, 'PAGO', 'B/.100.00 carnet y visa múltiple'],
  ['Comprobante Pago Permiso Trabajo', true, 'PAGO', 'Cheque por B/.100.00 permiso de trabajo'],
];

const CONCEPTOS: [string, string, number, string][] = [
  ['PPSH_INICIAL', 'Pago inicial PPSH', 80000, 'Pago inicial de la solicitud'],
  ['PPSH_ADICIONAL', 'Revisión especial', 25000, 'Revisión especial de documentos'],
  ['PPSH_REVISION', 'Reevaluación', 10000, 'Reevaluación de una solicitud rechazada'],
  ['PPSH_EXPEDICION', 'Expedición', 5000, 'Expedición del documento final'],
  ['PPSH_DUPLICADO', 'Duplicado', 2500, 'Duplicado por pérdida'],
];

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  const s = db.schema;

  await conVersion(
    db,
    s
      .createTable('ppsh_causas_humanitarias')
      .addColumn('cod_causa', c.entero, (col) => col.primaryKey())
      .addColumn('nombre_causa', c.texto(100), (col) => col.notNull())
      .addColumn('descripcion', c.texto(500))
      .addColumn('requiere_evidencia', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    s
      .createTable('ppsh_estados')
      .addColumn('cod_estado', c.codigo(30), (col) => col.primaryKey())
      .addColumn('nombre_estado', c.texto(100), (col) => col.notNull())
      .addColumn('descripcion', c.texto(500))
      .addColumn('orden', c.entero, (col) => col.notNull())
      .addColumn('color_hex', c.codigo(7), (col) => col.notNull())
      .addColumn('es_final', c.bit, (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    s
      .createTable('ppsh_tipos_documento')
      .addColumn('cod_tipo_doc', c.entero, (col) => col.primaryKey())
      .addColumn('nombre_tipo', c.texto(100), (col) => col.notNull())
      .addColumn('es_obligatorio', c.bit, (col) => col.notNull())
      .addColumn('categoria', c.codigo(20), (col) => col.notNull())
      .addColumn('descripcion', c.texto(500))
      .addColumn('orden', c.entero, (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await conVersion(
    db,
    s
      .createTable('ppsh_conceptos_pago')
      .addColumn('cod_concepto', c.codigo(20), (col) => col.primaryKey())
      .addColumn('nom_concepto', c.texto(50), (col) => col.notNull())
      .addColumn('monto_centavos', c.entero, (col) => col.notNull())
      .addColumn('descripcion', c.texto(500))
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();

  await conVersion(
    db,
    s
      .createTable('ppsh_solicitudes')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('num_expediente', c.codigo(20), (col) => col.notNull().unique())
      .addColumn('referencia_provisional', c.codigo(30))
      .addColumn('tipo_solicitud', c.codigo(20), (col) => col.notNull())
      .addColumn('cod_causa_humanitaria', c.entero, (col) =>
        col.notNull().references('ppsh_causas_humanitarias.cod_causa'),
      )
      .addColumn('descripcion_caso', c.texto(2000))
      .addColumn('fecha_solicitud', c.fecha, (col) => col.notNull())
      .addColumn('estado_actual', c.codigo(30), (col) => col.notNull().references('ppsh_estados.cod_estado'))
      .addColumn('fecha_estado', c.instante, (col) => col.notNull())
      .addColumn('cod_agencia', c.codigo(2), (col) => col.notNull().references('agencias.cod_agencia'))
      .addColumn('cod_seccion', c.codigo(2), (col) => col.references('secciones.cod_seccion'))
      .addColumn('user_id_asignado', c.id, (col) => col.references('usuarios.id'))
      .addColumn('fecha_asignacion', c.instante)
      .addColumn('prioridad', c.codigo(10), (col) => col.notNull())
      .addColumn('observaciones_generales', c.texto(2000))
      .addColumn('num_resolucion', c.codigo(50))
      .addColumn('fecha_resolucion', c.fecha)
      .addColumn('fecha_vencimiento_permiso', c.fecha)
      .addColumn('nombre_titular', c.texto(210), (col) => col.notNull())
      .addColumn('documento_titular', c.codigo(50), (col) => col.notNull())
      .addColumn('total_personas', c.entero, (col) => col.notNull())
      .addColumn('texto_busqueda', c.texto(4000), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull())
      .addColumn('updated_by', c.id),
  ).execute();
  // The caseload is always read per office: office first in every index so each office's slice is contiguous.
  await s
    .createIndex('ix_solicitudes_agencia_fecha')
    .on('ppsh_solicitudes')
    .columns(['cod_agencia', 'fecha_solicitud'])
    .execute();
  await s
    .createIndex('ix_solicitudes_agencia_estado')
    .on('ppsh_solicitudes')
    .columns(['cod_agencia', 'estado_actual', 'fecha_solicitud'])
    .execute();
  await s
    .createIndex('ix_solicitudes_asignado')
    .on('ppsh_solicitudes')
    .columns(['user_id_asignado', 'estado_actual'])
    .execute();
  await s.createIndex('ix_solicitudes_updated').on('ppsh_solicitudes').columns(['cod_agencia', 'updated_at']).execute();
  await s.createIndex('ix_solicitudes_documento').on('ppsh_solicitudes').column('documento_titular').execute();

  const hijo = (nombre: string) =>
    s
      .createTable(nombre)
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('solicitud_id', c.id, (col) => col.notNull().references('ppsh_solicitudes.id').onDelete('cascade'));

  await conVersion(
    db,
    hijo('ppsh_solicitantes')
      .addColumn('es_titular', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('tipo_documento', c.codigo(20), (col) => col.notNull())
      .addColumn('num_documento', c.codigo(50), (col) => col.notNull())
      .addColumn('pais_emisor', c.codigo(3), (col) => col.notNull().references('paises.cod_pais'))
      .addColumn('fecha_emision_doc', c.fecha)
      .addColumn('fecha_vencimiento_doc', c.fecha)
      .addColumn('primer_nombre', c.texto(50), (col) => col.notNull())
      .addColumn('segundo_nombre', c.texto(50))
      .addColumn('primer_apellido', c.texto(50), (col) => col.notNull())
      .addColumn('segundo_apellido', c.texto(50))
      .addColumn('fecha_nacimiento', c.fecha, (col) => col.notNull())
      .addColumn('cod_sexo', c.codigo(1), (col) => col.notNull().references('sexos.cod_sexo'))
      .addColumn('cod_nacionalidad', c.codigo(3), (col) => col.notNull().references('paises.cod_pais'))
      .addColumn('cod_estado_civil', c.codigo(1), (col) => col.references('estados_civiles.cod_estado_civil'))
      .addColumn('parentesco_titular', c.codigo(20))
      .addColumn('email', c.texto(100))
      .addColumn('telefono', c.codigo(20))
      .addColumn('direccion_pais_origen', c.texto(200))
      .addColumn('direccion_panama', c.texto(200))
      .addColumn('ocupacion', c.texto(100))
      .addColumn('observaciones', c.texto(500))
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();
  await s.createIndex('ix_solicitantes_solicitud').on('ppsh_solicitantes').column('solicitud_id').execute();
  await s.createIndex('ix_solicitantes_documento').on('ppsh_solicitantes').column('num_documento').execute();
  await s
    .createIndex('ix_solicitantes_nombre')
    .on('ppsh_solicitantes')
    .columns(['primer_apellido', 'primer_nombre'])
    .execute();

  await db.schema
    .createTable('archivos')
    .addColumn('sha256', c.codigo(64), (col) => col.primaryKey())
    .addColumn('tamano_bytes', c.grande, (col) => col.notNull())
    .addColumn('mime_type', c.codigo(100), (col) => col.notNull())
    .addColumn('created_at', c.instante, (col) => col.notNull())
    .execute();

  await conVersion(
    db,
    hijo('ppsh_documentos')
      .addColumn('cod_tipo_documento', c.entero, (col) => col.references('ppsh_tipos_documento.cod_tipo_doc'))
      .addColumn('tipo_documento_texto', c.texto(100))
      .addColumn('nombre_archivo', c.texto(255), (col) => col.notNull())
      .addColumn('extension', c.codigo(10), (col) => col.notNull())
      .addColumn('mime_type', c.codigo(100), (col) => col.notNull())
      .addColumn('tamano_bytes', c.grande, (col) => col.notNull())
      .addColumn('sha256', c.codigo(64), (col) => col.notNull().references('archivos.sha256'))
      .addColumn('observaciones', c.texto(500))
      .addColumn('es_obligatorio', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('estado_verificacion', c.codigo(20), (col) => col.notNull())
      .addColumn('verificado_por', c.id)
      .addColumn('fecha_verificacion', c.instante)
      .addColumn('uploaded_by', c.id, (col) => col.notNull())
      .addColumn('uploaded_at', c.instante, (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1)),
  ).execute();
  await s.createIndex('ix_documentos_solicitud').on('ppsh_documentos').column('solicitud_id').execute();

  await conVersion(
    db,
    hijo('ppsh_estado_historial')
      .addColumn('estado_anterior', c.codigo(30), (col) => col.references('ppsh_estados.cod_estado'))
      .addColumn('estado_nuevo', c.codigo(30), (col) => col.notNull().references('ppsh_estados.cod_estado'))
      .addColumn('fecha_cambio', c.instante, (col) => col.notNull())
      .addColumn('user_id', c.id, (col) => col.notNull())
      .addColumn('observaciones', c.texto(1000))
      .addColumn('es_dictamen', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('tipo_dictamen', c.codigo(20))
      .addColumn('dictamen_detalle', c.texto(2000))
      .addColumn('dias_en_estado_anterior', c.entero),
  ).execute();
  await s
    .createIndex('ix_historial_solicitud')
    .on('ppsh_estado_historial')
    .columns(['solicitud_id', 'fecha_cambio'])
    .execute();

  await conVersion(
    db,
    hijo('ppsh_entrevistas')
      .addColumn('fecha_programada', c.instante, (col) => col.notNull())
      .addColumn('fecha_realizada', c.instante)
      .addColumn('lugar', c.texto(100))
      .addColumn('cod_agencia', c.codigo(2), (col) => col.notNull())
      .addColumn('entrevistador_user_id', c.id, (col) => col.notNull())
      .addColumn('asistio', c.bit)
      .addColumn('motivo_inasistencia', c.texto(300))
      .addColumn('resultado', c.codigo(20), (col) => col.notNull())
      .addColumn('observaciones', c.texto(2000))
      .addColumn('acta_entrevista', c.textoLargo)
      .addColumn('requiere_segunda_entrevista', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();
  await s.createIndex('ix_entrevistas_solicitud').on('ppsh_entrevistas').column('solicitud_id').execute();

  await conVersion(
    db,
    hijo('ppsh_comentarios')
      .addColumn('user_id', c.id, (col) => col.notNull())
      .addColumn('comentario', c.texto(2000), (col) => col.notNull())
      .addColumn('es_interno', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull()),
  ).execute();
  await s
    .createIndex('ix_comentarios_solicitud')
    .on('ppsh_comentarios')
    .columns(['solicitud_id', 'created_at'])
    .execute();

  await conVersion(
    db,
    hijo('ppsh_pagos')
      .addColumn('tipo_concepto', c.codigo(20), (col) => col.notNull().references('ppsh_conceptos_pago.cod_concepto'))
      .addColumn('monto_centavos', c.entero, (col) => col.notNull())
      .addColumn('estado_tesoreria', c.codigo(20), (col) => col.notNull())
      .addColumn('num_recibo', c.codigo(50))
      .addColumn('fecha_pago', c.fecha)
      .addColumn('metodo_pago', c.codigo(20), (col) => col.notNull())
      .addColumn('banco_emisor', c.texto(100))
      .addColumn('num_cheque', c.codigo(50))
      .addColumn('num_transferencia', c.codigo(50))
      .addColumn('observaciones', c.texto(500))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();
  await s.createIndex('ix_pagos_solicitud').on('ppsh_pagos').column('solicitud_id').execute();

  await db
    .insertInto('ppsh_causas_humanitarias')
    .values(
      CAUSAS.map(([nombre_causa, descripcion], i) => ({
        cod_causa: i + 1,
        nombre_causa,
        descripcion,
        requiere_evidencia: 1,
        ...sinc,
      })),
    )
    .execute();
  await db
    .insertInto('ppsh_estados')
    .values(
      ESTADOS_PPSH.map((e, i) => ({
        cod_estado: e.cod,
        nombre_estado: e.nombre,
        descripcion: e.descripcion,
        orden: i + 1,
        color_hex: e.color,
        es_final: e.final ? 1 : 0,
        ...sinc,
      })),
    )
    .execute();
  await db
    .insertInto('ppsh_tipos_documento')
    .values(
      TIPOS_DOCUMENTO.map(([nombre_tipo, obligatorio, categoria, descripcion], i) => ({
        cod_tipo_doc: i + 1,
        nombre_tipo,
        es_obligatorio: obligatorio ? 1 : 0,
        categoria,
        descripcion,
        orden: i + 1,
        ...sinc,
      })),
    )
    .execute();
  await db
    .insertInto('ppsh_conceptos_pago')
    .values(
      CONCEPTOS.map(([cod_concepto, nom_concepto, monto_centavos, descripcion]) => ({
        cod_concepto,
        nom_concepto,
        monto_centavos,
        descripcion,
        ...sinc,
      })),
    )
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  for (const t of [
    'ppsh_pagos',
    'ppsh_comentarios',
    'ppsh_entrevistas',
    'ppsh_estado_historial',
    'ppsh_documentos',
    'archivos',
    'ppsh_solicitantes',
    'ppsh_solicitudes',
    'ppsh_conceptos_pago',
    'ppsh_tipos_documento',
    'ppsh_estados',
    'ppsh_causas_humanitarias',
  ])
    await db.schema.dropTable(t).execute();
}

/**
 * Workflow dinámico (docs/workflow.md, Data model): templates (workflows, etapas, preguntas, conexiones) and the cases they drive
 * (instancias with their answers, history and comments). UUIDv7 ids, version and updated_at on every table the
 * desktop syncs. Lists and JSON values are nvarchar(max) / text holding JSON. Stage and question codes are unique among
 * the active rows of a template (validarPlantilla checks it on save); a replaced draft keeps its old rows inactive.
 */
import { columnas, conVersion, type DbMigracion } from '../columnas.js';

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  const s = db.schema;

  await conVersion(
    db,
    s
      .createTable('workflows')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('codigo', c.codigo(50), (col) => col.notNull())
      .addColumn('version_plantilla', c.codigo(20), (col) => col.notNull())
      .addColumn('nombre', c.texto(255), (col) => col.notNull())
      .addColumn('descripcion', c.texto(4000))
      .addColumn('estado', c.codigo(20), (col) => col.notNull())
      .addColumn('color_hex', c.codigo(7))
      .addColumn('icono', c.texto(50))
      .addColumn('categoria', c.texto(100))
      .addColumn('requiere_autenticacion', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('es_publico', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('perfiles_creadores', c.textoLargo, (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull())
      .addColumn('updated_by', c.id)
      .addUniqueConstraint('uq_workflows_codigo_version', ['codigo', 'version_plantilla']),
  ).execute();

  await conVersion(
    db,
    s
      .createTable('workflow_etapas')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('workflow_id', c.id, (col) => col.notNull().references('workflows.id'))
      .addColumn('codigo', c.codigo(50), (col) => col.notNull())
      .addColumn('nombre', c.texto(255), (col) => col.notNull())
      .addColumn('descripcion', c.texto(2000))
      .addColumn('tipo_etapa', c.codigo(20), (col) => col.notNull())
      .addColumn('orden', c.entero, (col) => col.notNull())
      .addColumn('posicion_x', c.entero)
      .addColumn('posicion_y', c.entero)
      .addColumn('perfiles_permitidos', c.textoLargo, (col) => col.notNull())
      .addColumn('titulo_formulario', c.texto(500))
      .addColumn('bajada_formulario', c.texto(2000))
      .addColumn('es_etapa_inicial', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('es_etapa_final', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('requiere_validacion', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('permite_edicion_posterior', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('tiempo_estimado_minutos', c.entero)
      .addColumn('reglas_transicion', c.textoLargo)
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();

  await conVersion(
    db,
    s
      .createTable('workflow_preguntas')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('etapa_id', c.id, (col) => col.notNull().references('workflow_etapas.id'))
      .addColumn('codigo', c.codigo(50), (col) => col.notNull())
      .addColumn('pregunta', c.texto(2000), (col) => col.notNull())
      .addColumn('tipo_pregunta', c.codigo(30), (col) => col.notNull())
      .addColumn('orden', c.entero, (col) => col.notNull())
      .addColumn('es_obligatoria', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('validacion_regex', c.texto(500))
      .addColumn('mensaje_validacion', c.texto(500))
      .addColumn('opciones', c.textoLargo)
      .addColumn('opciones_datos_caso', c.textoLargo)
      .addColumn('permite_multiple', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('extensiones_permitidas', c.textoLargo)
      .addColumn('tamano_maximo_mb', c.entero)
      .addColumn('requiere_ocr', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('texto_ayuda', c.texto(1000))
      .addColumn('placeholder', c.texto(200))
      .addColumn('valor_predeterminado', c.texto(500))
      .addColumn('mostrar_si', c.textoLargo)
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();

  await conVersion(
    db,
    s
      .createTable('workflow_conexiones')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('workflow_id', c.id, (col) => col.notNull().references('workflows.id'))
      .addColumn('etapa_origen_id', c.id, (col) => col.notNull().references('workflow_etapas.id'))
      .addColumn('etapa_destino_id', c.id, (col) => col.notNull().references('workflow_etapas.id'))
      .addColumn('nombre', c.texto(255))
      .addColumn('tipo_conexion', c.codigo(20), (col) => col.notNull())
      .addColumn('condicion', c.textoLargo)
      .addColumn('es_predeterminada', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();
  await s.createIndex('ix_etapas_workflow').on('workflow_etapas').column('workflow_id').execute();
  await s.createIndex('ix_preguntas_etapa').on('workflow_preguntas').column('etapa_id').execute();
  await s.createIndex('ix_conexiones_workflow').on('workflow_conexiones').column('workflow_id').execute();

  await conVersion(
    db,
    s
      .createTable('workflow_instancias')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('workflow_id', c.id, (col) => col.notNull().references('workflows.id'))
      .addColumn('num_expediente', c.codigo(80), (col) => col.notNull().unique())
      .addColumn('referencia_provisional', c.codigo(30))
      .addColumn('nombre_instancia', c.texto(255))
      .addColumn('estado', c.codigo(20), (col) => col.notNull())
      .addColumn('etapa_actual_id', c.id, (col) => col.references('workflow_etapas.id'))
      // Denormalised from the current stage so the caseload lists and queues 100,000 cases without a join.
      .addColumn('etapa_actual_codigo', c.codigo(50))
      .addColumn('etapa_actual_nombre', c.texto(255))
      .addColumn('pendiente_validacion', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('fecha_etapa', c.instante, (col) => col.notNull())
      .addColumn('cod_agencia', c.codigo(2), (col) => col.notNull().references('agencias.cod_agencia'))
      .addColumn('creado_por_user_id', c.id, (col) => col.notNull())
      .addColumn('asignado_a_user_id', c.id, (col) => col.references('usuarios.id'))
      .addColumn('fecha_asignacion', c.instante)
      .addColumn('fecha_inicio', c.instante, (col) => col.notNull())
      .addColumn('fecha_apertura', c.fecha, (col) => col.notNull())
      .addColumn('fecha_estimada_fin', c.fecha)
      .addColumn('fecha_fin', c.instante)
      .addColumn('metadata_adicional', c.textoLargo)
      .addColumn('prioridad', c.codigo(10), (col) => col.notNull())
      .addColumn('nombre_titular', c.texto(210), (col) => col.notNull())
      .addColumn('documento_titular', c.codigo(50), (col) => col.notNull())
      .addColumn('texto_busqueda', c.texto(4000), (col) => col.notNull())
      .addColumn('activo', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('updated_by', c.id),
  ).execute();
  // Same shape as ppsh_solicitudes' indexes: the unified caseload reads both kinds per office with the same filters.
  const ix = (nombre: string, cols: string[]) =>
    s.createIndex(nombre).on('workflow_instancias').columns(cols).execute();
  await ix('ix_instancias_agencia_fecha', ['cod_agencia', 'fecha_apertura']);
  await ix('ix_instancias_agencia_estado', ['cod_agencia', 'estado', 'fecha_apertura']);
  await ix('ix_instancias_asignado', ['asignado_a_user_id', 'estado']);
  await ix('ix_instancias_updated', ['cod_agencia', 'updated_at']);
  await ix('ix_instancias_documento', ['documento_titular']);
  await ix('ix_instancias_validacion', ['cod_agencia', 'pendiente_validacion', 'fecha_etapa']);
  await ix('ix_instancias_workflow', ['workflow_id', 'estado']);

  await conVersion(
    db,
    s
      .createTable('workflow_respuestas_etapa')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('instancia_id', c.id, (col) => col.notNull().references('workflow_instancias.id'))
      .addColumn('etapa_id', c.id, (col) => col.notNull().references('workflow_etapas.id'))
      .addColumn('completada', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('fecha_inicio', c.instante, (col) => col.notNull())
      .addColumn('fecha_completado', c.instante)
      .addColumn('completado_por_user_id', c.id)
      .addUniqueConstraint('uq_respuestas_etapa', ['instancia_id', 'etapa_id']),
  ).execute();

  await conVersion(
    db,
    s
      .createTable('workflow_respuestas')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('respuesta_etapa_id', c.id, (col) => col.notNull().references('workflow_respuestas_etapa.id'))
      .addColumn('pregunta_id', c.id, (col) => col.notNull().references('workflow_preguntas.id'))
      .addColumn('valor_texto', c.texto(4000))
      .addColumn('valor_json', c.textoLargo)
      .addColumn('valor_fecha', c.fecha)
      .addColumn('valor_booleano', c.bit)
      .addColumn('archivos', c.textoLargo)
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull())
      .addUniqueConstraint('uq_respuestas_pregunta', ['respuesta_etapa_id', 'pregunta_id']),
  ).execute();

  await conVersion(
    db,
    s
      .createTable('workflow_historial')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('instancia_id', c.id, (col) => col.notNull().references('workflow_instancias.id'))
      .addColumn('tipo_cambio', c.codigo(20), (col) => col.notNull())
      .addColumn('etapa_origen_id', c.id)
      .addColumn('etapa_destino_id', c.id)
      .addColumn('estado_anterior', c.codigo(20))
      .addColumn('estado_nuevo', c.codigo(20))
      .addColumn('descripcion', c.texto(2000))
      .addColumn('datos_adicionales', c.textoLargo)
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();
  await s
    .createIndex('ix_wf_historial_instancia')
    .on('workflow_historial')
    .columns(['instancia_id', 'created_at'])
    .execute();

  await conVersion(
    db,
    s
      .createTable('workflow_comentarios')
      .addColumn('id', c.id, (col) => col.primaryKey())
      .addColumn('instancia_id', c.id, (col) => col.notNull().references('workflow_instancias.id'))
      .addColumn('comentario', c.texto(4000), (col) => col.notNull())
      .addColumn('es_interno', c.bit, (col) => col.notNull().defaultTo(1))
      .addColumn('es_notificacion', c.bit, (col) => col.notNull().defaultTo(0))
      .addColumn('archivos', c.textoLargo)
      .addColumn('created_at', c.instante, (col) => col.notNull())
      .addColumn('created_by', c.id, (col) => col.notNull()),
  ).execute();
  await s
    .createIndex('ix_wf_comentarios_instancia')
    .on('workflow_comentarios')
    .columns(['instancia_id', 'created_at'])
    .execute();
}

export async function down(db: DbMigracion): Promise<void> {
  for (const t of [
    'workflow_comentarios',
    'workflow_historial',
    'workflow_respuestas',
    'workflow_respuestas_etapa',
    'workflow_instancias',
    'workflow_conexiones',
    'workflow_preguntas',
    'workflow_etapas',
    'workflows',
  ])
    await db.schema.dropTable(t).execute();
}

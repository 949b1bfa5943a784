/**
 * Row types of every table, as the application sees them on both engines: booleans are 0/1 integers, instants are UTC
 * ISO strings and calendar dates 'YYYY-MM-DD' (the SQL Server plugin in dialect.ts converts what tedious returns).
 * Tables the desktop syncs carry a UUIDv7 `id` (or a natural catalog code), `version` and `updated_at`.
 */
export type Bit = 0 | 1;

interface Sincronizable {
  version: number;
  updated_at: string;
}

interface Catalogo extends Sincronizable {
  activo: Bit;
}

export interface AgenciaRow extends Catalogo {
  cod_agencia: string;
  nombre: string;
  cod_region: string | null;
  tipo: string | null;
}
export interface SeccionRow extends Catalogo {
  cod_seccion: string;
  nombre: string;
}
export interface PaisRow extends Catalogo {
  cod_pais: string;
  nombre: string;
  nacionalidad: string;
  iso_alpha2: string;
}
export interface SexoRow extends Catalogo {
  cod_sexo: string;
  nombre: string;
}
export interface EstadoCivilRow extends Catalogo {
  cod_estado_civil: string;
  nombre: string;
}
export interface RolRow {
  cod_rol: string;
  nombre: string;
}
export interface CausaHumanitariaRow extends Catalogo {
  cod_causa: number;
  nombre_causa: string;
  descripcion: string | null;
  requiere_evidencia: Bit;
}
export interface EstadoPpshRow extends Catalogo {
  cod_estado: string;
  nombre_estado: string;
  descripcion: string | null;
  orden: number;
  color_hex: string;
  es_final: Bit;
}
export interface TipoDocumentoRow extends Catalogo {
  cod_tipo_doc: number;
  nombre_tipo: string;
  es_obligatorio: Bit;
  categoria: string;
  descripcion: string | null;
  orden: number;
}
export interface ConceptoPagoRow extends Catalogo {
  cod_concepto: string;
  nom_concepto: string;
  monto_centavos: number;
  descripcion: string | null;
}

export interface UsuarioRow extends Sincronizable {
  id: string;
  username: string;
  nombre: string;
  email: string | null;
  cedula: string | null;
  rol: string;
  cod_agencia: string;
  password_hash: string;
  activo: Bit;
  intentos_fallidos: number;
  bloqueado_hasta: string | null;
  ultimo_acceso: string | null;
  created_at: string;
  /** When a person last set this password (reset, own change; migration 0028): moving it ends every session. */
  password_cambiada_en?: string | null;
}

/** Login throttle of one key: a username with a source address, or a username alone (migration 0027). */
export interface LimiteLoginRow {
  clave: string;
  usuario: string;
  intentos: number;
  bloqueos: number;
  bloqueado_hasta: string | null;
  ventana_desde: string;
  updated_at: string;
}

/** A notice for the officer about her own account (migration 0029). */
export interface AvisoUsuarioRow {
  id: string;
  usuario_id: string;
  tipo: string;
  mensaje: string;
  origen: string | null;
  created_at: string;
  leido_en: string | null;
}

/** An address an officer logged in from (migration 0029). */
export interface OrigenConocidoRow {
  usuario_id: string;
  origen: string;
  primer_acceso: string;
  ultimo_acceso: string;
}

/** Bytes an officer uploaded through the sync upload (migration 0025): what her desk may attach by hash. */
export interface ArchivoSubidoRow {
  sha256: string;
  usuario_id: string;
  created_at: string;
}

export interface RefreshTokenRow {
  jti: string;
  familia_id: string;
  usuario_id: string;
  expira_en: string;
  revocado_en: string | null;
  reemplazado_por: string | null;
  created_at: string;
  /** The session's facts, copied on every rotation (migration 0028); null on rows from before it. */
  sesion_inicio: string | null;
  sesion_expira: string | null;
  origen: string | null;
  dispositivo: string | null;
}

/** One row (migration 0026): moves on every change to what an access token's answer depends on. */
export interface RevisionAccesoRow {
  id: number;
  revision: number;
}

export interface SecuenciaRow {
  nombre: string;
  anio: number;
  valor: number;
}

export interface SolicitudRow extends Sincronizable {
  id: string;
  num_expediente: string;
  referencia_provisional: string | null;
  tipo_solicitud: string;
  cod_causa_humanitaria: number;
  descripcion_caso: string | null;
  fecha_solicitud: string;
  estado_actual: string;
  fecha_estado: string;
  cod_agencia: string;
  cod_seccion: string | null;
  user_id_asignado: string | null;
  fecha_asignacion: string | null;
  prioridad: string;
  observaciones_generales: string | null;
  num_resolucion: string | null;
  fecha_resolucion: string | null;
  fecha_vencimiento_permiso: string | null;
  /** Denormalised from the titular so the caseload lists and searches 100,000 cases without a join. */
  nombre_titular: string;
  documento_titular: string;
  total_personas: number;
  /** Lower-case, accent-free text of number, reference, names and document numbers: the search column. */
  texto_busqueda: string;
  activo: Bit;
  created_at: string;
  created_by: string;
  updated_by: string | null;
}

export interface SolicitanteRow extends Sincronizable {
  id: string;
  solicitud_id: string;
  es_titular: Bit;
  tipo_documento: string;
  num_documento: string;
  pais_emisor: string;
  fecha_emision_doc: string | null;
  fecha_vencimiento_doc: string | null;
  primer_nombre: string;
  segundo_nombre: string | null;
  primer_apellido: string;
  segundo_apellido: string | null;
  fecha_nacimiento: string;
  cod_sexo: string;
  cod_nacionalidad: string;
  cod_estado_civil: string | null;
  parentesco_titular: string | null;
  email: string | null;
  telefono: string | null;
  direccion_pais_origen: string | null;
  direccion_panama: string | null;
  ocupacion: string | null;
  observaciones: string | null;
  activo: Bit;
  created_at: string;
  created_by: string;
}

export interface DocumentoRow extends Sincronizable {
  id: string;
  solicitud_id: string;
  cod_tipo_documento: number | null;
  tipo_documento_texto: string | null;
  nombre_archivo: string;
  extension: string;
  mime_type: string;
  tamano_bytes: number;
  sha256: string;
  observaciones: string | null;
  es_obligatorio: Bit;
  estado_verificacion: string;
  verificado_por: string | null;
  fecha_verificacion: string | null;
  uploaded_by: string;
  uploaded_at: string;
  activo: Bit;
}

export interface HistorialRow extends Sincronizable {
  id: string;
  solicitud_id: string;
  estado_anterior: string | null;
  estado_nuevo: string;
  fecha_cambio: string;
  user_id: string;
  observaciones: string | null;
  es_dictamen: Bit;
  tipo_dictamen: string | null;
  dictamen_detalle: string | null;
  dias_en_estado_anterior: number | null;
}

export interface EntrevistaRow extends Sincronizable {
  id: string;
  solicitud_id: string;
  fecha_programada: string;
  fecha_realizada: string | null;
  lugar: string | null;
  cod_agencia: string;
  entrevistador_user_id: string;
  asistio: Bit | null;
  motivo_inasistencia: string | null;
  resultado: string;
  observaciones: string | null;
  acta_entrevista: string | null;
  requiere_segunda_entrevista: Bit;
  created_at: string;
  created_by: string;
}

export interface ComentarioRow extends Sincronizable {
  id: string;
  solicitud_id: string;
  user_id: string;
  comentario: string;
  es_interno: Bit;
  created_at: string;
}

export interface PagoRow extends Sincronizable {
  id: string;
  solicitud_id: string;
  tipo_concepto: string;
  monto_centavos: number;
  estado_tesoreria: string;
  num_recibo: string | null;
  fecha_pago: string | null;
  metodo_pago: string;
  banco_emisor: string | null;
  num_cheque: string | null;
  num_transferencia: string | null;
  observaciones: string | null;
  created_at: string;
  created_by: string;
}

/** Content-addressed file store: one row per distinct file, whatever its name or how many documents point at it. */
export interface ArchivoRow {
  sha256: string;
  tamano_bytes: number;
  mime_type: string;
  created_at: string;
}

/** One search term of one case (db/busqueda.ts). */
export interface BusquedaTerminoRow {
  termino: string;
  caso_id: string;
}

export interface AuditLogRow {
  id: string;
  fecha: string;
  usuario_id: string | null;
  username: string | null;
  cod_agencia: string | null;
  accion: string;
  entidad: string;
  entidad_id: string | null;
  antes: string | null;
  despues: string | null;
  request_id: string | null;
  cliente: string | null;
  /** When the officer acted, for a write made by a desk's offline command (migration 0033); `fecha` is when it ran. */
  hecho_en?: string | null;
}

/** Offline sync (migration 0020, docs/sync.md): the one change counter row, the change feed, pushed command outcomes. */
export interface SyncContadorRow {
  id: number;
  seq: number;
  /** Cursors below this (and above 0) were compacted away: their clients must reset. */
  seq_minimo: number;
}
/** The epoch of the database's history (migration 0030, docs/sync.md "Restore"): one row, id 1. */
export interface SyncEpocaRow {
  id: number;
  epoca: string;
  anterior: string | null;
  desde: string;
  motivo: string;
  recovery_fork: string | null;
}
export interface SyncCambioRow {
  seq: number;
  tabla: string;
  fila_id: string;
  /** null: a global catalog row, sent to every user. */
  cod_agencia: string | null;
  version: number;
}
export interface SyncMutacionRow {
  mutation_id: string;
  client_id: string;
  usuario_id: string;
  nombre: string;
  estado: string;
  codigo: string | null;
  mensaje: string | null;
  /** The JSON result sent back, replayed as is. */
  resultado: string | null;
  /** When the server received it; `hecho_en` is when the officer acted (migration 0033, docs/sync.md). */
  created_at: string;
  hecho_en?: string | null;
  /** 1: the desk's acted time was outside the bounds the server checks and was clamped to them. */
  hora_ajustada?: number | null;
  /** The case the command is about (for a registration or a start, the case it creates). */
  caso_id?: string | null;
  /** The provisional reference of the case a registration or a start creates. */
  referencia?: string | null;
}
/** The last time each desk (user and clientId) talked to the sync API (migration 0033): bounds an acted time. */
export interface SyncEscritorioRow {
  usuario_id: string;
  client_id: string;
  ultimo_contacto: string;
  /** What the desk said with its last push (migration 0036): its user's office, queued commands, app version. */
  cod_agencia?: string | null;
  pendientes?: number | null;
  version_app?: string | null;
}

/** Workflow dinámico (migration 0010, docs/workflow.md). List and condition columns hold JSON text. */
export interface WorkflowRow extends Sincronizable {
  id: string;
  codigo: string;
  version_plantilla: string;
  nombre: string;
  descripcion: string | null;
  estado: string;
  color_hex: string | null;
  icono: string | null;
  categoria: string | null;
  requiere_autenticacion: Bit;
  es_publico: Bit;
  perfiles_creadores: string;
  activo: Bit;
  created_at: string;
  created_by: string;
  updated_by: string | null;
}
export interface WorkflowEtapaRow extends Sincronizable {
  id: string;
  workflow_id: string;
  codigo: string;
  nombre: string;
  descripcion: string | null;
  tipo_etapa: string;
  orden: number;
  posicion_x: number | null;
  posicion_y: number | null;
  perfiles_permitidos: string;
  titulo_formulario: string | null;
  bajada_formulario: string | null;
  es_etapa_inicial: Bit;
  es_etapa_final: Bit;
  requiere_validacion: Bit;
  permite_edicion_posterior: Bit;
  tiempo_estimado_minutos: number | null;
  reglas_transicion: string | null;
  activo: Bit;
  created_at: string;
  created_by: string;
}
export interface WorkflowPreguntaRow extends Sincronizable {
  id: string;
  etapa_id: string;
  codigo: string;
  pregunta: string;
  tipo_pregunta: string;
  orden: number;
  es_obligatoria: Bit;
  validacion_regex: string | null;
  mensaje_validacion: string | null;
  opciones: string | null;
  opciones_datos_caso: string | null;
  permite_multiple: Bit;
  extensiones_permitidas: string | null;
  tamano_maximo_mb: number | null;
  requiere_ocr: Bit;
  texto_ayuda: string | null;
  placeholder: string | null;
  valor_predeterminado: string | null;
  mostrar_si: string | null;
  activo: Bit;
  created_at: string;
  created_by: string;
}
export interface WorkflowConexionRow extends Sincronizable {
  id: string;
  workflow_id: string;
  etapa_origen_id: string;
  etapa_destino_id: string;
  nombre: string | null;
  tipo_conexion: string;
  condicion: string | null;
  es_predeterminada: Bit;
  activo: Bit;
  created_at: string;
  created_by: string;
}
export interface WorkflowInstanciaRow extends Sincronizable {
  id: string;
  workflow_id: string;
  num_expediente: string;
  referencia_provisional: string | null;
  nombre_instancia: string | null;
  estado: string;
  etapa_actual_id: string | null;
  etapa_actual_codigo: string | null;
  etapa_actual_nombre: string | null;
  /** 1 while the current stage requires validation: the approval queue reads this. */
  pendiente_validacion: Bit;
  /** When the case entered its current stage (SLA, queue order). */
  fecha_etapa: string;
  cod_agencia: string;
  creado_por_user_id: string;
  asignado_a_user_id: string | null;
  fecha_asignacion: string | null;
  fecha_inicio: string;
  /** Panama calendar date of fecha_inicio, as ppsh_solicitudes.fecha_solicitud. */
  fecha_apertura: string;
  fecha_estimada_fin: string | null;
  fecha_fin: string | null;
  metadata_adicional: string | null;
  prioridad: string;
  nombre_titular: string;
  documento_titular: string;
  texto_busqueda: string;
  activo: Bit;
  created_at: string;
  updated_by: string | null;
}
export interface WorkflowRespuestaEtapaRow extends Sincronizable {
  id: string;
  instancia_id: string;
  etapa_id: string;
  completada: Bit;
  fecha_inicio: string;
  fecha_completado: string | null;
  completado_por_user_id: string | null;
}
export interface WorkflowRespuestaRow extends Sincronizable {
  id: string;
  respuesta_etapa_id: string;
  pregunta_id: string;
  valor_texto: string | null;
  valor_json: string | null;
  valor_fecha: string | null;
  valor_booleano: Bit | null;
  archivos: string | null;
  created_at: string;
  created_by: string;
}
export interface WorkflowHistorialRow extends Sincronizable {
  id: string;
  instancia_id: string;
  tipo_cambio: string;
  etapa_origen_id: string | null;
  etapa_destino_id: string | null;
  estado_anterior: string | null;
  estado_nuevo: string | null;
  descripcion: string | null;
  datos_adicionales: string | null;
  created_at: string;
  created_by: string;
}
export interface WorkflowComentarioRow extends Sincronizable {
  id: string;
  instancia_id: string;
  comentario: string;
  es_interno: Bit;
  es_notificacion: Bit;
  archivos: string | null;
  created_at: string;
  created_by: string;
}

export interface Database {
  agencias: AgenciaRow;
  secciones: SeccionRow;
  paises: PaisRow;
  sexos: SexoRow;
  estados_civiles: EstadoCivilRow;
  roles: RolRow;
  usuarios: UsuarioRow;
  refresh_tokens: RefreshTokenRow;
  revision_acceso: RevisionAccesoRow;
  limites_login: LimiteLoginRow;
  avisos_usuario: AvisoUsuarioRow;
  origenes_conocidos: OrigenConocidoRow;
  secuencias: SecuenciaRow;
  ppsh_causas_humanitarias: CausaHumanitariaRow;
  ppsh_estados: EstadoPpshRow;
  ppsh_tipos_documento: TipoDocumentoRow;
  ppsh_conceptos_pago: ConceptoPagoRow;
  ppsh_solicitudes: SolicitudRow;
  ppsh_solicitantes: SolicitanteRow;
  ppsh_documentos: DocumentoRow;
  ppsh_estado_historial: HistorialRow;
  ppsh_entrevistas: EntrevistaRow;
  ppsh_comentarios: ComentarioRow;
  ppsh_pagos: PagoRow;
  archivos: ArchivoRow;
  archivos_subidos: ArchivoSubidoRow;
  audit_log: AuditLogRow;
  busqueda_terminos: BusquedaTerminoRow;
  sync_contador: SyncContadorRow;
  sync_epoca: SyncEpocaRow;
  sync_cambios: SyncCambioRow;
  sync_mutaciones: SyncMutacionRow;
  sync_escritorios: SyncEscritorioRow;
  workflows: WorkflowRow;
  workflow_etapas: WorkflowEtapaRow;
  workflow_preguntas: WorkflowPreguntaRow;
  workflow_conexiones: WorkflowConexionRow;
  workflow_instancias: WorkflowInstanciaRow;
  workflow_respuestas_etapa: WorkflowRespuestaEtapaRow;
  workflow_respuestas: WorkflowRespuestaRow;
  workflow_historial: WorkflowHistorialRow;
  workflow_comentarios: WorkflowComentarioRow;
}

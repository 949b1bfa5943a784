/** Result types of the bridge contract (contrato.ts): plain JSON, so they cross IPC and HTTP unchanged. */
import type { TipoCaso } from '../casos/schemas.js';
import type { CodigoError } from '../codigos-error.js';
import type { EstadoPpsh } from '../ppsh/estados.js';
import type { Rol } from '../roles.js';
import type { PreguntaDef } from '../workflow/motor.js';
import type { ValorRespuesta } from '../workflow/schemas.js';

export interface UsuarioSesion {
  id: string;
  username: string;
  nombre: string;
  rol: Rol;
  cod_agencia: string;
}

/**
 * sin_sesion: nobody logged in on this machine (or logged out). bloqueada: a user is known but must type the password
 * (app start, manual lock) or was locked by the server (motivo says why). activa: online or unlocked offline.
 */
export interface EstadoSesion {
  estado: 'sin_sesion' | 'bloqueada' | 'activa';
  usuario: UsuarioSesion | null;
  /** Until when an offline unlock is accepted (ISO); null when it no longer is. */
  desbloqueo_offline_hasta: string | null;
  /** Why the session is locked, when the server locked it (account disabled, session revoked). */
  motivo: { code: CodigoError; message: string } | null;
  /**
   * Whether the password can be checked on this desk without the server, or why not: the window ran out (vencido), the
   * wrong tries were used up (agotado), nothing is kept to check it with (sin_verificador: no protected key store, or
   * the password changed), the clock reads earlier than a time the desk already saw (reloj_atrasado), or the server
   * ended the session (cerrada_por_servidor).
   */
  desbloqueo_offline: DesbloqueoOffline;
  /** Wrong passwords left offline before the desk stops checking them itself (null: it cannot check them). */
  intentos_restantes: number | null;
  /** The server's notices for the officer (a password reset, a lockout, a login from another desk), after a login. */
  avisos: AvisoSesion[];
}

export type DesbloqueoOffline =
  'disponible' | 'vencido' | 'agotado' | 'sin_verificador' | 'reloj_atrasado' | 'cerrada_por_servidor';

export interface AvisoSesion {
  id: string;
  tipo: string;
  /** ISO instant. */
  fecha: string;
  mensaje: string;
}

/** One of her open sessions on the server (GET /auth/sesiones), for "Mi cuenta". */
export interface SesionServidor {
  id: string;
  /** What the desk called itself at login, or its browser's User-Agent. */
  dispositivo: string | null;
  /** The address it signed in from. */
  origen: string | null;
  /** ISO instants. */
  creada_en: string;
  ultimo_uso: string;
  /** The session of this desk. */
  actual: boolean;
}

/** A password re-entered for a final decision: good for one decision until then (ISO). */
export interface ConfirmacionIdentidad {
  confirmada_hasta: string;
}

export interface EstadoResumen {
  codigo: string;
  nombre: string;
  color: string;
  es_final: boolean;
}

/** One line of the caseload: common columns of every kind of case (PPSH solicitud or workflow trámite). */
export interface ExpedienteResumen {
  id: string;
  tipo: TipoCaso;
  /** The template's code of a workflow case (null for PPSH). */
  workflow_codigo: string | null;
  /** The current stage's name of a workflow case (null for PPSH). */
  etapa: string | null;
  /** The server's number, or the provisional reference until the server assigns one. */
  numero: string;
  num_expediente: string | null;
  referencia_provisional: string | null;
  nombre_titular: string;
  documento_titular: string;
  /** People on the case (a workflow case counts its titular). */
  total_personas: number;
  estado: EstadoResumen;
  prioridad: string;
  cod_agencia: string;
  user_id_asignado: string | null;
  /** Opening date: fecha_solicitud of a PPSH case, fecha_apertura of a workflow case. */
  fecha_solicitud: string;
  dias_abierto: number;
  updated_at: string;
  /** Has local changes the server has not accepted yet. */
  pendiente_sync: boolean;
  /** Past its deadline by the shared SLA rules (shared/src/casos/sla.ts), e.g. INCOMPLETO past 3 business days. */
  vencido: boolean;
}

/**
 * A page of the caseload. Counting every match of a broad search costs more than the page itself, so by default the
 * count stops at LIMITE_CONTEO: `total` is then that limit and `total_es_minimo` says it is a lower bound (show "1000+").
 * Ask `contar_exacto` for the exact figure.
 */
export interface PaginaExpedientes {
  items: ExpedienteResumen[];
  total: number;
  /**
   * true: `total` is a minimum, more cases match (the count stopped at its limit). Not a "no more pages" flag: pages
   * past `total` still answer.
   */
  total_es_minimo: boolean;
}

/** A mirrored row as stored (booleans 0/1, instants UTC ISO, dates 'YYYY-MM-DD'), with its server version. */
export type Fila = Record<string, unknown> & { id: string; version: number };

export interface DetalleExpediente extends ExpedienteResumen {
  solicitud: Fila;
  solicitantes: Fila[];
  documentos: (Fila & { en_cache: boolean })[];
  historial: Fila[];
  entrevistas: Fila[];
  comentarios: Fila[];
  pagos: Fila[];
  transiciones_disponibles: EstadoPpsh[];
  comandos_pendientes: number;
}

/** A workflow case with what the officer may do now, read from the desk's mirror (works offline). */
export interface DetalleTramite extends ExpedienteResumen {
  instancia: Fila;
  workflow: { id: string; codigo: string; nombre: string; version_plantilla: string };
  etapa_actual: {
    id: string;
    codigo: string;
    nombre: string;
    es_etapa_final: boolean;
    requiere_validacion: boolean;
    perfiles_permitidos: string[];
    /** The stage's questions with `mostrar_si` applied to the answers so far. */
    preguntas: PreguntaDef[];
    /** Every question of the stage, hidden ones included: the form re-runs `mostrar_si` as the officer types. */
    preguntas_etapa: PreguntaDef[];
  } | null;
  /** Answers by stage code, then question code. */
  respuestas: Record<string, Record<string, ValorRespuesta>>;
  acciones: {
    puede_responder: boolean;
    puede_transicionar: boolean;
    /** Where the case may go now (conditions and default edge evaluated), whatever the role. */
    destinos_posibles: { etapa_id: string; etapa: string; conexion: string | null }[];
  };
  historial: Fila[];
  comentarios: Fila[];
  comandos_pendientes: number;
}

/** A template the officer may start a case with. */
export interface PlantillaDisponible {
  id: string;
  codigo: string;
  nombre: string;
  version_plantilla: string;
  categoria: string | null;
}

/** Returned by every command: it is already applied locally and waits in the outbox. */
export interface ComandoEncolado {
  mutationId: string;
  /** The case the command touched (for a new case: its id). */
  id: string;
  /** For a new case: its provisional reference (PROV-<office>-<short id>). */
  referencia_provisional?: string;
}

/** A command the server refused or found in conflict: kept until the officer retries, edits or discards it. */
export interface ComandoFallido {
  mutationId: string;
  nombre: string;
  args: Record<string, unknown>;
  estado: 'rechazado' | 'conflicto';
  code: string;
  message: string;
  /** The server's row at the time of the conflict, when the server sent it. */
  fila_servidor: Record<string, unknown> | null;
  creado: string;
  resuelto_en: string;
}

export interface EstadoSync {
  conectado: boolean;
  sincronizando: boolean;
  pendientes: number;
  fallidos: number;
  ultima_sincronizacion: string | null;
  ultimo_error: { code: string; message: string; fecha: string } | null;
  /** Present while the first (or a reset) sync runs. */
  primera_sync: { filas: number; bytes: number; total_estimado: number | null } | null;
  proximo_intento: string | null;
  /** The server was restored or replaced: what this desk sent again, until the officer dismisses it (sync.cerrarAviso). */
  recuperacion: AvisoRecuperacion | null;
}

/**
 * What the officer is told after the server's history changed (a restore from a backup; docs/sync.md "Restore"): the
 * desk sent again what it had already synchronized, and this is how that went. Kept on disk until she dismisses it.
 */
export interface AvisoRecuperacion {
  /** When the desk noticed (UTC ISO). */
  fecha: string;
  /** The server's explanation (Spanish). */
  mensaje: string;
  /** Commands this desk had already synchronized and sent again. */
  reenviados: number;
  /** Of those, how many still wait for the server. */
  pendientes: number;
  /** Applied again, or found already on the server. */
  aceptados: number;
  /** Refused this time; each one is also in the officer's list (conflictos.listar) to redo or discard. */
  rechazados: { mutationId: string; nombre: string; code: string; message: string }[];
  /** Cases that could not keep the number on the applicant's receipt (someone else holds it now): reprint it. */
  renumerados: { id: string; referencia: string | null; anterior: string; nuevo: string }[];
}

export interface ArchivoDocumento {
  id: string;
  sha256: string;
  nombre_archivo: string;
  mime_type: string;
  contenido_base64: string;
}

export interface CacheDocumentos {
  bytes: number;
  presupuesto_bytes: number;
  archivos: number;
  pendientes_subida: number;
}

/** Desk settings. `bloqueados`: keys IT fixed in the configuration file (shown read-only, refused on save). */
export interface Ajustes {
  servidor_url: string;
  idioma: 'es' | 'en';
  cache_documentos_mb: number;
  bloqueados: ('servidor_url' | 'idioma' | 'cache_documentos_mb')[];
}

/** The server's dashboard figures (GET /api/v1/reportes/resumen), as it sends them. */
export interface ResumenReportes {
  desde: string;
  hasta: string;
  fecha_corte: string;
  agencia: string | null;
  total: number;
  por_tipo: {
    tipo: TipoCaso;
    total: number;
    vencidos: number;
    aprobados: number;
    rechazados: number;
    promedio_dias_procesamiento: number | null;
  }[];
  por_estado: { tipo: TipoCaso; codigo: string; nombre: string; color: string; es_final: boolean; total: number }[];
  por_agencia: { agencia: string; total: number }[];
  vencidos: number;
  aprobados: number;
  rechazados: number;
  tasa_aprobacion: number | null;
  promedio_dias_procesamiento: number | null;
  tendencia_mensual: { mes: string; ppsh: number; workflow: number; total: number }[];
}

/** The office's figures from the local mirror (offline too), plus the server's when it answered. */
export interface CifrasTablero {
  total: number;
  abiertos: number;
  por_estado: { tipo: TipoCaso; codigo: string; nombre: string; color: string; es_final: boolean; total: number }[];
  /** Open cases by priority, most urgent first. */
  por_prioridad: { prioridad: string; total: number }[];
  /** Open cases past their deadline (the caseload's `vencido`). */
  vencidos: number;
  /** Cases opened on each of the last 30 Panama days, oldest first ('YYYY-MM-DD'), days with none included. */
  registrados_por_dia: { fecha: string; total: number }[];
  /** Commands waiting to reach the server. */
  pendientes_sync: number;
  /** null when offline, or the role may not see reports. */
  servidor: ResumenReportes | null;
  /** When these figures were computed (ISO, UTC). */
  actualizado: string;
}

/** The applicant's receipt as a PDF file. */
export interface ReciboSolicitud {
  nombre_archivo: string;
  contenido_base64: string;
}

/** Bytes of a document moving between this desk and the server (at most every 100 ms, and once at the end). */
export interface ProgresoDocumento {
  sha256: string;
  documento_id: string | null;
  direccion: 'subida' | 'descarga';
  cargados: number;
  /** null when the server did not say how many bytes to expect. */
  total: number | null;
  /** The server refused these bytes for good (an upload): its Spanish reason. The attachment goes to the officer's list. */
  rechazo?: string;
}

/** Where the desk's updater stands (main/src/core/actualizaciones): shown quietly in the status bar. */
export type FaseActualizacion =
  'desactivada' | 'al_dia' | 'buscando' | 'fuera_de_despliegue' | 'descargando' | 'lista' | 'error';

export interface EstadoActualizacion {
  fase: FaseActualizacion;
  canal: 'stable' | 'beta';
  version_actual: string;
  version_nueva: string | null;
  /** Download progress, 0-100, while `descargando`. */
  progreso: number | null;
  ultima_comprobacion: string | null;
  /** Why the last check failed (Spanish), shown quietly. */
  mensaje: string | null;
  /** The "restart to install" button: an update is ready and no form has unsaved input. */
  puede_reiniciar: boolean;
}

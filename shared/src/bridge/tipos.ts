/** Result types of the bridge contract (contrato.ts): plain JSON, so they cross IPC and HTTP unchanged. */
import type { CodigoError } from '../errores.js';
import type { EstadoPpsh } from '../ppsh/estados.js';
import type { Rol } from '../roles.js';

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
}

export interface EstadoResumen {
  codigo: string;
  nombre: string;
  color: string;
  es_final: boolean;
}

/** One line of the caseload: common columns of every kind of case. */
export interface ExpedienteResumen {
  id: string;
  tipo: 'PPSH';
  /** The server's number, or the provisional reference until the server assigns one. */
  numero: string;
  num_expediente: string | null;
  referencia_provisional: string | null;
  nombre_titular: string;
  documento_titular: string;
  total_personas: number;
  estado: EstadoResumen;
  prioridad: string;
  cod_agencia: string;
  user_id_asignado: string | null;
  fecha_solicitud: string;
  dias_abierto: number;
  updated_at: string;
  /** Has local changes the server has not accepted yet. */
  pendiente_sync: boolean;
}

export interface PaginaExpedientes {
  items: ExpedienteResumen[];
  total: number;
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

/**
 * The desktop bridge contract: everything the renderer may ask of the desktop core, in one map.
 *
 * Why one file: the renderer runs sandboxed (Electron) or in a plain browser (web shell) and reaches the core only through
 * this contract. Preload maps each method to `ipcRenderer.invoke`, main (and the web shell) map it to the core service
 * built by `createCore`. Each method takes ONE argument object, validated at runtime with its zod schema on the core side
 * (the renderer is not trusted); results are plain JSON (see tipos.ts), so they cross IPC and HTTP unchanged.
 *
 * A method that queues a sync command bears the command's name (`ppsh.editar` queues `ppsh.editar`): one name per action
 * from the renderer to the server's push log, mapped to its REST route in docs/glosario.md.
 */
import { z } from 'zod';
import { TIPOS_CASO } from '../casos/schemas.js';
import type { CodigoError } from '../codigos-error.js';
import { CODIGOS_ESTADO_PPSH } from '../ppsh/estados.js';
import {
  CambioEstado,
  ComentarioNuevo,
  EntrevistaNueva,
  MetadatosDocumento,
  PagoNuevo,
  PRIORIDADES,
  ResultadoEntrevista,
  SolicitanteCambios,
  SolicitudCambios,
  SolicitudNueva,
  VerificacionDocumento,
  uuid,
} from '../ppsh/schemas.js';
import {
  ComentarioWorkflow,
  ESTADOS_INSTANCIA,
  InstanciaCambios,
  InstanciaNueva,
  Respuestas,
  TransicionInstancia,
} from '../workflow/schemas.js';
import type {
  Ajustes,
  EstadoActualizacion,
  CacheDocumentos,
  CifrasTablero,
  ComandoEncolado,
  ComandoFallido,
  DetalleExpediente,
  DetalleTramite,
  ConfirmacionIdentidad,
  EstadoSesion,
  SesionServidor,
  EstadoSync,
  ArchivoDocumento,
  PaginaExpedientes,
  PlantillaDisponible,
  ProgresoDocumento,
  ReciboSolicitud,
} from './tipos.js';

const sinArgumentos = z.strictObject({});
const porId = z.strictObject({ id: uuid });
const porMutacion = z.strictObject({ mutationId: uuid });

/** 10 MB of file (the API's limit) in base64, so documents cross IPC and the web shell's JSON alike. */
const MAX_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4;

export const ORDENES_EXPEDIENTES = [
  'fecha_solicitud',
  '-fecha_solicitud',
  'numero',
  '-numero',
  'prioridad',
  '-prioridad',
  'estado',
  '-estado',
  'updated_at',
  '-updated_at',
] as const;

export const TABLAS_CATALOGO = [
  'agencias',
  'secciones',
  'paises',
  'sexos',
  'estados_civiles',
  'ppsh_causas_humanitarias',
  'ppsh_estados',
  'ppsh_tipos_documento',
  'ppsh_conceptos_pago',
  'usuarios',
] as const;
export type TablaCatalogo = (typeof TABLAS_CATALOGO)[number];

/** Where the caseload count stops unless `contar_exacto` is asked (see PaginaExpedientes). */
export const LIMITE_CONTEO = 1000;

export const ConsultaExpedientes = z.strictObject({
  /** Free text: names (accent-insensitive), expediente number, provisional reference, document numbers (partial). */
  buscar: z.string().trim().max(100).optional(),
  /** Only one kind of case; both by default. */
  tipo: z.enum(TIPOS_CASO).optional(),
  /** PPSH states and workflow instance states (EN_REVISION names both: add `tipo` to tell them apart). */
  estado: z
    .array(z.enum([...new Set([...CODIGOS_ESTADO_PPSH, ...ESTADOS_INSTANCIA])] as [string, ...string[]]))
    .max(21)
    .optional(),
  prioridad: z.enum(PRIORIDADES).optional(),
  asignado_a: uuid.optional(),
  /** Only cases with local changes not yet accepted by the server. */
  solo_pendientes: z.boolean().optional(),
  orden: z.enum(ORDENES_EXPEDIENTES).default('-fecha_solicitud'),
  limite: z.number().int().min(1).max(500).default(50),
  desplazamiento: z.number().int().min(0).default(0),
  /** true: count every match (slow on a broad search over a big caseload); false: stop at LIMITE_CONTEO. */
  contar_exacto: z.boolean().default(false),
});

/** Bounds of the document cache budget a desk may be given (MB): below 50 a day's documents do not fit. */
export const CACHE_DOCUMENTOS_MB = { min: 50, max: 20_480 } as const;
export const IDIOMAS = ['es', 'en'] as const;

/** The settings an officer (or IT, in the configuration file) may change. */
export const AjustesCambios = z.strictObject({
  servidor_url: z
    .url({ protocol: /^https?$/, hostname: z.regexes.hostname, error: 'Debe ser una dirección http:// o https://' })
    .max(500)
    .optional(),
  idioma: z.enum(IDIOMAS, { error: 'Idioma: es (español) o en (inglés)' }).optional(),
  cache_documentos_mb: z
    .number()
    .int({ error: 'El tamaño de la caché debe ser un número entero de MB' })
    .min(CACHE_DOCUMENTOS_MB.min, { error: `La caché de documentos debe tener al menos ${CACHE_DOCUMENTOS_MB.min} MB` })
    .max(CACHE_DOCUMENTOS_MB.max, { error: `La caché de documentos no puede superar ${CACHE_DOCUMENTOS_MB.max} MB` })
    .optional(),
});

/** A workflow command's target and, for edits, the version the officer saw (travels as baseVersion). */
const version = z.number().int().positive().optional();

export const ESQUEMAS_PUENTE = {
  // Session
  'sesion.estado': sinArgumentos,
  'sesion.login': z.strictObject({ username: z.string().trim().min(1).max(50), password: z.string().min(1).max(200) }),
  'sesion.desbloquear': z.strictObject({ password: z.string().min(1).max(200) }),
  'sesion.bloquear': sinArgumentos,
  'sesion.logout': sinArgumentos,
  /** The password again before a final decision (approve, reject): checked by the server, or here when offline. */
  'sesion.confirmarIdentidad': z.strictObject({ password: z.string().min(1).max(200) }),
  /** The officer read these notices of the server (EstadoSesion.avisos). */
  'sesion.avisosLeidos': z.strictObject({ ids: z.array(z.string().min(1).max(100)).min(1).max(100) }),
  // Her account (online only: the server decides; its policy is shared/src/auth/politica.ts)
  'cuenta.cambiarPassword': z.strictObject({ actual: z.string().min(1).max(512), nueva: z.string().min(1).max(512) }),
  'cuenta.sesiones': sinArgumentos,
  /** One of her sessions (id) or all but this desk's (no id), her password typed again. */
  'cuenta.cerrarSesiones': z.strictObject({
    password: z.string().min(1).max(512),
    id: z.string().min(1).max(64).optional(),
  }),
  // Caseload (local store: works offline)
  'expedientes.consultar': ConsultaExpedientes,
  'expedientes.detalle': porId,
  'catalogos.listar': z.strictObject({ tabla: z.enum(TABLAS_CATALOGO) }),
  // Commands: applied locally at once, queued for the server
  'ppsh.registrar': SolicitudNueva,
  'ppsh.editar': z.strictObject({ id: uuid, cambios: SolicitudCambios }),
  'ppsh.editarSolicitante': z.strictObject({ id: uuid, cambios: SolicitanteCambios }),
  'ppsh.cambiarEstado': z.strictObject({ id: uuid, cambio: CambioEstado }),
  'ppsh.asignar': z.strictObject({ id: uuid, user_id_asignado: uuid }),
  'ppsh.comentar': z.strictObject({ id: uuid, comentario: ComentarioNuevo }),
  'ppsh.adjuntarDocumento': z.strictObject({
    id: uuid,
    nombre_archivo: z.string().trim().min(1).max(255),
    contenido_base64: z
      .base64({ error: 'Contenido inválido (se espera base64)' })
      .max(MAX_BASE64, { error: 'El archivo supera 10 MB' }),
    metadatos: MetadatosDocumento,
  }),
  'ppsh.verificarDocumento': z.strictObject({ id: uuid, verificacion: VerificacionDocumento }),
  'ppsh.programarEntrevista': z.strictObject({ id: uuid, entrevista: EntrevistaNueva }),
  'ppsh.registrarResultadoEntrevista': z.strictObject({ id: uuid, resultado: ResultadoEntrevista }),
  'ppsh.registrarPago': z.strictObject({ id: uuid, pago: PagoNuevo }),
  // Workflow trámites: the same engine as the server, over the templates the desk mirrors
  'workflow.plantillas': sinArgumentos,
  'workflow.detalle': porId,
  'workflow.iniciar': InstanciaNueva,
  'workflow.responder': z.strictObject({ id: uuid, respuestas: Respuestas, version }),
  'workflow.transicionar': z.strictObject({ id: uuid, transicion: TransicionInstancia }),
  'workflow.editar': z.strictObject({ id: uuid, cambios: InstanciaCambios }),
  'workflow.comentar': z.strictObject({ id: uuid, comentario: ComentarioWorkflow }),
  // Documents (content-addressed cache)
  'documentos.abrir': porId,
  'documentos.cache': sinArgumentos,
  // Settings (IT's fixed values in the configuration file are read-only)
  'ajustes.leer': sinArgumentos,
  'ajustes.guardar': AjustesCambios,
  // Supervisor and office views (local mirror: work offline)
  'aprobacion.cola': z.strictObject({
    limite: z.number().int().min(1).max(500).default(50),
    desplazamiento: z.number().int().min(0).default(0),
  }),
  'tablero.cifras': sinArgumentos,
  // The applicant's receipt (PDF built at the desk, offline too)
  'recibo.generar': porId,
  // Sync
  'sync.estado': sinArgumentos,
  'sync.ahora': sinArgumentos,
  /** The officer read the notice of a server restore (EstadoSync.recuperacion): it goes away. */
  'sync.cerrarAviso': sinArgumentos,
  // Rejected and conflicting commands the officer resolves
  'conflictos.listar': sinArgumentos,
  'conflictos.reintentar': porMutacion,
  'conflictos.editar': z.strictObject({ mutationId: uuid, args: z.record(z.string(), z.unknown()) }),
  'conflictos.descartar': porMutacion,
  // Desk updates (off in development and in the web shell)
  'actualizaciones.estado': sinArgumentos,
  'actualizaciones.comprobar': sinArgumentos,
  'actualizaciones.instalar': sinArgumentos,
  /** The renderer says whether a form has unsaved input: no restart is offered meanwhile. */
  'actualizaciones.ocupado': z.strictObject({ ocupado: z.boolean() }),
} as const;

export type MetodoPuente = keyof typeof ESQUEMAS_PUENTE;
export const METODOS_PUENTE = Object.keys(ESQUEMAS_PUENTE) as MetodoPuente[];

/** What each method returns. */
export interface ResultadosPuente {
  'sesion.estado': EstadoSesion;
  'sesion.login': EstadoSesion;
  'sesion.desbloquear': EstadoSesion;
  'sesion.bloquear': EstadoSesion;
  'sesion.logout': EstadoSesion;
  'sesion.confirmarIdentidad': ConfirmacionIdentidad;
  'sesion.avisosLeidos': EstadoSesion;
  'cuenta.cambiarPassword': EstadoSesion;
  'cuenta.sesiones': SesionServidor[];
  'cuenta.cerrarSesiones': { cerradas: number };
  'expedientes.consultar': PaginaExpedientes;
  'expedientes.detalle': DetalleExpediente;
  'catalogos.listar': Record<string, unknown>[];
  'ppsh.registrar': ComandoEncolado;
  'ppsh.editar': ComandoEncolado;
  'ppsh.editarSolicitante': ComandoEncolado;
  'ppsh.cambiarEstado': ComandoEncolado;
  'ppsh.asignar': ComandoEncolado;
  'ppsh.comentar': ComandoEncolado;
  'ppsh.adjuntarDocumento': ComandoEncolado;
  'ppsh.verificarDocumento': ComandoEncolado;
  'ppsh.programarEntrevista': ComandoEncolado;
  'ppsh.registrarResultadoEntrevista': ComandoEncolado;
  'ppsh.registrarPago': ComandoEncolado;
  'workflow.plantillas': PlantillaDisponible[];
  'workflow.detalle': DetalleTramite;
  'workflow.iniciar': ComandoEncolado;
  'workflow.responder': ComandoEncolado;
  'workflow.transicionar': ComandoEncolado;
  'workflow.editar': ComandoEncolado;
  'workflow.comentar': ComandoEncolado;
  'documentos.abrir': ArchivoDocumento;
  'documentos.cache': CacheDocumentos;
  'ajustes.leer': Ajustes;
  'ajustes.guardar': Ajustes;
  'aprobacion.cola': PaginaExpedientes;
  'tablero.cifras': CifrasTablero;
  'recibo.generar': ReciboSolicitud;
  'sync.estado': EstadoSync;
  'sync.ahora': EstadoSync;
  'sync.cerrarAviso': EstadoSync;
  'conflictos.listar': ComandoFallido[];
  'conflictos.reintentar': ComandoEncolado;
  'conflictos.editar': ComandoEncolado;
  'conflictos.descartar': ComandoFallido[];
  'actualizaciones.estado': EstadoActualizacion;
  'actualizaciones.comprobar': EstadoActualizacion;
  'actualizaciones.instalar': EstadoActualizacion;
  'actualizaciones.ocupado': EstadoActualizacion;
}

/** The renderer's view: what `window.tramites` offers (arguments before defaults are applied). */
export type PuenteTramites = {
  [M in MetodoPuente]: (args: z.input<(typeof ESQUEMAS_PUENTE)[M]>) => Promise<ResultadosPuente[M]>;
};

/** The core's side: arguments already validated (defaults applied). */
export type ServicioPuente = {
  [M in MetodoPuente]: (args: z.output<(typeof ESQUEMAS_PUENTE)[M]>) => Promise<ResultadosPuente[M]>;
};

/** Events the core pushes to the renderer (sync progress, session locked by the server, document bytes moving). */
export interface EventosPuente {
  'sync.estado': EstadoSync;
  'sesion.estado': EstadoSesion;
  'documentos.progreso': ProgresoDocumento;
  'actualizaciones.estado': EstadoActualizacion;
}

/** The events by name at runtime (preload and the web shell subscribe to each); the check below keeps it complete. */
export const EVENTOS_PUENTE = [
  'sync.estado',
  'sesion.estado',
  'documentos.progreso',
  'actualizaciones.estado',
] as const satisfies readonly (keyof EventosPuente)[];
/** Fails to compile when an event is added to EventosPuente but not to EVENTOS_PUENTE. */
export const EVENTOS_COMPLETOS: [Exclude<keyof EventosPuente, (typeof EVENTOS_PUENTE)[number]>] extends [never]
  ? true
  : false = true;

/**
 * What the renderer holds as `window.tramites` (Electron preload) or builds over HTTP (web shell): every method of the
 * contract plus `on()` for the core's events, which returns the function that stops listening.
 */
export type PuenteRenderer = PuenteTramites & {
  on<E extends keyof EventosPuente>(evento: E, listener: (datos: EventosPuente[E]) => void): () => void;
};

/**
 * How a failed bridge call reaches the renderer, over IPC and HTTP alike: the rejected promise's value. `message` is
 * Spanish and shown as is; `code` is one of shared/src/codigos-error.ts (the renderer branches on it).
 */
export interface ErrorPuente {
  code: CodigoError;
  message: string;
  details?: unknown;
}

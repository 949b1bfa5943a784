/**
 * The desktop bridge contract: everything the renderer may ask of the desktop core, in one map.
 *
 * Why one file: the renderer runs sandboxed (Electron) or in a plain browser (web shell) and reaches the core only through
 * this contract. Preload maps each method to `ipcRenderer.invoke`, main (and the web shell) map it to the core service
 * built by `createCore`. Each method takes ONE argument object, validated at runtime with its zod schema on the core side
 * (the renderer is not trusted); results are plain JSON (see tipos.ts), so they cross IPC and HTTP unchanged.
 */
import { z } from 'zod';
import { TIPOS_CASO } from '../casos/schemas.js';
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
  CacheDocumentos,
  ComandoEncolado,
  ComandoFallido,
  DetalleExpediente,
  DetalleTramite,
  EstadoSesion,
  EstadoSync,
  ArchivoDocumento,
  PaginaExpedientes,
  PlantillaDisponible,
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

/** A workflow command's target and, for edits, the version the officer saw (travels as baseVersion). */
const version = z.number().int().positive().optional();

export const ESQUEMAS_PUENTE = {
  // Session
  'sesion.estado': sinArgumentos,
  'sesion.login': z.strictObject({ username: z.string().trim().min(1).max(50), password: z.string().min(1).max(200) }),
  'sesion.desbloquear': z.strictObject({ password: z.string().min(1).max(200) }),
  'sesion.bloquear': sinArgumentos,
  'sesion.logout': sinArgumentos,
  // Caseload (local store: works offline)
  'expedientes.consultar': ConsultaExpedientes,
  'expedientes.detalle': porId,
  'catalogos.listar': z.strictObject({ tabla: z.enum(TABLAS_CATALOGO) }),
  // Commands: applied locally at once, queued for the server
  'ppsh.registrar': SolicitudNueva,
  'ppsh.actualizar': z.strictObject({ id: uuid, cambios: SolicitudCambios }),
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
  'workflow.actualizar': z.strictObject({ id: uuid, cambios: InstanciaCambios }),
  'workflow.comentar': z.strictObject({ id: uuid, comentario: ComentarioWorkflow }),
  // Documents (content-addressed cache)
  'documentos.abrir': porId,
  'documentos.cache': sinArgumentos,
  // Sync
  'sync.estado': sinArgumentos,
  'sync.ahora': sinArgumentos,
  // Rejected and conflicting commands the officer resolves
  'conflictos.listar': sinArgumentos,
  'conflictos.reintentar': porMutacion,
  'conflictos.editar': z.strictObject({ mutationId: uuid, args: z.record(z.string(), z.unknown()) }),
  'conflictos.descartar': porMutacion,
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
  'expedientes.consultar': PaginaExpedientes;
  'expedientes.detalle': DetalleExpediente;
  'catalogos.listar': Record<string, unknown>[];
  'ppsh.registrar': ComandoEncolado;
  'ppsh.actualizar': ComandoEncolado;
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
  'workflow.actualizar': ComandoEncolado;
  'workflow.comentar': ComandoEncolado;
  'documentos.abrir': ArchivoDocumento;
  'documentos.cache': CacheDocumentos;
  'sync.estado': EstadoSync;
  'sync.ahora': EstadoSync;
  'conflictos.listar': ComandoFallido[];
  'conflictos.reintentar': ComandoEncolado;
  'conflictos.editar': ComandoEncolado;
  'conflictos.descartar': ComandoFallido[];
}

/** The renderer's view: what `window.tramites` offers (arguments before defaults are applied). */
export type PuenteTramites = {
  [M in MetodoPuente]: (args: z.input<(typeof ESQUEMAS_PUENTE)[M]>) => Promise<ResultadosPuente[M]>;
};

/** The core's side: arguments already validated (defaults applied). */
export type ServicioPuente = {
  [M in MetodoPuente]: (args: z.output<(typeof ESQUEMAS_PUENTE)[M]>) => Promise<ResultadosPuente[M]>;
};

/** Events the core pushes to the renderer (sync progress, session locked by the server). */
export interface EventosPuente {
  'sync.estado': EstadoSync;
  'sesion.estado': EstadoSesion;
}

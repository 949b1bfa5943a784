/**
 * The offline sync wire protocol between the desktop core and the API (docs/sync.md explains the guarantees and
 * traps). One file so both halves read the same contract: what the desktop mirrors, how it pulls changes, which commands
 * it may push and what comes back, and how document bytes travel (sizes that keep the outbox moving: ./tamano.ts).
 *
 * Rows travel as the server stores them: booleans 0/1, instants UTC ISO text, dates 'YYYY-MM-DD', money in cents.
 * What the server answers is strict (docs/contrato-api.md): the contract test fails on a field the schema lacks.
 */
import { z } from 'zod';
import { CODIGOS_ERROR } from '../codigos-error.js';
import {
  CambioEstado,
  ComentarioNuevo,
  EntrevistaNueva,
  MetadatosDocumento,
  PagoNuevo,
  ResultadoEntrevista,
  SolicitanteCambios,
  SolicitudCambios,
  SolicitudNueva,
  VerificacionDocumento,
  uuid,
} from '../ppsh/schemas.js';
import {
  ComentarioWorkflow,
  InstanciaCambios,
  InstanciaNueva,
  Respuestas,
  TransicionInstancia,
} from '../workflow/schemas.js';

export const RUTAS_SYNC = {
  pull: '/sync/pull',
  push: '/sync/push',
  /** PUT (upload, resumable with Content-Range) and GET (download, Range) of a file's bytes by SHA-256. */
  archivo: (sha256: string) => `/sync/archivos/${sha256}`,
  /** GET: how many bytes of an upload the server already holds, to resume it. */
  estadoArchivo: (sha256: string) => `/sync/archivos/${sha256}/estado`,
} as const;

/** Header a desk sends with each push: how many commands its outbox holds (the "sync stuck" alert per office). */
export const CABECERA_PENDIENTES = 'x-sync-pendientes';
/** Header a desk may send with each push: the app version it runs (IT's list of desks, sync_escritorios). */
export const CABECERA_VERSION_APP = 'x-version-app';
/** Header a desk sends with each pull: its clientId, so the server knows the desk's last contact (docs/sync.md). */
export const CABECERA_CLIENTE = 'x-sync-cliente';

// ---------------------------------------------------------------------------------------------------------------------
// Synced tables

/**
 * What the desktop mirrors, in apply order (parents before children). `clave` is the primary key column (sent as a
 * string in `Cambio.id`); `alcance` says who receives the rows: every user (`global` catalogs) or the users of the
 * case's office (`oficina`; ADMIN receives every office).
 */
export const TABLAS_SINCRONIZADAS = {
  agencias: { clave: 'cod_agencia', alcance: 'global' },
  secciones: { clave: 'cod_seccion', alcance: 'global' },
  paises: { clave: 'cod_pais', alcance: 'global' },
  sexos: { clave: 'cod_sexo', alcance: 'global' },
  estados_civiles: { clave: 'cod_estado_civil', alcance: 'global' },
  ppsh_causas_humanitarias: { clave: 'cod_causa', alcance: 'global' },
  ppsh_estados: { clave: 'cod_estado', alcance: 'global' },
  ppsh_tipos_documento: { clave: 'cod_tipo_doc', alcance: 'global' },
  ppsh_conceptos_pago: { clave: 'cod_concepto', alcance: 'global' },
  ppsh_solicitudes: { clave: 'id', alcance: 'oficina' },
  ppsh_solicitantes: { clave: 'id', alcance: 'oficina' },
  ppsh_documentos: { clave: 'id', alcance: 'oficina' },
  ppsh_estado_historial: { clave: 'id', alcance: 'oficina' },
  ppsh_entrevistas: { clave: 'id', alcance: 'oficina' },
  ppsh_comentarios: { clave: 'id', alcance: 'oficina' },
  ppsh_pagos: { clave: 'id', alcance: 'oficina' },
  workflows: { clave: 'id', alcance: 'global' },
  workflow_etapas: { clave: 'id', alcance: 'global' },
  workflow_preguntas: { clave: 'id', alcance: 'global' },
  workflow_conexiones: { clave: 'id', alcance: 'global' },
  workflow_instancias: { clave: 'id', alcance: 'oficina' },
  workflow_respuestas_etapa: { clave: 'id', alcance: 'oficina' },
  workflow_respuestas: { clave: 'id', alcance: 'oficina' },
  workflow_historial: { clave: 'id', alcance: 'oficina' },
  workflow_comentarios: { clave: 'id', alcance: 'oficina' },
} as const satisfies Record<string, { clave: string; alcance: 'global' | 'oficina' }>;

export type TablaSincronizada = keyof typeof TABLAS_SINCRONIZADAS;
export const NOMBRES_TABLAS = Object.keys(TABLAS_SINCRONIZADAS) as [TablaSincronizada, ...TablaSincronizada[]];

/** Server-side columns that never travel (the desktop builds its own FTS5 index). */
export const COLUMNAS_NO_SINCRONIZADAS: Partial<Record<TablaSincronizada, readonly string[]>> = {
  ppsh_solicitudes: ['texto_busqueda'],
  workflow_instancias: ['texto_busqueda'],
};

// ---------------------------------------------------------------------------------------------------------------------
// Pull: GET /api/v1/sync/pull?cursor=…&limit=…

/** The cursor of a client that has nothing yet. Any other cursor is opaque: store it and send it back unchanged. */
export const CURSOR_INICIAL = '0';
export const LIMITE_PULL = { defecto: 2000, maximo: 5000 } as const;

export const PullQuery = z.strictObject({
  cursor: z.string().max(100).default(CURSOR_INICIAL),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIMITE_PULL.maximo, { error: `limit máximo ${LIMITE_PULL.maximo}` })
    .default(LIMITE_PULL.defecto),
  /** 'true': also count the changes still to pull (`restantes`), for the progress bar of a first sync. Costs a count. */
  contar: z.enum(['true', 'false']).default('false'),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** Fila: the whole current row (minus COLUMNAS_NO_SINCRONIZADAS). */
export const Fila = z.record(z.string(), z.unknown());
export type Fila = z.infer<typeof Fila>;

export const Cambio = z.strictObject({
  /** Position in the server's change sequence; strictly increasing within and across pages. */
  seq: z.number().int().positive(),
  tabla: z.enum(NOMBRES_TABLAS),
  /** The row's key as a string (catalog codes that are numbers too). */
  id: z.string(),
  /** upsert: store `fila` as is. delete: remove the row (it no longer exists or the user may no longer see it). */
  op: z.enum(['upsert', 'delete']),
  version: z.number().int().nonnegative(),
  fila: Fila.optional(),
});
export type Cambio = z.infer<typeof Cambio>;

/**
 * Why the client must start over: drop its mirror tables (keep the outbox!) and pull from `nextCursor` (the initial
 * cursor) as on a first sync.
 */
export const MOTIVOS_RESET = [
  /** The user's office or what their role may see changed since the cursor was issued. */
  'ALCANCE_CAMBIADO',
  /** The changes after the cursor were compacted away (deleted rows purged). */
  'CURSOR_COMPACTADO',
  /** The cursor is ahead of the server (a database restored from a backup) or was issued for another server. */
  'CURSOR_DESCONOCIDO',
  /**
   * The server's history is another one than the cursor's (or the push's) epoch: a restore, a failover to a copy or a
   * rebuild. Besides resetting, the desk re-sends the commands it had confirmed in the earlier history (docs/sync.md,
   * "Restore").
   */
  'EPOCA_CAMBIADA',
] as const;
export type MotivoReset = (typeof MOTIVOS_RESET)[number];

/** What a reset says: why, and a Spanish message for the officer. */
export const ResetSync = z.strictObject({ motivo: z.enum(MOTIVOS_RESET), mensaje: z.string() });

/**
 * The identity of the server database's history, stamped into every cursor and answered with every pull and push. A
 * restore from a backup (ops CLI, deploy/scripts/restore.sh), a failover to a copy or a rebuild starts a new one.
 */
export const Epoca = z.string().regex(/^[0-9a-f]{32}$/, { error: 'Época inválida: 32 caracteres hexadecimales' });

export const PullRespuesta = z.strictObject({
  /** In `seq` order. Apply them in one local transaction per page, then store `nextCursor`. */
  changes: z.array(Cambio),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  /** Present only on a reset; then `changes` is empty and `nextCursor` is CURSOR_INICIAL. */
  reset: ResetSync.optional(),
  /** The server's epoch: the history `nextCursor` belongs to. */
  epoca: z.string(),
  /** Changes left after this page, when asked with `contar=true`. */
  restantes: z.number().int().nonnegative().optional(),
});
export type PullRespuesta = z.infer<typeof PullRespuesta>;

// ---------------------------------------------------------------------------------------------------------------------
// Commands: what an officer does at a desk, queued offline and pushed in order

/** Rows created offline carry the id the desktop gave them, so the local row and the server row are the same row. */
const conId = { id: uuid };

/**
 * The number a case had before the server was restored from a backup, asked back when the desk re-sends its
 * registration (docs/sync.md, "Restore"): the applicant's receipt carries it. Granted unless someone else holds it now.
 */
const numeroAnterior = (patron: RegExp) =>
  z.string().regex(patron, { error: 'num_expediente_anterior no tiene el formato de un número de expediente' });

/** A case registered offline: its id and the provisional reference the officer gave the applicant are mandatory. */
export const SolicitudOffline = SolicitudNueva.safeExtend({
  id: uuid,
  referencia_provisional: z.string().trim().min(1, { error: 'Indique la referencia provisional' }).max(30),
  num_expediente_anterior: numeroAnterior(/^PPSH-\d{4}-\d{6,7}$/).optional(),
});

/** In a command the version the officer saw travels as `baseVersion`, never inside the args. */
const sinVersion = <T extends z.ZodType<{ version?: number }>>(s: T) =>
  s.refine((v) => v.version === undefined, { error: 'En un comando la versión va en baseVersion', path: ['version'] });

export const DocumentoOffline = MetadatosDocumento.extend({
  ...conId,
  /** The bytes must already be on the server (PUT RUTAS_SYNC.archivo) before this command is pushed. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'sha256 inválido: 64 caracteres hexadecimales en minúscula' }),
  nombre_archivo: z.string().trim().min(1).max(255),
});

/** A workflow case (trámite) started offline: its id and provisional reference are mandatory, as for a PPSH case. */
export const InstanciaOffline = InstanciaNueva.safeExtend({
  id: uuid,
  referencia_provisional: z.string().trim().min(1, { error: 'Indique la referencia provisional' }).max(30),
  num_expediente_anterior: numeroAnterior(/^WF-[A-Z][A-Z0-9_]{0,49}-\d{4}-\d{6,7}$/).optional(),
});

/**
 * Every command: its name and the schema of its args. Each runs the same service method as the REST endpoint noted.
 * A command is named as the bridge method that queues it (one name per action, docs/glosario.md). The names are a wire
 * protocol: once desks with queued commands are in the field, a rename must keep the old name accepted.
 */
export const COMANDOS = {
  /** POST /ppsh/solicitudes: the case with its people; the server assigns num_expediente. */
  'ppsh.registrar': SolicitudOffline,
  /** PUT /ppsh/solicitudes/{id} */
  'ppsh.editar': z.strictObject({ solicitudId: uuid, cambios: SolicitudCambios.omit({ version: true }) }),
  /** PATCH /ppsh/solicitantes/{id} */
  'ppsh.editarSolicitante': z.strictObject({ solicitanteId: uuid, cambios: sinVersion(SolicitanteCambios) }),
  /** POST /ppsh/solicitudes/{id}/cambiar-estado */
  'ppsh.cambiarEstado': z.strictObject({ solicitudId: uuid, cambio: CambioEstado.omit({ version: true }) }),
  /** POST /ppsh/solicitudes/{id}/asignar */
  'ppsh.asignar': z.strictObject({ solicitudId: uuid, user_id_asignado: uuid }),
  /** POST /ppsh/solicitudes/{id}/comentarios */
  'ppsh.comentar': z.strictObject({ solicitudId: uuid, comentario: ComentarioNuevo.extend(conId) }),
  /** POST /ppsh/solicitudes/{id}/documentos, with the bytes sent beforehand by hash */
  'ppsh.adjuntarDocumento': z.strictObject({ solicitudId: uuid, documento: DocumentoOffline }),
  /** PATCH /ppsh/documentos/{id}/verificar */
  'ppsh.verificarDocumento': z.strictObject({ documentoId: uuid, verificacion: VerificacionDocumento }),
  /** POST /ppsh/solicitudes/{id}/entrevistas */
  'ppsh.programarEntrevista': z.strictObject({ solicitudId: uuid, entrevista: EntrevistaNueva.extend(conId) }),
  /** PUT /ppsh/entrevistas/{id} */
  'ppsh.registrarResultadoEntrevista': z.strictObject({ entrevistaId: uuid, resultado: ResultadoEntrevista }),
  /** POST /ppsh/solicitudes/{id}/pagos */
  'ppsh.registrarPago': z.strictObject({ solicitudId: uuid, pago: PagoNuevo.extend(conId) }),
  /** POST /workflow/instancias: the server assigns num_expediente (WF-{codigo}-YYYY-NNNNNN). */
  'workflow.iniciar': InstanciaOffline,
  /** POST /workflow/instancias/{id}/respuestas: answers of the current stage, without leaving it. */
  'workflow.responder': z.strictObject({ instanciaId: uuid, respuestas: Respuestas }),
  /** POST /workflow/instancias/{id}/transicion */
  'workflow.transicionar': z.strictObject({ instanciaId: uuid, transicion: sinVersion(TransicionInstancia) }),
  /** PUT /workflow/instancias/{id}: assignment, priority, titular, cancelling. */
  'workflow.editar': z.strictObject({ instanciaId: uuid, cambios: InstanciaCambios.omit({ version: true }) }),
  /** POST /workflow/instancias/{id}/comentarios */
  'workflow.comentar': z.strictObject({ instanciaId: uuid, comentario: ComentarioWorkflow.extend(conId) }),
} as const;

export type NombreComando = keyof typeof COMANDOS;
export const NOMBRES_COMANDO = Object.keys(COMANDOS) as [NombreComando, ...NombreComando[]];
export type ArgsComando<N extends NombreComando> = z.input<(typeof COMANDOS)[N]>;

/** The mutation id is a UUIDv7 made by the desktop when the officer acts; it identifies the command forever. */
export const MutationId = z.uuid({ version: 'v7', error: 'mutationId inválido (se espera un UUIDv7)' });

/** How far a desk's clock may be from the server's and still be believed (ms): ten years either way. */
export const MAX_DESFASE_MS = 10 * 366 * 86_400_000;

/**
 * A command as it travels. The server checks each command's envelope and args on its own (docs/sync.md "Push"), so one
 * bad command never sinks its batch: it alone comes back `rejected` with code VALIDACION.
 */
export const ComandoEnviado = z.strictObject({
  mutationId: MutationId,
  clientId: z.string().min(1).max(64),
  name: z.string().min(1).max(60, { error: 'El nombre del comando tiene más de 60 caracteres' }),
  args: z.unknown(),
  /**
   * When the officer acted, by the desk's clock (ISO instant). With `desfaseMs` the server stores the time she acted
   * beside the time it received the command (docs/sync.md "When the officer acted"). Absent: the time received.
   */
  hechoEn: z.iso.datetime({ offset: true, error: 'hechoEn inválido: se espera un instante ISO 8601' }).optional(),
  /** The desk's known offset from the server clock when she acted: server time − desk time, in ms (0 if unknown). */
  desfaseMs: z.number().int().min(-MAX_DESFASE_MS).max(MAX_DESFASE_MS).optional(),
  /**
   * For edits: the server version the officer's view of the target row is built on (before her own queued changes to
   * it; docs/sync.md "Follow-up commands"). Absent: apply over whatever the server has.
   */
  baseVersion: z.number().int().positive().optional(),
});

export type ComandoEnviado = z.input<typeof ComandoEnviado>;

/** The typed view of a command, for the desktop to build them: `{ name: 'ppsh.comentar', args: {...} }`. */
export type Comando = {
  [N in NombreComando]: Omit<z.input<typeof ComandoEnviado>, 'name' | 'args'> & { name: N; args: ArgsComando<N> };
}[NombreComando];

export const MAX_COMANDOS_POR_PUSH = 100;

export const PushSolicitud = z.strictObject({
  clientId: z.string().min(1).max(64),
  /**
   * The epoch the desk's cursor and confirmed commands belong to (absent: it knows none yet). Another epoch than the
   * server's: nothing is applied, the answer is a reset (EPOCA_CAMBIADA), so the desk re-sends what the restored history
   * lost before any newer command that may need it.
   */
  epoca: Epoca.optional(),
  /**
   * Each element should be a ComandoEnviado; the server validates them one by one (an element that is not answers as a
   * `rejected` VALIDACION result of its own), so the batch is only refused whole when it is not a list of 1 to 100.
   */
  comandos: z
    .array(z.unknown().meta({ description: 'ComandoEnviado (validado uno por uno)' }))
    .min(1)
    .max(MAX_COMANDOS_POR_PUSH, { error: `Máximo ${MAX_COMANDOS_POR_PUSH} comandos por envío` }),
});
export type PushSolicitud = z.infer<typeof PushSolicitud>;

export const ESTADOS_COMANDO = ['applied', 'rejected', 'conflict'] as const;
export type EstadoComando = (typeof ESTADOS_COMANDO)[number];

/** The server's current row, returned with a conflict so the officer can compare and redo the change. */
export const FilaServidor = z.strictObject({
  tabla: z.enum(NOMBRES_TABLAS),
  id: z.string(),
  version: z.number().int(),
  fila: Fila,
});
export type FilaServidor = z.infer<typeof FilaServidor>;

/** What an applied command produced: the main row it created or changed (and the case number the server assigned). */
export const ResultadoAplicado = z.strictObject({
  tabla: z.enum(NOMBRES_TABLAS),
  id: z.string(),
  version: z.number().int(),
  num_expediente: z.string().optional(),
});
export type ResultadoAplicado = z.infer<typeof ResultadoAplicado>;

export const ResultadoComando = z.strictObject({
  /** The command's mutationId; for an element whose mutationId is unusable, what it sent (or '') and `indice`. */
  mutationId: z.string(),
  /** Position of the command in the batch (from 0), sent when its mutationId cannot identify it. Such a result is not stored. */
  indice: z.number().int().nonnegative().optional(),
  status: z.enum(ESTADOS_COMANDO),
  /** rejected / conflict: stable code (CONFLICTO_VERSION for conflicts) and the Spanish reason for the officer. */
  code: z.enum(CODIGOS_ERROR).optional(),
  message: z.string().optional(),
  serverRow: FilaServidor.optional(),
  result: ResultadoAplicado.optional(),
  /**
   * true: a passing failure (the server hit an internal error, or the document's bytes are not uploaded yet). Nothing was
   * stored for this mutationId: keep the command in the outbox and push it again later with the same mutationId.
   */
  reintentable: z.boolean().optional(),
});
export type ResultadoComando = z.infer<typeof ResultadoComando>;

/**
 * One result per command, in order. Commands are independent officer actions: one rejected does not stop the next (a
 * command that needs a rejected one fails on its own, e.g. NO_ENCONTRADO). A `reintentable` result ends the list early:
 * the commands after it were not looked at and go again in the next push.
 */
export const PushRespuesta = z.strictObject({
  resultados: z.array(ResultadoComando),
  /**
   * The server's epoch: applied commands were confirmed in this history. This server always sends it; optional so an
   * answer without it (an older server, a front answering "retry later" for it) still reads as a plain result list.
   */
  epoca: z.string().optional(),
  /** Present when the push carried another epoch: `resultados` is empty and nothing was applied. */
  reset: ResetSync.optional(),
});
export type PushRespuesta = z.infer<typeof PushRespuesta>;

// ---------------------------------------------------------------------------------------------------------------------
// Document bytes

export const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'sha256 inválido: 64 caracteres hexadecimales en minúscula' });

/**
 * Upload: PUT RUTAS_SYNC.archivo(sha) with the raw bytes (Content-Type: application/octet-stream). Large files may go in
 * chunks with `Content-Range: bytes <start>-<end>/<total>`; each chunk must start where the server's `recibidos` ends.
 * The file is kept only when all bytes arrived, hash to `sha256` and are an allowed type by their magic bytes.
 */
export const EstadoSubida = z.strictObject({
  sha256: z.string(),
  recibidos: z.number().int().nonnegative(),
  completo: z.boolean(),
});
export type EstadoSubida = z.infer<typeof EstadoSubida>;

export const TAMANO_FRAGMENTO = 1024 * 1024;

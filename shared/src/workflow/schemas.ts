/**
 * The workflow API contract (docs/workflow.md): templates created in one call with nested stages, questions and
 * connections by code, and the instance commands the desktop also queues offline (start, answer, transition).
 * Objects are strict: an unknown field is an error, never silently dropped.
 */
import { z } from 'zod';
import { fechaIso, instanteIso, uuid } from '../ppsh/schemas.js';
import { acotadoEnBytes } from '../sync/tamano.js';
import { PERFILES } from './perfiles.js';
import { tieneTextoVisible } from '../texto.js';

export const TIPOS_ETAPA = ['ETAPA', 'COMPUERTA', 'PRESENCIAL'] as const;
export const TIPOS_PREGUNTA = [
  'RESPUESTA_TEXTO',
  'RESPUESTA_LARGA',
  'LISTA',
  'OPCIONES',
  'DOCUMENTOS',
  'CARGA_ARCHIVO',
  'DESCARGA_ARCHIVO',
  'DATOS_CASO',
  'REVISION_MANUAL_DOCUMENTOS',
  'REVISION_OCR',
  'IMPRESION',
  'SELECCION_FECHA',
] as const;
export type TipoPregunta = (typeof TIPOS_PREGUNTA)[number];
export const TIPOS_CONEXION = ['SECUENCIAL', 'CONDICIONAL', 'PARALELA'] as const;
export const ESTADOS_WORKFLOW = ['BORRADOR', 'ACTIVO', 'INACTIVO', 'ARCHIVADO'] as const;
export type EstadoWorkflow = (typeof ESTADOS_WORKFLOW)[number];
export const ESTADOS_INSTANCIA = ['INICIADO', 'EN_PROGRESO', 'EN_REVISION', 'COMPLETADO', 'CANCELADO'] as const;
export type EstadoInstancia = (typeof ESTADOS_INSTANCIA)[number];
export const ESTADOS_INSTANCIA_FINALES: readonly EstadoInstancia[] = ['COMPLETADO', 'CANCELADO'];
export const PRIORIDADES_INSTANCIA = ['BAJA', 'NORMAL', 'ALTA', 'URGENTE'] as const;

/** Template life cycle: BORRADOR → ACTIVO → INACTIVO / ARCHIVADO (INACTIVO may be reactivated; ARCHIVADO is the end). */
export const CAMBIOS_ESTADO_WORKFLOW: Record<EstadoWorkflow, readonly EstadoWorkflow[]> = {
  BORRADOR: ['ACTIVO', 'ARCHIVADO'],
  ACTIVO: ['INACTIVO', 'ARCHIVADO'],
  INACTIVO: ['ACTIVO', 'ARCHIVADO'],
  ARCHIVADO: [],
};

const texto = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Máximo ${max} caracteres` });
const textoRequerido = (max: number) =>
  texto(max)
    .min(1, { error: 'Campo obligatorio' })
    .refine(tieneTextoVisible, { error: 'Campo obligatorio: escriba texto visible (no solo caracteres de control)' });
export const codigoWf = z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, {
  error: 'Código inválido: mayúsculas, dígitos y _ (máximo 50), p. ej. DATOS_PERSONALES',
});
const perfil = z.enum(PERFILES);

const escalar = z.union([z.string().max(500), z.number(), z.boolean()]);
/** `{pregunta, valor}`: holds when the answer equals `valor`, or is one of `valor` when it is a list. */
export const Condicion = z.strictObject({
  pregunta: codigoWf,
  valor: z.union([escalar, z.array(escalar).min(1).max(50)]),
});
export type Condicion = z.infer<typeof Condicion>;

export const PreguntaNueva = z.strictObject({
  id: uuid.optional(),
  codigo: codigoWf,
  pregunta: textoRequerido(2000),
  tipo_pregunta: z.enum(TIPOS_PREGUNTA),
  orden: z.number().int().min(0).default(0),
  es_obligatoria: z.boolean().default(false),
  validacion_regex: z.string().max(500).optional(),
  mensaje_validacion: texto(500).optional(),
  opciones: z.array(textoRequerido(200)).max(100).optional(),
  opciones_datos_caso: z.array(textoRequerido(100)).max(50).optional(),
  permite_multiple: z.boolean().default(false),
  extensiones_permitidas: z
    .array(z.string().regex(/^[a-z0-9]{1,10}$/, { error: 'Extensión inválida: minúsculas sin punto (pdf, jpg)' }))
    .max(20)
    .optional(),
  tamano_maximo_mb: z.number().int().min(1).max(100).optional(),
  requiere_ocr: z.boolean().default(false),
  texto_ayuda: texto(1000).optional(),
  placeholder: texto(200).optional(),
  valor_predeterminado: texto(500).optional(),
  mostrar_si: Condicion.optional(),
});
export type PreguntaNueva = z.output<typeof PreguntaNueva>;

export const EtapaNueva = z.strictObject({
  id: uuid.optional(),
  codigo: codigoWf,
  nombre: textoRequerido(255),
  descripcion: texto(2000).optional(),
  tipo_etapa: z.enum(TIPOS_ETAPA).default('ETAPA'),
  orden: z.number().int().min(0),
  posicion_x: z.number().int().optional(),
  posicion_y: z.number().int().optional(),
  perfiles_permitidos: z.array(perfil).min(1, { error: 'La etapa necesita al menos un perfil permitido' }),
  titulo_formulario: texto(500).optional(),
  bajada_formulario: texto(2000).optional(),
  es_etapa_inicial: z.boolean().default(false),
  es_etapa_final: z.boolean().default(false),
  requiere_validacion: z.boolean().default(false),
  permite_edicion_posterior: z.boolean().default(false),
  tiempo_estimado_minutos: z.number().int().min(0).optional(),
  reglas_transicion: z.record(z.string(), z.unknown()).optional(),
  preguntas: z.array(PreguntaNueva).max(100).default([]),
});
export type EtapaNueva = z.output<typeof EtapaNueva>;

export const ConexionNueva = z.strictObject({
  id: uuid.optional(),
  etapa_origen: codigoWf,
  etapa_destino: codigoWf,
  nombre: texto(255).optional(),
  tipo_conexion: z.enum(TIPOS_CONEXION).default('SECUENCIAL'),
  condicion: Condicion.optional(),
  es_predeterminada: z.boolean().default(false),
});
export type ConexionNueva = z.output<typeof ConexionNueva>;

/** The reference's names for a connection's ends in a whole template (docs/compatibilidad.md), taken as ours. */
const EXTREMOS_LEGADOS = { etapa_origen_codigo: 'etapa_origen', etapa_destino_codigo: 'etapa_destino' } as const;
function conExtremosNuestros(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const c = { ...(v as Record<string, unknown>) };
  for (const [legado, nuestro] of Object.entries(EXTREMOS_LEGADOS))
    if (legado in c && !(nuestro in c)) {
      c[nuestro] = c[legado];
      delete c[legado];
    }
  return c;
}
/** A connection inside a whole template: ours, or the reference's with etapa_origen_codigo / etapa_destino_codigo. */
const ConexionDePlantilla = z.preprocess(conExtremosNuestros, ConexionNueva);

/** The graph of a template: what validarPlantilla checks and what a new version replaces. */
export const Definicion = {
  etapas: z.array(EtapaNueva).min(1, { error: 'La plantilla necesita al menos una etapa' }).max(100),
  conexiones: z.array(ConexionDePlantilla).max(500).default([]),
};

const MetadatosWorkflow = z.strictObject({
  nombre: textoRequerido(255),
  descripcion: texto(4000).optional(),
  color_hex: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'Color inválido: use #RRGGBB' })
    .optional(),
  icono: texto(50).optional(),
  categoria: texto(100).optional(),
  requiere_autenticacion: z.boolean(),
  es_publico: z.boolean(),
  perfiles_creadores: z.array(perfil).min(1, { error: 'Indique qué perfiles pueden iniciar el trámite' }),
});

const versionPlantilla = z.string().regex(/^\d+(\.\d+)*$/, { error: 'Versión inválida, p. ej. 1.0' });

export const WorkflowNuevo = MetadatosWorkflow.extend({
  id: uuid.optional(),
  codigo: codigoWf,
  version_plantilla: versionPlantilla.default('1.0'),
  /** The reference's name for version_plantilla, accepted on create only (a new template has no edit counter yet). */
  version: versionPlantilla.optional(),
  estado: z.enum(ESTADOS_WORKFLOW).default('BORRADOR'),
  requiere_autenticacion: z.boolean().default(true),
  es_publico: z.boolean().default(false),
  ...Definicion,
});
export type WorkflowNuevo = z.output<typeof WorkflowNuevo>;

/**
 * The row's edit counter (optimistic concurrency). The reference used `version` for the template's "1.0": a string
 * here gets a message that names both fields (docs/compatibilidad.md).
 */
const versionDeRegistro = z
  .number({
    error: (i) =>
      typeof i.input === 'string'
        ? 'version es el contador de ediciones (entero) que devolvió la última lectura; la versión "1.0" de la plantilla es version_plantilla y la asigna el servidor'
        : undefined,
  })
  .int()
  .positive()
  .optional();

/** PUT: metadata and/or a whole new graph. A template already used by instances gets a new version instead. */
export const WorkflowCambios = MetadatosWorkflow.partial()
  .extend({
    estado: z.enum(ESTADOS_WORKFLOW).optional(),
    etapas: Definicion.etapas.optional(),
    // No default here: absent means "graph unchanged", not "no connections".
    conexiones: z.array(ConexionDePlantilla).max(500).optional(),
    version: versionDeRegistro,
  })
  .refine((c) => (c.etapas === undefined) === (c.conexiones === undefined), {
    error: 'Envíe etapas y conexiones juntas: forman una sola definición',
  });
export type WorkflowCambios = z.output<typeof WorkflowCambios>;

/** The reference's `skip` / `limit` window (limit up to 1000, as there). */
const ventanaLegada = {
  skip: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000, { error: 'limit máximo 1000' }).optional(),
};

export const FiltrosWorkflows = z.strictObject({
  estado: z.enum(ESTADOS_WORKFLOW).optional(),
  categoria: texto(100).optional(),
  codigo: codigoWf.optional(),
  activo: z.enum(['true', 'false']).optional(),
  ...ventanaLegada,
});

const archivoRespuesta = z.strictObject({
  nombre: textoRequerido(255),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  url: texto(1000).optional(),
  tamano_bytes: z.number().int().min(0).optional(),
});
export type ArchivoRespuesta = z.infer<typeof archivoRespuesta>;

export const ValorRespuesta = z.union([
  z.string().max(5000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(500)).max(100),
  z.array(archivoRespuesta).max(20),
  z.null(),
]);
export type ValorRespuesta = z.infer<typeof ValorRespuesta>;
/**
 * Answers by question code; null clears an answer. Each value is bounded, and so is the whole (a stage has at most 100
 * questions; 256 KB keeps any answer sheet far below what one push may carry).
 */
export const Respuestas = acotadoEnBytes(z.record(codigoWf, ValorRespuesta), 256 * 1024);
/** Free-form metadata of a case: open shape, bounded weight (it travels in pushes and is stored in one column). */
const metadataAdicional = acotadoEnBytes(z.record(z.string(), z.unknown()), 16 * 1024);
export type Respuestas = z.infer<typeof Respuestas>;

const version = z.number().int().positive().optional();

export const InstanciaNueva = z
  .strictObject({
    id: uuid.optional(),
    workflow_id: uuid.optional(),
    workflow_codigo: codigoWf.optional(),
    nombre_instancia: texto(255).optional(),
    referencia_provisional: texto(30).optional(),
    prioridad: z.enum(PRIORIDADES_INSTANCIA).default('NORMAL'),
    asignado_a_user_id: uuid.optional(),
    fecha_estimada_fin: fechaIso.optional(),
    nombre_titular: texto(210).optional(),
    documento_titular: texto(50).optional(),
    metadata_adicional: metadataAdicional.optional(),
  })
  .refine((i) => Boolean(i.workflow_id) !== Boolean(i.workflow_codigo), {
    error: 'Indique workflow_id o workflow_codigo (uno de los dos)',
  });
export type InstanciaNueva = z.output<typeof InstanciaNueva>;

export const RespuestasEtapa = z.strictObject({ respuestas: Respuestas, version });
export type RespuestasEtapa = z.output<typeof RespuestasEtapa>;

export const TransicionInstancia = z
  .strictObject({
    etapa_destino_id: uuid.optional(),
    etapa_destino: codigoWf.optional(),
    respuestas: Respuestas.default({}),
    comentario: texto(2000).optional(),
    version,
  })
  .refine((t) => !(t.etapa_destino_id && t.etapa_destino), {
    error: 'Indique etapa_destino_id o etapa_destino, no ambos',
  });
export type TransicionInstancia = z.output<typeof TransicionInstancia>;

/** Manual changes: assignment, priority, titular, metadata, and cancelling (COMPLETADO only by reaching a final stage). */
export const InstanciaCambios = z.strictObject({
  // The reference set any state here; a client moving a case by PUT learns where that is done now.
  estado: z
    .literal('CANCELADO', {
      error:
        'A mano solo se cancela (CANCELADO): el trámite avanza con POST /api/v1/workflow/instancias/{id}/transicion y se completa al llegar a una etapa final',
    })
    .optional(),
  asignado_a_user_id: uuid.nullable().optional(),
  prioridad: z.enum(PRIORIDADES_INSTANCIA).optional(),
  nombre_instancia: texto(255).optional(),
  nombre_titular: texto(210).optional(),
  documento_titular: texto(50).optional(),
  fecha_estimada_fin: fechaIso.nullable().optional(),
  metadata_adicional: metadataAdicional.optional(),
  observaciones: texto(2000).optional(),
  version,
});
export type InstanciaCambios = z.output<typeof InstanciaCambios>;

export const ComentarioWorkflow = z.strictObject({
  id: uuid.optional(),
  comentario: textoRequerido(4000),
  es_interno: z.boolean().default(true),
  es_notificacion: z.boolean().default(false),
});
export type ComentarioWorkflow = z.output<typeof ComentarioWorkflow>;

/** Pages by `page` / `page_size` (ours, default 1 and 20) or by the reference's `skip` / `limit`, not both. */
export const FiltrosInstancias = z
  .strictObject({
    workflow_id: uuid.optional(),
    estado: z.enum(ESTADOS_INSTANCIA).optional(),
    creado_por: uuid.optional(),
    asignado_a: uuid.optional(),
    page: z.coerce.number().int().min(1).optional(),
    page_size: z.coerce.number().int().min(1).max(100, { error: 'page_size máximo 100' }).optional(),
    ...ventanaLegada,
  })
  .refine((f) => !((f.skip !== undefined || f.limit !== undefined) && (f.page || f.page_size)), {
    error: 'Pagine con page y page_size o con skip y limit, no con ambos',
  });
export type FiltrosInstancias = z.output<typeof FiltrosInstancias>;

/**
 * An edit of one part of a template (the reference's PUT /workflow/etapas|preguntas|conexiones/{id}): every field
 * optional, none defaulted (an absent field keeps its value), and null accepted as "back to empty or default", since
 * clients that serialise a whole update model send null for what they did not touch.
 */
function edicion<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(
    Object.fromEntries(
      Object.entries(shape).map(([k, v]) => {
        const tipo = v instanceof z.ZodDefault ? (v.removeDefault() as z.ZodType) : (v as z.ZodType);
        return [k, (tipo instanceof z.ZodOptional ? (tipo.unwrap() as z.ZodType) : tipo).nullable().optional()];
      }),
    ) as { [K in keyof S]: z.ZodOptional<z.ZodNullable<z.ZodType<NonNullable<z.output<S[K]>>>>> },
  );
}

/** POST /workflow/etapas: a stage (with its questions) added to a template. */
export const EtapaAlta = EtapaNueva.extend({ workflow_id: uuid });
export type EtapaAlta = z.output<typeof EtapaAlta>;
export const EtapaEdicion = edicion(EtapaNueva.omit({ id: true, codigo: true, preguntas: true }).shape);
export type EtapaEdicion = z.output<typeof EtapaEdicion>;

/** POST /workflow/preguntas: a question added to a stage. */
export const PreguntaAlta = PreguntaNueva.extend({ etapa_id: uuid });
export type PreguntaAlta = z.output<typeof PreguntaAlta>;
export const PreguntaEdicion = edicion(PreguntaNueva.omit({ id: true, codigo: true }).shape);
export type PreguntaEdicion = z.output<typeof PreguntaEdicion>;

/** POST /workflow/conexiones: ends by stage id (the reference's form) or by stage code, one of each. */
export const ConexionAlta = ConexionNueva.omit({ id: true })
  .partial({ etapa_origen: true, etapa_destino: true })
  .extend({ workflow_id: uuid, etapa_origen_id: uuid.optional(), etapa_destino_id: uuid.optional() })
  .refine((c) => Boolean(c.etapa_origen) !== Boolean(c.etapa_origen_id), {
    error: 'Indique etapa_origen_id o etapa_origen (uno de los dos)',
    path: ['etapa_origen_id'],
  })
  .refine((c) => Boolean(c.etapa_destino) !== Boolean(c.etapa_destino_id), {
    error: 'Indique etapa_destino_id o etapa_destino (uno de los dos)',
    path: ['etapa_destino_id'],
  });
export type ConexionAlta = z.output<typeof ConexionAlta>;
export const ConexionEdicion = edicion(
  ConexionNueva.pick({ nombre: true, tipo_conexion: true, condicion: true, es_predeterminada: true }).shape,
);
export type ConexionEdicion = z.output<typeof ConexionEdicion>;

// ---------------------------------------------------------------------------------------------------------------------
// Response bodies of the template parts (docs/contrato-api.md), as server/src/modules/workflow/serializar.ts shapes
// them: the template's detail lists its stages and connections in these same shapes.

const sincronizable = { version: z.number().int().positive(), updated_at: instanteIso };
const nulo = z.string().nullable();
const entero = z.number().int();

/** A question as the engine reads it (the template detail's stages carry these). */
export const PreguntaDeEtapa = z.strictObject({
  id: uuid,
  codigo: z.string(),
  pregunta: z.string(),
  tipo_pregunta: z.string(),
  orden: entero,
  es_obligatoria: z.boolean(),
  validacion_regex: nulo,
  mensaje_validacion: nulo,
  opciones: z.array(z.string()).nullable(),
  permite_multiple: z.boolean(),
  extensiones_permitidas: z.array(z.string()).nullable(),
  tamano_maximo_mb: entero.nullable(),
  mostrar_si: Condicion.nullable(),
});

/** GET/POST/PUT /workflow/preguntas: every field the designer edits. */
export const PreguntaRespuesta = PreguntaDeEtapa.extend({
  etapa_id: uuid,
  opciones_datos_caso: z.array(z.string()).nullable(),
  requiere_ocr: z.boolean(),
  texto_ayuda: nulo,
  placeholder: nulo,
  valor_predeterminado: nulo,
  activo: z.boolean(),
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
});

/** A stage of a template's detail, and GET/POST/PUT /workflow/etapas. */
export const EtapaRespuesta = z.strictObject({
  id: uuid,
  workflow_id: uuid,
  codigo: z.string(),
  nombre: z.string(),
  descripcion: nulo,
  tipo_etapa: z.string(),
  orden: entero,
  posicion_x: entero.nullable(),
  posicion_y: entero.nullable(),
  perfiles_permitidos: z.array(z.string()),
  titulo_formulario: nulo,
  bajada_formulario: nulo,
  es_etapa_inicial: z.boolean(),
  es_etapa_final: z.boolean(),
  requiere_validacion: z.boolean(),
  permite_edicion_posterior: z.boolean(),
  tiempo_estimado_minutos: entero.nullable(),
  reglas_transicion: z.record(z.string(), z.unknown()).nullable(),
  activo: z.boolean(),
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
  preguntas: z.array(PreguntaDeEtapa),
});

/** A connection of a template's detail: its ends by id and by stage code. */
export const ConexionDeWorkflow = z.strictObject({
  id: uuid,
  etapa_origen_id: uuid,
  etapa_destino_id: uuid,
  etapa_origen: z.string(),
  etapa_destino: z.string(),
  nombre: nulo,
  tipo_conexion: z.string(),
  condicion: Condicion.nullable(),
  es_predeterminada: z.boolean(),
});

/** GET/POST/PUT /workflow/conexiones: the connection with its template's id, as the reference answered. */
export const ConexionRespuesta = ConexionDeWorkflow.extend({ workflow_id: uuid });

// ---------------------------------------------------------------------------------------------------------------------
// Response bodies of templates and cases (docs/contrato-api.md), as serializar.ts shapes them: 0/1 columns as booleans,
// JSON text columns as values, the search column left inside.

/** A template's row: what the list shows and the detail starts with. */
export const WorkflowResumen = z.strictObject({
  id: uuid,
  codigo: z.string(),
  version_plantilla: z.string(),
  nombre: z.string(),
  descripcion: nulo,
  estado: z.string(),
  color_hex: nulo,
  icono: nulo,
  categoria: nulo,
  requiere_autenticacion: z.boolean(),
  es_publico: z.boolean(),
  perfiles_creadores: z.array(z.string()),
  activo: z.boolean(),
  created_at: instanteIso,
  created_by: z.string(),
  updated_by: nulo,
  ...sincronizable,
});

/** GET /workflow/workflows: each template with how many stages and cases it has. */
export const WorkflowItem = WorkflowResumen.extend({ total_etapas: entero, total_instancias: entero });

/** The template with its graph: stages (with their questions) and connections. */
export const WorkflowDetalle = WorkflowResumen.extend({
  etapas: z.array(EtapaRespuesta),
  conexiones: z.array(ConexionDeWorkflow),
});

/** A case (trámite) in a list: its row without the search column. */
export const InstanciaItem = z.strictObject({
  id: uuid,
  workflow_id: uuid,
  num_expediente: z.string(),
  referencia_provisional: nulo,
  nombre_instancia: nulo,
  estado: z.string(),
  etapa_actual_id: nulo,
  etapa_actual_codigo: nulo,
  etapa_actual_nombre: nulo,
  /** The current stage needs a supervisor's validation: the case is in the approval queue. */
  pendiente_validacion: z.boolean(),
  fecha_etapa: instanteIso,
  cod_agencia: z.string(),
  creado_por_user_id: z.string(),
  asignado_a_user_id: nulo,
  fecha_asignacion: instanteIso.nullable(),
  fecha_inicio: instanteIso,
  fecha_apertura: fechaIso,
  fecha_estimada_fin: nulo,
  fecha_fin: instanteIso.nullable(),
  metadata_adicional: z.unknown(),
  prioridad: z.string(),
  nombre_titular: z.string(),
  documento_titular: z.string(),
  created_at: instanteIso,
  updated_by: nulo,
  ...sincronizable,
});

/** The case with where it stands and what the caller may do now (shared/src/workflow/vista.ts builds this part). */
export const InstanciaDetalle = InstanciaItem.extend({
  workflow: z.strictObject({ id: uuid, codigo: z.string(), nombre: z.string(), version_plantilla: z.string() }),
  etapa_actual: z
    .strictObject({
      id: uuid,
      codigo: z.string(),
      nombre: z.string(),
      es_etapa_final: z.boolean(),
      requiere_validacion: z.boolean(),
      perfiles_permitidos: z.array(z.string()),
      /** Only the questions `mostrar_si` leaves visible. */
      preguntas: z.array(PreguntaDeEtapa),
    })
    .nullable(),
  /** Answers by stage code, then question code. */
  respuestas: z.record(z.string(), z.record(z.string(), ValorRespuesta)),
  acciones: z.strictObject({
    puede_responder: z.boolean(),
    puede_transicionar: z.boolean(),
    destinos_posibles: z.array(z.strictObject({ etapa_id: z.string(), etapa: z.string(), conexion: nulo })),
  }),
});

/** GET /workflow/instancias: pages by page/page_size or skip/limit; `total_pages` as the reference named it. */
export const InstanciasPagina = z.strictObject({
  items: z.array(InstanciaItem),
  total: entero,
  page: entero,
  page_size: entero,
  total_pages: entero,
});

export const ComentarioWorkflowRespuesta = z.strictObject({
  id: uuid,
  instancia_id: uuid,
  comentario: z.string(),
  es_interno: z.boolean(),
  es_notificacion: z.boolean(),
  archivos: z.unknown(),
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
});

export const HistorialWorkflowRespuesta = z.strictObject({
  id: uuid,
  instancia_id: uuid,
  tipo_cambio: z.string(),
  etapa_origen_id: nulo,
  etapa_destino_id: nulo,
  estado_anterior: nulo,
  estado_nuevo: nulo,
  descripcion: nulo,
  /** What the change carried (connection, stage codes, comment), as stored. */
  datos_adicionales: z.unknown(),
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
});

/**
 * The PPSH API contract: zod schemas shared by the server (validation, OpenAPI) and the desktop (forms, offline commands).
 * Objects are strict: an unknown field is an error, never silently dropped.
 */
import { z } from 'zod';
import { CODIGOS_ESTADO_PPSH } from './estados.js';
import { diasEntre, fechaPanama } from '../calendario.js';
import { paginaDe } from '../pagina.js';
import { tieneTextoVisible } from '../texto.js';

export const CEDULA_REGEX = /^(?:PE|E|N|\d{1,2}(?:AV|PI|NT)?)-\d{1,4}-\d{1,6}$/;

export const fechaIso = z.iso.date({ error: 'Fecha inválida: use el formato AAAA-MM-DD' });
/** An instant needs its zone: the reference took "2026-03-01T08:00:00" as is, and a border office is in another one. */
export const instanteIso = z.iso.datetime({
  offset: true,
  error: 'Fecha y hora inválidas: use una fecha con zona horaria, p. ej. 2026-03-01T08:00:00-05:00 (o …Z en UTC)',
});
export const uuid = z.uuid({ error: 'Identificador inválido (se espera un UUID)' });
const texto = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Máximo ${max} caracteres` });
const textoRequerido = (max: number) =>
  texto(max)
    .min(1, { error: 'Campo obligatorio' })
    .refine(tieneTextoVisible, { error: 'Campo obligatorio: escriba texto visible (no solo caracteres de control)' });
const codigoPais = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'Código de país inválido: tres letras ISO-3 en mayúsculas (PAN, VEN, COL…)' });

export const TIPOS_SOLICITUD = ['INDIVIDUAL', 'GRUPAL'] as const;
export const PRIORIDADES = ['ALTA', 'NORMAL', 'BAJA'] as const;
export const TIPOS_DOCUMENTO_IDENTIDAD = ['PASAPORTE', 'CEDULA', 'OTRO'] as const;
export const PARENTESCOS = ['CONYUGE', 'HIJO', 'PADRE', 'MADRE', 'HERMANO'] as const;
export const SEXOS = ['M', 'F', 'X'] as const;
export const ESTADOS_CIVILES = ['S', 'C', 'D', 'V', 'U'] as const;
export const ESTADOS_VERIFICACION = ['PENDIENTE', 'VERIFICADO', 'RECHAZADO'] as const;
export const RESULTADOS_ENTREVISTA = ['PENDIENTE', 'FAVORABLE', 'DESFAVORABLE'] as const;
export const METODOS_PAGO = ['EFECTIVO', 'CHEQUE', 'TRANSFERENCIA', 'TARJETA'] as const;
export const TIPOS_DICTAMEN = ['FAVORABLE', 'DESFAVORABLE'] as const;
export const EDAD_MINIMA_TITULAR = 18;

export function edadEn(fechaNacimiento: string, hoy: string): number {
  const [y, m, d] = fechaNacimiento.split('-').map(Number) as [number, number, number];
  const [hy, hm, hd] = hoy.split('-').map(Number) as [number, number, number];
  return hy - y - (hm < m || (hm === m && hd < d) ? 1 : 0);
}

const solicitanteCampos = {
  tipo_documento: z.enum(TIPOS_DOCUMENTO_IDENTIDAD).default('PASAPORTE'),
  num_documento: textoRequerido(50),
  pais_emisor: codigoPais,
  fecha_emision_doc: fechaIso.optional(),
  fecha_vencimiento_doc: fechaIso.optional(),
  primer_nombre: textoRequerido(50),
  segundo_nombre: texto(50).optional(),
  primer_apellido: textoRequerido(50),
  segundo_apellido: texto(50).optional(),
  fecha_nacimiento: fechaIso,
  cod_sexo: z.enum(SEXOS),
  cod_nacionalidad: codigoPais,
  cod_estado_civil: z.enum(ESTADOS_CIVILES).optional(),
  email: z.email({ error: 'Correo electrónico inválido' }).max(100).optional(),
  telefono: z
    .string()
    .regex(/^\+[0-9][0-9 -]{6,18}$/, { error: 'Teléfono inválido: use formato internacional, p. ej. +507-6000-1234' })
    .optional(),
  direccion_pais_origen: texto(200).optional(),
  direccion_panama: texto(200).optional(),
  ocupacion: texto(100).optional(),
  observaciones: texto(500).optional(),
};

type CamposPersona = {
  tipo_documento?: string;
  num_documento?: string;
  fecha_nacimiento?: string;
  fecha_emision_doc?: string;
  fecha_vencimiento_doc?: string;
};

/** Checks that apply to a person both at registration and on later edits. */
function validarPersona(p: CamposPersona, ctx: z.RefinementCtx, ruta: (string | number)[] = []) {
  if (p.tipo_documento === 'CEDULA' && p.num_documento && !CEDULA_REGEX.test(p.num_documento)) {
    ctx.addIssue({
      code: 'custom',
      path: [...ruta, 'num_documento'],
      message: 'Cédula inválida: use el formato 8-123-4567',
    });
  }
  if (p.fecha_nacimiento) {
    const hoy = fechaPanama();
    if (p.fecha_nacimiento > hoy)
      ctx.addIssue({
        code: 'custom',
        path: [...ruta, 'fecha_nacimiento'],
        message: 'La fecha de nacimiento no puede ser futura',
      });
    if (p.fecha_nacimiento < '1900-01-01')
      ctx.addIssue({
        code: 'custom',
        path: [...ruta, 'fecha_nacimiento'],
        message: 'La fecha de nacimiento debe ser posterior a 1900',
      });
  }
  if (p.fecha_emision_doc && p.fecha_vencimiento_doc && diasEntre(p.fecha_emision_doc, p.fecha_vencimiento_doc) <= 0) {
    ctx.addIssue({
      code: 'custom',
      path: [...ruta, 'fecha_vencimiento_doc'],
      message: 'La fecha de vencimiento del documento debe ser posterior a la de emisión',
    });
  }
}

export const SolicitanteNuevo = z.strictObject({
  id: uuid.optional(),
  es_titular: z.boolean().default(false),
  parentesco_titular: z.enum(PARENTESCOS).optional(),
  ...solicitanteCampos,
});
export type SolicitanteNuevo = z.infer<typeof SolicitanteNuevo>;

export const SolicitudNueva = z
  .strictObject({
    /** UUIDv7 chosen by the creator, so a case registered offline keeps its identity. */
    id: uuid.optional(),
    referencia_provisional: texto(30).optional(),
    tipo_solicitud: z.enum(TIPOS_SOLICITUD).default('INDIVIDUAL'),
    cod_causa_humanitaria: z.number().int().positive({ error: 'Seleccione una causa humanitaria' }),
    descripcion_caso: texto(2000).optional(),
    prioridad: z.enum(PRIORIDADES).default('NORMAL'),
    cod_seccion: z
      .string()
      .regex(/^\d{2}$/)
      .default('03'),
    observaciones_generales: texto(2000).optional(),
    solicitantes: z.array(SolicitanteNuevo).min(1, { error: 'Debe registrar al menos al titular' }).max(20),
  })
  .superRefine((s, ctx) => {
    const titulares = s.solicitantes.filter((p) => p.es_titular);
    if (titulares.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['solicitantes'],
        message: 'La solicitud debe tener exactamente un titular',
      });
    if (s.tipo_solicitud === 'INDIVIDUAL' && s.solicitantes.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['solicitantes'],
        message: 'Una solicitud INDIVIDUAL tiene una sola persona',
      });
    if (s.tipo_solicitud === 'GRUPAL' && s.solicitantes.length < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['solicitantes'],
        message: 'Una solicitud GRUPAL incluye al titular y sus dependientes',
      });
    if (s.prioridad === 'ALTA' && (s.descripcion_caso ?? '').replace(/\s/g, '').length < 50)
      ctx.addIssue({
        code: 'custom',
        path: ['descripcion_caso'],
        message: 'La prioridad ALTA requiere una descripción del caso de al menos 50 caracteres',
      });
    const hoy = fechaPanama();
    s.solicitantes.forEach((p, i) => {
      validarPersona(p, ctx, ['solicitantes', i]);
      if (p.es_titular && p.parentesco_titular)
        ctx.addIssue({
          code: 'custom',
          path: ['solicitantes', i, 'parentesco_titular'],
          message: 'El titular no lleva parentesco',
        });
      if (!p.es_titular && !p.parentesco_titular)
        ctx.addIssue({
          code: 'custom',
          path: ['solicitantes', i, 'parentesco_titular'],
          message: 'Indique el parentesco del dependiente con el titular',
        });
      // Dependents may be minors (the decree's document list has a type for them); the titular must be an adult.
      if (p.es_titular && p.fecha_nacimiento <= hoy && edadEn(p.fecha_nacimiento, hoy) < EDAD_MINIMA_TITULAR)
        ctx.addIssue({
          code: 'custom',
          path: ['solicitantes', i, 'fecha_nacimiento'],
          message: `El titular debe ser mayor de ${EDAD_MINIMA_TITULAR} años`,
        });
    });
  });
export type SolicitudNueva = z.infer<typeof SolicitudNueva>;

const version = z.number().int().positive().optional();

export const SolicitudCambios = z.strictObject({
  cod_causa_humanitaria: z.number().int().positive().optional(),
  descripcion_caso: texto(2000).optional(),
  prioridad: z.enum(PRIORIDADES).optional(),
  cod_seccion: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  observaciones_generales: texto(2000).optional(),
  /** Optimistic concurrency: the version the editor saw. */
  version,
});
export type SolicitudCambios = z.infer<typeof SolicitudCambios>;

export const SolicitanteCambios = z
  .strictObject({ ...partial(solicitanteCampos), parentesco_titular: z.enum(PARENTESCOS).optional(), version })
  .superRefine((p, ctx) => validarPersona(p, ctx));
export type SolicitanteCambios = z.infer<typeof SolicitanteCambios>;

function partial<T extends Record<string, z.ZodType>>(campos: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(campos).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

export const CambioEstado = z.strictObject({
  estado_nuevo: z.enum(CODIGOS_ESTADO_PPSH, { error: 'Estado desconocido' }),
  observaciones: texto(1000).optional(),
  tipo_dictamen: z.enum(TIPOS_DICTAMEN).optional(),
  dictamen_detalle: texto(2000).optional(),
  num_resolucion: texto(50).optional(),
  version,
});
export type CambioEstado = z.infer<typeof CambioEstado>;

export const Asignacion = z.strictObject({ user_id_asignado: uuid });

export const FiltrosSolicitudes = z.strictObject({
  estado: z.enum(CODIGOS_ESTADO_PPSH).optional(),
  prioridad: z.enum(PRIORIDADES).optional(),
  causa_humanitaria: z.coerce.number().int().positive().optional(),
  fecha_desde: fechaIso.optional(),
  fecha_hasta: fechaIso.optional(),
  agencia: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  asignado_a: uuid.optional(),
  buscar: texto(100).optional(),
  orden: z
    .enum([
      'fecha_solicitud',
      '-fecha_solicitud',
      'num_expediente',
      '-num_expediente',
      'prioridad',
      '-prioridad',
      'estado',
      '-estado',
      'updated_at',
      '-updated_at',
    ])
    .default('-fecha_solicitud'),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100, { error: 'page_size máximo 100' }).default(20),
});
export type FiltrosSolicitudes = z.infer<typeof FiltrosSolicitudes>;

export const VerificacionDocumento = z.strictObject({
  estado: z.enum(ESTADOS_VERIFICACION),
  observaciones: texto(500).optional(),
});

export const MetadatosDocumento = z.strictObject({
  cod_tipo_documento: z.coerce.number().int().positive().optional(),
  tipo_documento_texto: texto(100).optional(),
  observaciones: texto(500).optional(),
});

export const EntrevistaNueva = z.strictObject({
  id: uuid.optional(),
  fecha_programada: instanteIso,
  lugar: texto(100).optional(),
  entrevistador_user_id: uuid.optional(),
  observaciones: texto(2000).optional(),
});

export const ResultadoEntrevista = z.strictObject({
  fecha_realizada: instanteIso.optional(),
  asistio: z.boolean().optional(),
  motivo_inasistencia: texto(300).optional(),
  resultado: z.enum(RESULTADOS_ENTREVISTA).optional(),
  observaciones: texto(2000).optional(),
  acta_entrevista: texto(100_000).optional(),
  requiere_segunda_entrevista: z.boolean().optional(),
});

export const ComentarioNuevo = z.strictObject({
  id: uuid.optional(),
  comentario: textoRequerido(2000),
  es_interno: z.boolean().default(true),
});

export const PagoNuevo = z.strictObject({
  id: uuid.optional(),
  tipo_concepto: z.string().min(1).max(20),
  metodo_pago: z.enum(METODOS_PAGO),
  num_recibo: texto(50).optional(),
  fecha_pago: fechaIso.optional(),
  banco_emisor: texto(100).optional(),
  num_cheque: texto(50).optional(),
  num_transferencia: texto(50).optional(),
  observaciones: texto(500).optional(),
});

// ---------------------------------------------------------------------------------------------------------------------
// Response bodies (docs/contrato-api.md): what the API sends back, declared in the route table and checked against real
// responses by the contract test. Strict like the requests: a field added or renamed without its schema fails there.
// Rows travel as serializar.ts shapes them: 0/1 columns as booleans, money as "800.00", dates and instants as text.

const nulo = z.string().nullable();
const sincronizable = { version: z.number().int().positive(), updated_at: instanteIso };

/** Code, label and colour of a state, for chips and legends. */
export const EstadoResumen = z.strictObject({
  codigo: z.string(),
  nombre: z.string(),
  color: z.string(),
  es_final: z.boolean(),
});

/** A case in a list: its row without the search column, with its state and the days since it was filed. */
export const SolicitudItem = z.strictObject({
  id: uuid,
  /** The reference's name for `id` (docs/compatibilidad.md). */
  id_solicitud: uuid,
  num_expediente: z.string(),
  referencia_provisional: nulo,
  tipo_solicitud: z.string(),
  cod_causa_humanitaria: z.number().int(),
  descripcion_caso: nulo,
  fecha_solicitud: fechaIso,
  estado_actual: z.string(),
  fecha_estado: instanteIso,
  cod_agencia: z.string(),
  cod_seccion: nulo,
  user_id_asignado: nulo,
  fecha_asignacion: instanteIso.nullable(),
  prioridad: z.string(),
  observaciones_generales: nulo,
  num_resolucion: nulo,
  fecha_resolucion: fechaIso.nullable(),
  fecha_vencimiento_permiso: fechaIso.nullable(),
  nombre_titular: z.string(),
  documento_titular: z.string(),
  total_personas: z.number().int(),
  created_at: instanteIso,
  created_by: z.string(),
  updated_by: nulo,
  ...sincronizable,
  estado: EstadoResumen,
  dias_transcurridos: z.number().int(),
});

/** The reference's key names of a child row: its own and its case's (docs/compatibilidad.md). */
const clavesLegadas = <K extends string>(nombre: K) =>
  ({ [nombre]: uuid, id_solicitud: uuid }) as Record<K | 'id_solicitud', typeof uuid>;

export const SolicitanteRespuesta = z.strictObject({
  id: uuid,
  solicitud_id: uuid,
  ...clavesLegadas('id_solicitante'),
  es_titular: z.boolean(),
  tipo_documento: z.string(),
  num_documento: z.string(),
  pais_emisor: z.string(),
  fecha_emision_doc: fechaIso.nullable(),
  fecha_vencimiento_doc: fechaIso.nullable(),
  primer_nombre: z.string(),
  segundo_nombre: nulo,
  primer_apellido: z.string(),
  segundo_apellido: nulo,
  fecha_nacimiento: fechaIso,
  cod_sexo: z.string(),
  cod_nacionalidad: z.string(),
  cod_estado_civil: nulo,
  parentesco_titular: nulo,
  email: nulo,
  telefono: nulo,
  direccion_pais_origen: nulo,
  direccion_panama: nulo,
  ocupacion: nulo,
  observaciones: nulo,
  activo: z.boolean(),
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
});

export const DocumentoRespuesta = z.strictObject({
  id: uuid,
  solicitud_id: uuid,
  ...clavesLegadas('id_documento'),
  cod_tipo_documento: z.number().int().nullable(),
  tipo_documento_texto: nulo,
  nombre_archivo: z.string(),
  extension: z.string(),
  mime_type: z.string(),
  tamano_bytes: z.number().int(),
  sha256: z.string(),
  observaciones: nulo,
  es_obligatorio: z.boolean(),
  estado_verificacion: z.string(),
  verificado_por: nulo,
  fecha_verificacion: instanteIso.nullable(),
  uploaded_by: z.string(),
  uploaded_at: instanteIso,
  activo: z.boolean(),
  ...sincronizable,
});

/** The case with its people, its documents and the states the caller may move it to. */
export const SolicitudDetalle = SolicitudItem.extend({
  solicitantes: z.array(SolicitanteRespuesta),
  documentos: z.array(DocumentoRespuesta),
  transiciones_disponibles: z.array(z.string()),
});

export const SolicitudesPagina = paginaDe(SolicitudItem);

export const HistorialRespuesta = z.strictObject({
  id: uuid,
  solicitud_id: uuid,
  ...clavesLegadas('id_historial'),
  estado_anterior: nulo,
  estado_nuevo: z.string(),
  fecha_cambio: instanteIso,
  user_id: z.string(),
  observaciones: nulo,
  es_dictamen: z.boolean(),
  tipo_dictamen: nulo,
  dictamen_detalle: nulo,
  dias_en_estado_anterior: z.number().int().nullable(),
  ...sincronizable,
  estado: EstadoResumen,
});

export const EntrevistaRespuesta = z.strictObject({
  id: uuid,
  solicitud_id: uuid,
  ...clavesLegadas('id_entrevista'),
  fecha_programada: instanteIso,
  fecha_realizada: instanteIso.nullable(),
  lugar: nulo,
  cod_agencia: z.string(),
  entrevistador_user_id: z.string(),
  asistio: z.boolean().nullable(),
  motivo_inasistencia: nulo,
  resultado: z.string(),
  observaciones: nulo,
  acta_entrevista: nulo,
  requiere_segunda_entrevista: z.boolean(),
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
});

export const ComentarioRespuesta = z.strictObject({
  id: uuid,
  solicitud_id: uuid,
  ...clavesLegadas('id_comentario'),
  user_id: z.string(),
  comentario: z.string(),
  es_interno: z.boolean(),
  created_at: instanteIso,
  ...sincronizable,
});

export const PagoRespuesta = z.strictObject({
  id: uuid,
  solicitud_id: uuid,
  ...clavesLegadas('id_pago'),
  tipo_concepto: z.string(),
  /** The catalog's amount for the concept, in dollars with two decimals ("800.00"). */
  monto_usd: z.string(),
  estado_tesoreria: z.string(),
  num_recibo: nulo,
  fecha_pago: fechaIso.nullable(),
  metodo_pago: z.string(),
  banco_emisor: nulo,
  num_cheque: nulo,
  num_transferencia: nulo,
  observaciones: nulo,
  created_at: instanteIso,
  created_by: z.string(),
  ...sincronizable,
});

/** The dashboard figures of one office (or all, for ADMIN); the reference's names beside ours. */
export const EstadisticasPpsh = z.strictObject({
  total_solicitudes: z.number().int(),
  solicitudes_activas: z.number().int(),
  aprobadas: z.number().int(),
  rechazadas: z.number().int(),
  en_proceso: z.number().int(),
  solicitudes_aprobadas: z.number().int(),
  solicitudes_rechazadas: z.number().int(),
  solicitudes_en_proceso: z.number().int(),
  promedio_dias_procesamiento: z.number().nullable(),
  fecha_corte: fechaIso,
  por_estado: z.array(
    z.strictObject({
      cod_estado: z.string(),
      nombre_estado: z.string(),
      color_hex: z.string(),
      orden: z.number().int(),
      total: z.number().int(),
      total_solicitudes: z.number().int(),
      promedio_dias: z.number().nullable(),
    }),
  ),
});

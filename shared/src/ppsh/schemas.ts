/**
 * The PPSH API contract: zod schemas shared by the server (validation, OpenAPI) and the desktop (forms, offline commands).
 * Objects are strict: an unknown field is an error, never silently dropped.
 */
import { z } from 'zod';
import { CODIGOS_ESTADO_PPSH } from './estados.js';
import { diasEntre, fechaPanama } from '../calendario.js';
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

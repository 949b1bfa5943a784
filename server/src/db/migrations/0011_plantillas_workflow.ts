/**
 * The reference's procedures (docs/workflow.md, Templates), so a fresh install has real trámites to run. Frozen data (a later change is a new
 * migration). Where the reference ends on a "final" decision stage that carries questions (which could then never be
 * answered), the decision is a stage of its own followed by final APROBADO / RECHAZADO stages.
 */
import { v7 as uuidv7 } from 'uuid';
import { INSTANTE_SEMILLA, type DbMigracion } from '../columnas.js';

const SISTEMA_ID = '00000000-0000-7000-8000-000000000000';

interface Pregunta {
  codigo: string;
  pregunta: string;
  tipo: string;
  obligatoria?: boolean;
  regex?: string;
  mensaje?: string;
  opciones?: string[];
  extensiones?: string[];
  mb?: number;
  multiple?: boolean;
  mostrar_si?: { pregunta: string; valor: string };
}
interface Etapa {
  codigo: string;
  nombre: string;
  perfiles: string[];
  tipo?: string;
  inicial?: boolean;
  final?: boolean;
  validacion?: boolean;
  minutos?: number;
  preguntas?: Pregunta[];
}
interface Conexion {
  de: string;
  a: string;
  nombre?: string;
  si?: { pregunta: string; valor: string };
  predeterminada?: boolean;
}
interface Plantilla {
  codigo: string;
  nombre: string;
  descripcion: string;
  version: string;
  categoria: string;
  color: string;
  creadores: string[];
  etapas: Etapa[];
  conexiones: Conexion[];
}

const NOMBRE: Pregunta = {
  codigo: 'NOMBRE_COMPLETO',
  pregunta: 'Nombre completo del solicitante',
  tipo: 'RESPUESTA_TEXTO',
  obligatoria: true,
  regex: '^[a-zA-ZáéíóúÁÉÍÓÚñÑ ]{3,100}$',
  mensaje: 'El nombre solo admite letras y espacios (3 a 100 caracteres)',
};
const PASAPORTE: Pregunta = {
  codigo: 'NUMERO_PASAPORTE',
  pregunta: 'Número de pasaporte',
  tipo: 'RESPUESTA_TEXTO',
  obligatoria: true,
  regex: '^[A-Z0-9]{5,20}$',
  mensaje: 'Pasaporte: 5 a 20 letras mayúsculas o dígitos',
};
const archivo = (
  codigo: string,
  pregunta: string,
  extensiones: string[],
  mb: number,
  tipo = 'CARGA_ARCHIVO',
): Pregunta => ({
  codigo,
  pregunta,
  tipo,
  obligatoria: true,
  extensiones,
  mb,
});
const lista = (codigo: string, pregunta: string, opciones: string[], extra: Partial<Pregunta> = {}): Pregunta => ({
  codigo,
  pregunta,
  tipo: 'LISTA',
  obligatoria: true,
  opciones,
  ...extra,
});
const finales = (perfiles: string[]): Etapa[] => [
  { codigo: 'APROBADO', nombre: 'Aprobado', perfiles, final: true },
  { codigo: 'RECHAZADO', nombre: 'Rechazado', perfiles, final: true },
];

const PLANTILLAS: Plantilla[] = [
  {
    codigo: 'PPSH_COMPLETO',
    nombre: 'Permiso por razones humanitarias (PPSH) completo',
    descripcion: 'Solicitud, documentos, entrevista presencial, revisión técnica y decisión de la dirección',
    version: '1.0',
    categoria: 'Permisos humanitarios',
    color: '#8e44ad',
    creadores: ['CIUDADANO', 'ABOGADO', 'ONG'],
    etapas: [
      {
        codigo: 'INICIO',
        nombre: 'Inicio de la solicitud',
        perfiles: ['CIUDADANO', 'ABOGADO', 'ONG'],
        inicial: true,
        preguntas: [lista('TIPO_SOLICITUD', 'Tipo de solicitud', ['Individual', 'Grupal'])],
      },
      {
        codigo: 'DATOS_PERSONALES',
        nombre: 'Datos personales',
        perfiles: ['CIUDADANO', 'ABOGADO', 'ONG'],
        preguntas: [
          NOMBRE,
          PASAPORTE,
          { codigo: 'FECHA_NACIMIENTO', pregunta: 'Fecha de nacimiento', tipo: 'SELECCION_FECHA', obligatoria: true },
        ],
      },
      {
        codigo: 'DOCUMENTOS',
        nombre: 'Documentos',
        perfiles: ['CIUDADANO', 'ABOGADO', 'ONG'],
        preguntas: [
          archivo('PASAPORTE', 'Copia notariada del pasaporte', ['pdf', 'jpg', 'jpeg', 'png'], 10),
          archivo('ANTECEDENTES', 'Antecedentes penales apostillados', ['pdf'], 10, 'DOCUMENTOS'),
        ],
      },
      {
        codigo: 'ENTREVISTA',
        nombre: 'Entrevista presencial',
        tipo: 'PRESENCIAL',
        perfiles: ['FUNCIONARIO', 'ENTREVISTADOR'],
        minutos: 60,
        preguntas: [
          {
            codigo: 'FECHA_ENTREVISTA',
            pregunta: 'Fecha de la entrevista',
            tipo: 'SELECCION_FECHA',
            obligatoria: true,
          },
          lista('RESULTADO_ENTREVISTA', 'Resultado de la entrevista', ['Favorable', 'Desfavorable']),
        ],
      },
      {
        codigo: 'REVISION',
        nombre: 'Revisión técnica',
        perfiles: ['ANALISTA', 'SUPERVISOR'],
        preguntas: [
          lista('RECOMENDACION', 'Recomendación', ['Aprobar', 'Rechazar', 'Solicitar información adicional']),
          { codigo: 'JUSTIFICACION', pregunta: 'Justificación', tipo: 'RESPUESTA_LARGA', obligatoria: true },
        ],
      },
      {
        codigo: 'DECISION',
        nombre: 'Decisión de la dirección',
        perfiles: ['DIRECTOR', 'ADMIN'],
        validacion: true,
        preguntas: [
          lista('DECISION_FINAL', 'Decisión final', ['Aprobado', 'Rechazado']),
          lista('VIGENCIA_MESES', 'Vigencia del permiso (meses)', ['12', '24'], {
            mostrar_si: { pregunta: 'DECISION_FINAL', valor: 'Aprobado' },
          }),
        ],
      },
      ...finales(['DIRECTOR', 'ADMIN']),
    ],
    conexiones: [
      { de: 'INICIO', a: 'DATOS_PERSONALES' },
      { de: 'DATOS_PERSONALES', a: 'DOCUMENTOS' },
      { de: 'DOCUMENTOS', a: 'ENTREVISTA' },
      { de: 'ENTREVISTA', a: 'REVISION' },
      {
        de: 'REVISION',
        a: 'DOCUMENTOS',
        nombre: 'Solicitar información adicional',
        si: { pregunta: 'RECOMENDACION', valor: 'Solicitar información adicional' },
      },
      { de: 'REVISION', a: 'DECISION', nombre: 'A decisión', predeterminada: true },
      { de: 'DECISION', a: 'APROBADO', si: { pregunta: 'DECISION_FINAL', valor: 'Aprobado' } },
      { de: 'DECISION', a: 'RECHAZADO', si: { pregunta: 'DECISION_FINAL', valor: 'Rechazado' } },
    ],
  },
  {
    codigo: 'VISA_TURISTA_SIMPLE',
    nombre: 'Visa de turista (simple)',
    descripcion: 'Datos del viajero, documentos y aprobación',
    version: '1.0',
    categoria: 'Visas',
    color: '#3498db',
    creadores: ['RECEPCIONISTA', 'CIUDADANO'],
    etapas: [
      {
        codigo: 'DATOS',
        nombre: 'Datos del viajero',
        perfiles: ['RECEPCIONISTA', 'CIUDADANO'],
        inicial: true,
        preguntas: [
          NOMBRE,
          PASAPORTE,
          {
            codigo: 'FECHA_LLEGADA',
            pregunta: 'Fecha prevista de llegada',
            tipo: 'SELECCION_FECHA',
            obligatoria: true,
          },
        ],
      },
      {
        codigo: 'DOCS',
        nombre: 'Documentos',
        perfiles: ['RECEPCIONISTA', 'CIUDADANO'],
        preguntas: [
          archivo('PASAPORTE', 'Pasaporte vigente', ['pdf', 'jpg', 'jpeg', 'png'], 5),
          archivo('BOLETO_RETORNO', 'Boleto de retorno', ['pdf'], 5),
        ],
      },
      {
        codigo: 'APROBACION',
        nombre: 'Aprobación',
        perfiles: ['FUNCIONARIO', 'SUPERVISOR'],
        preguntas: [lista('DECISION_FINAL', 'Decisión', ['Aprobado', 'Rechazado'])],
      },
      ...finales(['FUNCIONARIO', 'SUPERVISOR']),
    ],
    conexiones: [
      { de: 'DATOS', a: 'DOCS' },
      { de: 'DOCS', a: 'APROBACION' },
      { de: 'APROBACION', a: 'APROBADO', si: { pregunta: 'DECISION_FINAL', valor: 'Aprobado' } },
      { de: 'APROBACION', a: 'RECHAZADO', si: { pregunta: 'DECISION_FINAL', valor: 'Rechazado' } },
    ],
  },
  {
    codigo: 'RESIDENCIA_TEMPORAL',
    nombre: 'Residencia temporal',
    descripcion: 'Solicitud, verificación de antecedentes y resolución',
    version: '1.1',
    categoria: 'Residencias',
    color: '#16a085',
    creadores: ['RECEPCIONISTA'],
    etapas: [
      {
        codigo: 'SOLICITUD',
        nombre: 'Solicitud',
        perfiles: ['RECEPCIONISTA'],
        inicial: true,
        preguntas: [NOMBRE, PASAPORTE, lista('MOTIVO', 'Motivo', ['Trabajo', 'Estudios', 'Familiar', 'Inversión'])],
      },
      {
        codigo: 'VERIFICACION',
        nombre: 'Verificación de antecedentes',
        perfiles: ['ANALISTA'],
        preguntas: [lista('ANTECEDENTES_LIMPIOS', '¿Antecedentes sin observaciones?', ['SI', 'NO'])],
      },
      {
        codigo: 'RESOLUCION',
        nombre: 'Resolución',
        perfiles: ['SUPERVISOR', 'DIRECTOR'],
        validacion: true,
        preguntas: [lista('DECISION_FINAL', 'Decisión', ['Aprobado', 'Rechazado'])],
      },
      ...finales(['SUPERVISOR', 'DIRECTOR']),
    ],
    conexiones: [
      { de: 'SOLICITUD', a: 'VERIFICACION' },
      { de: 'VERIFICACION', a: 'RESOLUCION' },
      { de: 'RESOLUCION', a: 'APROBADO', si: { pregunta: 'DECISION_FINAL', valor: 'Aprobado' } },
      { de: 'RESOLUCION', a: 'RECHAZADO', si: { pregunta: 'DECISION_FINAL', valor: 'Rechazado' } },
    ],
  },
  {
    codigo: 'SOLICITUD_RESIDENCIA',
    nombre: 'Solicitud de residencia temporal',
    descripcion:
      'Datos personales, documentos, revisión preliminar con corrección y revisión final (ejemplo de referencia)',
    version: '1.0',
    categoria: 'Residencias',
    color: '#27ae60',
    creadores: ['CIUDADANO', 'RECEPCIONISTA'],
    etapas: [
      {
        codigo: 'DATOS_PERSONALES',
        nombre: 'Datos personales',
        perfiles: ['CIUDADANO', 'RECEPCIONISTA'],
        inicial: true,
        preguntas: [
          NOMBRE,
          PASAPORTE,
          {
            codigo: 'FECHA_NACIMIENTO',
            pregunta: 'Fecha de nacimiento',
            tipo: 'SELECCION_FECHA',
            obligatoria: true,
            regex: '^\\d{4}-\\d{2}-\\d{2}$',
            mensaje: 'Use el formato AAAA-MM-DD',
          },
          {
            codigo: 'EMAIL',
            pregunta: 'Correo electrónico',
            tipo: 'RESPUESTA_TEXTO',
            obligatoria: true,
            regex: '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$',
            mensaje: 'Correo electrónico inválido',
          },
          {
            codigo: 'TELEFONO',
            pregunta: 'Teléfono',
            tipo: 'RESPUESTA_TEXTO',
            regex: '^\\+?[0-9]{8,15}$',
            mensaje: 'Teléfono: 8 a 15 dígitos, opcionalmente con +',
          },
        ],
      },
      {
        codigo: 'CARGA_DOCUMENTOS',
        nombre: 'Carga de documentos',
        perfiles: ['CIUDADANO', 'RECEPCIONISTA'],
        preguntas: [
          archivo('PASAPORTE', 'Pasaporte (páginas 1 a 4)', ['pdf', 'jpg', 'jpeg', 'png'], 5),
          archivo('FOTOGRAFIA', 'Fotografía tamaño carnet', ['jpg', 'jpeg', 'png'], 5),
          archivo('ANTECEDENTES_PENALES', 'Certificado de antecedentes penales', ['pdf'], 10),
          archivo('CERTIFICADO_SALUD', 'Certificado de salud', ['pdf'], 10),
          archivo('SOLVENCIA_ECONOMICA', 'Prueba de solvencia económica', ['pdf'], 10, 'DOCUMENTOS'),
        ],
      },
      {
        codigo: 'REVISION_PRELIMINAR',
        nombre: 'Revisión preliminar',
        perfiles: ['FUNCIONARIO'],
        preguntas: [
          lista('DOCUMENTOS_COMPLETOS', '¿Los documentos están completos y son válidos?', ['SI', 'NO']),
          {
            codigo: 'OBSERVACIONES_REVISION',
            pregunta: 'Qué debe corregir el solicitante',
            tipo: 'RESPUESTA_LARGA',
            obligatoria: true,
            mostrar_si: { pregunta: 'DOCUMENTOS_COMPLETOS', valor: 'NO' },
          },
        ],
      },
      {
        codigo: 'CORRECCION_DOCUMENTOS',
        nombre: 'Corrección de documentos',
        perfiles: ['CIUDADANO', 'RECEPCIONISTA'],
        preguntas: [
          archivo('DOCUMENTOS_CORREGIDOS', 'Documentos corregidos', ['pdf', 'jpg', 'jpeg', 'png'], 10, 'DOCUMENTOS'),
        ],
      },
      {
        codigo: 'REVISION_FINAL',
        nombre: 'Revisión final',
        perfiles: ['JEFE_DEPARTAMENTO', 'ADMIN'],
        validacion: true,
        preguntas: [
          lista('DECISION_FINAL', 'Decisión final', ['APROBAR', 'RECHAZAR', 'REQUIERE_MAS_INFORMACION']),
          {
            codigo: 'NUMERO_RESOLUCION',
            pregunta: 'Número de resolución',
            tipo: 'RESPUESTA_TEXTO',
            obligatoria: true,
            regex: '^[A-Z0-9-]{5,20}$',
            mensaje: 'Número de resolución: 5 a 20 mayúsculas, dígitos o guiones',
            mostrar_si: { pregunta: 'DECISION_FINAL', valor: 'APROBAR' },
          },
        ],
      },
      ...finales(['JEFE_DEPARTAMENTO', 'ADMIN']),
    ],
    conexiones: [
      { de: 'DATOS_PERSONALES', a: 'CARGA_DOCUMENTOS' },
      { de: 'CARGA_DOCUMENTOS', a: 'REVISION_PRELIMINAR' },
      { de: 'REVISION_PRELIMINAR', a: 'CORRECCION_DOCUMENTOS', si: { pregunta: 'DOCUMENTOS_COMPLETOS', valor: 'NO' } },
      { de: 'REVISION_PRELIMINAR', a: 'REVISION_FINAL', si: { pregunta: 'DOCUMENTOS_COMPLETOS', valor: 'SI' } },
      { de: 'CORRECCION_DOCUMENTOS', a: 'REVISION_PRELIMINAR', nombre: 'Volver a revisión' },
      { de: 'REVISION_FINAL', a: 'APROBADO', si: { pregunta: 'DECISION_FINAL', valor: 'APROBAR' } },
      { de: 'REVISION_FINAL', a: 'RECHAZADO', si: { pregunta: 'DECISION_FINAL', valor: 'RECHAZAR' } },
      {
        de: 'REVISION_FINAL',
        a: 'CORRECCION_DOCUMENTOS',
        si: { pregunta: 'DECISION_FINAL', valor: 'REQUIERE_MAS_INFORMACION' },
      },
    ],
  },
];

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export async function up(db: DbMigracion): Promise<void> {
  const base = {
    version: 1,
    updated_at: INSTANTE_SEMILLA,
    created_at: INSTANTE_SEMILLA,
    created_by: SISTEMA_ID,
    activo: 1,
  };
  for (const p of PLANTILLAS) {
    const workflowId = uuidv7();
    await db
      .insertInto('workflows')
      .values({
        id: workflowId,
        codigo: p.codigo,
        version_plantilla: p.version,
        nombre: p.nombre,
        descripcion: p.descripcion,
        estado: 'ACTIVO',
        color_hex: p.color,
        icono: null,
        categoria: p.categoria,
        requiere_autenticacion: 1,
        es_publico: 0,
        perfiles_creadores: json(p.creadores),
        updated_by: null,
        ...base,
      })
      .execute();
    const ids = new Map(p.etapas.map((e) => [e.codigo, uuidv7()]));
    for (const [orden, e] of p.etapas.entries()) {
      await db
        .insertInto('workflow_etapas')
        .values({
          id: ids.get(e.codigo),
          workflow_id: workflowId,
          codigo: e.codigo,
          nombre: e.nombre,
          descripcion: null,
          tipo_etapa: e.tipo ?? 'ETAPA',
          orden: orden + 1,
          posicion_x: 200 * orden,
          posicion_y: 0,
          perfiles_permitidos: json(e.perfiles),
          titulo_formulario: e.nombre,
          bajada_formulario: null,
          es_etapa_inicial: e.inicial ? 1 : 0,
          es_etapa_final: e.final ? 1 : 0,
          requiere_validacion: e.validacion ? 1 : 0,
          permite_edicion_posterior: 0,
          tiempo_estimado_minutos: e.minutos ?? null,
          reglas_transicion: null,
          ...base,
        })
        .execute();
      for (const [i, q] of (e.preguntas ?? []).entries()) {
        await db
          .insertInto('workflow_preguntas')
          .values({
            id: uuidv7(),
            etapa_id: ids.get(e.codigo),
            codigo: q.codigo,
            pregunta: q.pregunta,
            tipo_pregunta: q.tipo,
            orden: i + 1,
            es_obligatoria: q.obligatoria ? 1 : 0,
            validacion_regex: q.regex ?? null,
            mensaje_validacion: q.mensaje ?? null,
            opciones: json(q.opciones),
            opciones_datos_caso: null,
            permite_multiple: q.multiple ? 1 : 0,
            extensiones_permitidas: json(q.extensiones),
            tamano_maximo_mb: q.mb ?? null,
            requiere_ocr: 0,
            texto_ayuda: null,
            placeholder: null,
            valor_predeterminado: null,
            mostrar_si: json(q.mostrar_si),
            ...base,
          })
          .execute();
      }
    }
    for (const k of p.conexiones) {
      await db
        .insertInto('workflow_conexiones')
        .values({
          id: uuidv7(),
          workflow_id: workflowId,
          etapa_origen_id: ids.get(k.de),
          etapa_destino_id: ids.get(k.a),
          nombre: k.nombre ?? null,
          tipo_conexion: k.si ? 'CONDICIONAL' : 'SECUENCIAL',
          condicion: json(k.si),
          es_predeterminada: k.predeterminada ? 1 : 0,
          ...base,
        })
        .execute();
    }
  }
}

export async function down(db: DbMigracion): Promise<void> {
  const codigos = PLANTILLAS.map((p) => p.codigo);
  const wf = db.selectFrom('workflows').select('id').where('codigo', 'in', codigos);
  const etapas = db.selectFrom('workflow_etapas').select('id').where('workflow_id', 'in', wf);
  await db.deleteFrom('workflow_conexiones').where('workflow_id', 'in', wf).execute();
  await db.deleteFrom('workflow_preguntas').where('etapa_id', 'in', etapas).execute();
  await db.deleteFrom('workflow_etapas').where('workflow_id', 'in', wf).execute();
  await db.deleteFrom('workflows').where('codigo', 'in', codigos).execute();
}

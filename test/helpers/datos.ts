/** Small builders of test data: a valid request by default, each test changes only what its story is about. */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { sumarAnios, fechaPanama } from '#shared/calendario';

const hace = (anios: number) => sumarAnios(fechaPanama(), -anios);

export function titular(o: Record<string, unknown> = {}) {
  return {
    es_titular: true,
    tipo_documento: 'PASAPORTE',
    num_documento: 'VE1234567',
    pais_emisor: 'VEN',
    primer_nombre: 'María',
    segundo_nombre: 'José',
    primer_apellido: 'Pérez',
    segundo_apellido: 'Gómez',
    fecha_nacimiento: hace(34),
    cod_sexo: 'F',
    cod_nacionalidad: 'VEN',
    cod_estado_civil: 'C',
    email: 'maria.perez@correo.example',
    telefono: '+507-6000-1234',
    ...o,
  };
}

export function dependiente(o: Record<string, unknown> = {}) {
  return {
    es_titular: false,
    parentesco_titular: 'HIJO',
    tipo_documento: 'PASAPORTE',
    num_documento: 'VE7654321',
    pais_emisor: 'VEN',
    primer_nombre: 'Luis',
    primer_apellido: 'Pérez',
    fecha_nacimiento: hace(8),
    cod_sexo: 'M',
    cod_nacionalidad: 'VEN',
    ...o,
  };
}

export function solicitud(o: Record<string, unknown> = {}) {
  return {
    tipo_solicitud: 'GRUPAL',
    cod_causa_humanitaria: 4,
    descripcion_caso: 'Reunificación con su cónyuge, residente en Panamá desde 2019.',
    prioridad: 'NORMAL',
    solicitantes: [titular(), dependiente()],
    ...o,
  };
}

export async function pdfReal(texto = 'Pasaporte notariado'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const pagina = doc.addPage([595, 842]);
  pagina.drawText(texto, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** A Windows executable (MZ header) someone renamed to .pdf. */
export const ejecutableDisfrazado = () =>
  Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512, 0x41)]);

export function formulario(nombre: string, bytes: Buffer, campos: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(campos)) f.append(k, v);
  f.append('archivo', new Blob([new Uint8Array(bytes)]), nombre);
  return f;
}

/**
 * A valid three-stage workflow template: INICIO asks OK (SI goes to REVISION, anything else straight to FIN), then
 * REVISION by an analyst, then FIN. `revision` adds settings to the review stage (requiere_validacion…).
 */
export function plantillaTresEtapas(codigo: string, revision: Record<string, unknown> = {}) {
  return {
    codigo,
    nombre: 'Trámite de prueba',
    perfiles_creadores: ['RECEPCIONISTA'],
    estado: 'ACTIVO',
    etapas: [
      {
        codigo: 'INICIO',
        nombre: 'Inicio',
        orden: 1,
        perfiles_permitidos: ['RECEPCIONISTA'],
        es_etapa_inicial: true,
        preguntas: [
          {
            codigo: 'OK',
            pregunta: '¿Conforme?',
            tipo_pregunta: 'LISTA',
            opciones: ['SI', 'NO'],
            es_obligatoria: true,
          },
        ],
      },
      { codigo: 'REVISION', nombre: 'Revisión', orden: 2, perfiles_permitidos: ['ANALISTA'], ...revision },
      { codigo: 'FIN', nombre: 'Fin', orden: 3, perfiles_permitidos: ['ANALISTA'], es_etapa_final: true },
    ],
    conexiones: [
      {
        etapa_origen: 'INICIO',
        etapa_destino: 'REVISION',
        tipo_conexion: 'CONDICIONAL',
        condicion: { pregunta: 'OK', valor: 'SI' },
      },
      { etapa_origen: 'INICIO', etapa_destino: 'FIN', es_predeterminada: true },
      { etapa_origen: 'REVISION', etapa_destino: 'FIN' },
    ],
  };
}

/**
 * A template of `etapas` stages in a line, each with `preguntas` text questions (codes P<stage>_<n>, unique across the
 * template): the size an edit must not pay for as a whole (the schema allows 100 × 100).
 */
export function plantillaGrande(codigo: string, etapas: number, preguntas: number, estado = 'ACTIVO') {
  return {
    codigo,
    nombre: `Plantilla de ${etapas} × ${preguntas}`,
    perfiles_creadores: ['RECEPCIONISTA'],
    estado,
    etapas: Array.from({ length: etapas }, (_, i) => ({
      codigo: `E${i}`,
      nombre: `Etapa ${i}`,
      orden: i + 1,
      perfiles_permitidos: i === 0 ? ['RECEPCIONISTA'] : ['ANALISTA'],
      es_etapa_inicial: i === 0,
      es_etapa_final: i === etapas - 1,
      preguntas: Array.from({ length: preguntas }, (_, j) => ({
        codigo: `P${i}_${j}`,
        pregunta: `Pregunta ${j}`,
        tipo_pregunta: 'RESPUESTA_TEXTO',
      })),
    })),
    conexiones: Array.from({ length: etapas - 1 }, (_, i) => ({ etapa_origen: `E${i}`, etapa_destino: `E${i + 1}` })),
  };
}

/** A desk's error report as POST /errores takes it: a code and a top frame, nothing personal. */
export const reportesDeError = () => ({
  reportes: [
    {
      codigo: 'TypeError',
      marco: 'leerFila@index.js:10:5',
      version: '1.4.0',
      veces: 1,
      primera: '2026-03-01T10:00:00.000Z',
      ultima: '2026-03-01T10:00:00.000Z',
    },
  ],
});

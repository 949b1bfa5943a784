/**
 * Deterministic, realistic demo cases: the same seed gives the same people, numbers and histories on every machine.
 * Histories follow the state machine of shared/ so demo data never shows a move the server would refuse.
 */
import { v7 as uuidv7 } from 'uuid';
import { ESTADOS_PPSH, type EstadoPpsh } from '#shared/ppsh/estados';
import { sumarDias } from '#shared/calendario';

export function prng(semilla: number) {
  let a = semilla >>> 0;
  const siguiente = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    siguiente,
    entero: (min: number, max: number) => min + Math.floor(siguiente() * (max - min + 1)),
    elegir: <T>(xs: readonly T[]): T => xs[Math.floor(siguiente() * xs.length)]!,
    probabilidad: (p: number) => siguiente() < p,
  };
}
export type Prng = ReturnType<typeof prng>;

/** A UUIDv7 stamped at noon UTC of `fecha`, its random part drawn from the seed: the same id on every machine. */
export const idDeterminista = (r: Prng, fecha: string) =>
  uuidv7({ msecs: Date.parse(`${fecha}T12:00:00Z`), random: Uint8Array.from({ length: 16 }, () => r.entero(0, 255)) });

const NOMBRES_M = [
  'José',
  'Luis',
  'Carlos',
  'Juan',
  'Miguel',
  'Ángel',
  'Jesús',
  'Andrés',
  'Rafael',
  'Jean',
  'Wilson',
  'Yohan',
  'Ricardo',
  'Eduardo',
  'Abdul',
  'Raj',
  'Mamadou',
];
const NOMBRES_F = [
  'María',
  'Ana',
  'Carmen',
  'Yolanda',
  'Rosa',
  'Daniela',
  'Valentina',
  'Génesis',
  'Marisol',
  'Lucía',
  'Fatoumata',
  'Islande',
  'Yuliana',
  'Sofía',
  'Mariela',
];
const APELLIDOS = [
  'González',
  'Rodríguez',
  'Pérez',
  'Hernández',
  'García',
  'Martínez',
  'López',
  'Sánchez',
  'Ramírez',
  'Torres',
  'Castillo',
  'Núñez',
  'Jean-Baptiste',
  'Pierre',
  'Quintero',
  'Vásquez',
  'Muñoz',
  'Díaz',
  'Moreno',
  'Barrios',
  'Camargo',
  'Saldaña',
  'Ortega',
  'Diallo',
  'Singh',
  'Ibáñez',
];
const NACIONALIDADES = [
  'VEN',
  'VEN',
  'VEN',
  'COL',
  'COL',
  'NIC',
  'HTI',
  'HTI',
  'CUB',
  'ECU',
  'DOM',
  'HND',
  'SLV',
  'PER',
  'CMR',
  'AGO',
  'IND',
  'BGD',
  'NPL',
  'AFG',
];

/** The path a case walks from RECIBIDO, chosen per case; the case stops somewhere along it. */
const CAMINOS: EstadoPpsh[][] = [
  [
    'RECIBIDO',
    'EN_REVISION',
    'EN_VERIFICACION',
    'EN_EVALUACION',
    'CON_DICTAMEN_FAV',
    'EN_APROBACION',
    'APROBADO',
    'EN_EMISION',
    'RESUELTO',
    'ARCHIVADO',
  ],
  [
    'RECIBIDO',
    'EN_REVISION',
    'INCOMPLETO',
    'SUBSANADO',
    'EN_REVISION',
    'EN_VERIFICACION',
    'EN_EVALUACION',
    'EN_ENTREVISTA',
    'CON_DICTAMEN_FAV',
    'EN_APROBACION',
    'APROBADO',
    'EN_EMISION',
    'RESUELTO',
  ],
  [
    'RECIBIDO',
    'EN_REVISION',
    'EN_VERIFICACION',
    'EN_EVALUACION',
    'EN_ENTREVISTA',
    'CON_DICTAMEN_DESFAV',
    'EN_APROBACION',
    'RECHAZADO',
    'ARCHIVADO',
  ],
  ['RECIBIDO', 'EN_REVISION', 'INCOMPLETO', 'CON_DICTAMEN_DESFAV', 'EN_APROBACION', 'RECHAZADO'],
  ['RECIBIDO', 'EN_REVISION', 'CANCELADO'],
];

export interface PersonaDemo {
  es_titular: boolean;
  parentesco_titular: string | null;
  tipo_documento: 'PASAPORTE' | 'CEDULA';
  num_documento: string;
  pais_emisor: string;
  primer_nombre: string;
  segundo_nombre: string | null;
  primer_apellido: string;
  segundo_apellido: string | null;
  fecha_nacimiento: string;
  cod_sexo: 'M' | 'F';
  cod_nacionalidad: string;
  cod_estado_civil: string;
  telefono: string;
  email: string | null;
}

export interface CasoDemo {
  fecha_solicitud: string;
  causa: number;
  prioridad: 'ALTA' | 'NORMAL' | 'BAJA';
  personas: PersonaDemo[];
  estados: EstadoPpsh[];
  /** Days after the request date on which each state of `estados` was entered. */
  dias: number[];
  tiposDocumento: number[];
}

const fecha = (r: Prng, desde: number, hasta: number) => {
  const anio = r.entero(desde, hasta);
  return `${anio}-${String(r.entero(1, 12)).padStart(2, '0')}-${String(r.entero(1, 28)).padStart(2, '0')}`;
};

function persona(
  r: Prng,
  titular: boolean,
  apellido: string,
  parentesco: string | null,
  nacionalidad: string,
): PersonaDemo {
  const sexo = r.probabilidad(0.5) ? 'M' : 'F';
  const menor = parentesco === 'HIJO';
  const panameno = nacionalidad === 'PAN';
  // Drawn in the order the fields were always drawn, so the seeded demo stays the same case for case.
  // Cédulas like 8-123-4567; passports as letters and digits.
  const documento = panameno
    ? `${r.entero(1, 13)}-${r.entero(1, 999)}-${r.entero(1, 9999)}`
    : `${String.fromCharCode(65 + r.entero(0, 25))}${String.fromCharCode(65 + r.entero(0, 25))}${r.entero(1000000, 9999999)}`;
  const nombres = sexo === 'M' ? NOMBRES_M : NOMBRES_F;
  const primerNombre = r.elegir(nombres);
  return {
    es_titular: titular,
    parentesco_titular: parentesco,
    tipo_documento: panameno ? 'CEDULA' : 'PASAPORTE',
    num_documento: documento,
    pais_emisor: nacionalidad,
    primer_nombre: primerNombre,
    segundo_nombre: r.probabilidad(0.5) ? otroQue(primerNombre, r.elegir(nombres), nombres) : null,
    primer_apellido: apellido,
    segundo_apellido: r.probabilidad(0.8) ? r.elegir(APELLIDOS) : null,
    fecha_nacimiento: menor ? fecha(r, 2010, 2022) : fecha(r, 1960, 2005),
    cod_sexo: sexo,
    cod_nacionalidad: nacionalidad,
    cod_estado_civil: menor ? 'S' : r.elegir(['S', 'C', 'U', 'D', 'V']),
    telefono: `+507-6${r.entero(100, 999)}-${r.entero(1000, 9999)}`,
    email:
      titular && r.probabilidad(0.7)
        ? `${apellido
            .normalize('NFD')
            .replace(/\p{Diacritic}/gu, '')
            .toLowerCase()
            .replace(/[^a-z]/g, '')}${r.entero(1, 999)}@correo.example`
        : null,
  };
}

export function generarCaso(r: Prng, hoy: string): CasoDemo {
  const nacionalidad = r.elegir(NACIONALIDADES);
  const apellido = r.elegir(APELLIDOS);
  const personas = [persona(r, true, apellido, null, nacionalidad)];
  const dependientes = r.probabilidad(0.35) ? r.entero(1, 3) : 0;
  for (let i = 0; i < dependientes; i++) {
    const parentesco = i === 0 && r.probabilidad(0.5) ? 'CONYUGE' : 'HIJO';
    personas.push(
      persona(r, false, parentesco === 'CONYUGE' ? r.elegir(APELLIDOS) : apellido, parentesco, nacionalidad),
    );
  }
  const camino = r.elegir(CAMINOS);
  const largo = r.entero(1, camino.length);
  const estados = camino.slice(0, largo);
  const antiguedad = r.entero(estados.length * 3, 720);
  const fecha_solicitud = sumarDias(hoy, -antiguedad);
  const dias = [0];
  for (let i = 1; i < estados.length; i++)
    dias.push(Math.min(antiguedad, dias[i - 1]! + r.entero(1, Math.max(1, Math.floor(antiguedad / estados.length)))));
  return {
    fecha_solicitud,
    causa: r.entero(1, 10),
    prioridad: r.probabilidad(0.1) ? 'ALTA' : r.probabilidad(0.2) ? 'BAJA' : 'NORMAL',
    personas,
    estados,
    dias,
    tiposDocumento: [1, 2, 3, 6].slice(0, r.entero(1, 4)),
  };
}

export const ESTADO_FINAL_DEMO = new Set(ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod));

/** Nobody is called "Daniela Daniela": a repeated name gives way to the next in the list (no extra draw, so the rest
 * of the demo stays as it was). */
function otroQue(evitar: string, elegido: string, lista: readonly string[]): string {
  return elegido === evitar ? lista[(lista.indexOf(elegido) + 1) % lista.length]! : elegido;
}

import type { Rol } from '../roles.js';

/** The 16 PPSH states (docs/decisiones.md §3), in their display order. */
export const ESTADOS_PPSH = [
  {
    cod: 'RECIBIDO',
    nombre: 'Recibido',
    color: '#3498db',
    final: false,
    descripcion: 'Solicitud recibida y registrada',
  },
  {
    cod: 'EN_REVISION',
    nombre: 'En Revisión Documental',
    color: '#f39c12',
    final: false,
    descripcion: 'El analista revisa la documentación',
  },
  {
    cod: 'INCOMPLETO',
    nombre: 'Documentación Incompleta',
    color: '#e74c3c',
    final: false,
    descripcion: 'Faltan documentos o requieren corrección',
  },
  {
    cod: 'SUBSANADO',
    nombre: 'Documentación Subsanada',
    color: '#9b59b6',
    final: false,
    descripcion: 'Se entregaron los documentos faltantes',
  },
  {
    cod: 'EN_VERIFICACION',
    nombre: 'En Verificación de Antecedentes',
    color: '#16a085',
    final: false,
    descripcion: 'Verificación de antecedentes penales y migratorios',
  },
  {
    cod: 'EN_EVALUACION',
    nombre: 'En Evaluación Técnica',
    color: '#2980b9',
    final: false,
    descripcion: 'Evaluación de la causa humanitaria',
  },
  {
    cod: 'EN_ENTREVISTA',
    nombre: 'En Entrevista',
    color: '#8e44ad',
    final: false,
    descripcion: 'Entrevista programada o en curso',
  },
  {
    cod: 'CON_DICTAMEN_FAV',
    nombre: 'Con Dictamen Favorable',
    color: '#27ae60',
    final: false,
    descripcion: 'El analista recomienda aprobar',
  },
  {
    cod: 'CON_DICTAMEN_DESFAV',
    nombre: 'Con Dictamen Desfavorable',
    color: '#c0392b',
    final: false,
    descripcion: 'El analista recomienda rechazar',
  },
  {
    cod: 'EN_APROBACION',
    nombre: 'En Aprobación',
    color: '#d35400',
    final: false,
    descripcion: 'Pendiente de decisión de la jefatura',
  },
  {
    cod: 'APROBADO',
    nombre: 'Aprobado',
    color: '#2ecc71',
    final: false,
    descripcion: 'Aprobado; resolución en emisión',
  },
  { cod: 'RECHAZADO', nombre: 'Rechazado', color: '#e74c3c', final: true, descripcion: 'Solicitud rechazada' },
  {
    cod: 'EN_EMISION',
    nombre: 'En Emisión de Resolución',
    color: '#1abc9c',
    final: false,
    descripcion: 'Se produce el documento de resolución',
  },
  {
    cod: 'RESUELTO',
    nombre: 'Resuelto - Permiso Emitido',
    color: '#27ae60',
    final: true,
    descripcion: 'Permiso emitido y entregado',
  },
  { cod: 'ARCHIVADO', nombre: 'Archivado', color: '#95a5a6', final: true, descripcion: 'Expediente archivado' },
  {
    cod: 'CANCELADO',
    nombre: 'Cancelado',
    color: '#7f8c8d',
    final: true,
    descripcion: 'Cancelado a pedido del solicitante',
  },
] as const;

export type EstadoPpsh = (typeof ESTADOS_PPSH)[number]['cod'];
export const CODIGOS_ESTADO_PPSH = ESTADOS_PPSH.map((e) => e.cod) as [EstadoPpsh, ...EstadoPpsh[]];

const FINALES = new Set<EstadoPpsh>(ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod));
export const esEstadoFinal = (estado: EstadoPpsh): boolean => FINALES.has(estado);

interface Transicion {
  desde: readonly EstadoPpsh[] | 'NO_FINAL';
  hacia: readonly EstadoPpsh[];
  roles: readonly Rol[];
}

/** docs/decisiones.md §3: the reference enforces none of this; we do, on the server and offline. */
const TRANSICIONES: readonly Transicion[] = [
  { desde: ['RECIBIDO'], hacia: ['EN_REVISION'], roles: ['RECEPCION', 'ANALISTA'] },
  { desde: ['EN_REVISION'], hacia: ['INCOMPLETO', 'EN_VERIFICACION'], roles: ['ANALISTA'] },
  { desde: ['INCOMPLETO'], hacia: ['SUBSANADO'], roles: ['RECEPCION', 'ANALISTA'] },
  { desde: ['INCOMPLETO'], hacia: ['CON_DICTAMEN_DESFAV'], roles: ['ANALISTA'] },
  { desde: ['SUBSANADO'], hacia: ['EN_REVISION'], roles: ['ANALISTA'] },
  { desde: ['EN_VERIFICACION'], hacia: ['EN_EVALUACION'], roles: ['ANALISTA'] },
  {
    desde: ['EN_EVALUACION'],
    hacia: ['EN_ENTREVISTA', 'CON_DICTAMEN_FAV', 'CON_DICTAMEN_DESFAV'],
    roles: ['ANALISTA'],
  },
  { desde: ['EN_ENTREVISTA'], hacia: ['CON_DICTAMEN_FAV', 'CON_DICTAMEN_DESFAV'], roles: ['ANALISTA'] },
  { desde: ['CON_DICTAMEN_FAV', 'CON_DICTAMEN_DESFAV'], hacia: ['EN_APROBACION'], roles: ['ANALISTA'] },
  { desde: ['EN_APROBACION'], hacia: ['APROBADO', 'RECHAZADO', 'EN_EVALUACION'], roles: ['SUPERVISOR'] },
  { desde: ['APROBADO'], hacia: ['EN_EMISION'], roles: ['ANALISTA', 'RECEPCION'] },
  { desde: ['EN_EMISION'], hacia: ['RESUELTO'], roles: ['RECEPCION'] },
  { desde: 'NO_FINAL', hacia: ['CANCELADO'], roles: ['RECEPCION', 'SUPERVISOR'] },
  { desde: ['RECHAZADO', 'RESUELTO', 'CANCELADO'], hacia: ['ARCHIVADO'], roles: ['SUPERVISOR', 'ADMIN'] },
];

const aplica = (t: Transicion, desde: EstadoPpsh, hacia: EstadoPpsh) =>
  t.hacia.includes(hacia) && (t.desde === 'NO_FINAL' ? !esEstadoFinal(desde) : t.desde.includes(desde));

export type VeredictoTransicion = { ok: true } | { ok: false; code: 'TRANSICION_NO_PERMITIDA' | 'PERMISO_DENEGADO' };

/** Whether `rol` may move a case from `desde` to `hacia`: first whether the move exists at all, then who may make it. */
export function evaluarTransicion(desde: EstadoPpsh, hacia: EstadoPpsh, rol: Rol): VeredictoTransicion {
  const reglas = TRANSICIONES.filter((t) => aplica(t, desde, hacia));
  if (reglas.length === 0) return { ok: false, code: 'TRANSICION_NO_PERMITIDA' };
  return reglas.some((t) => t.roles.includes(rol)) ? { ok: true } : { ok: false, code: 'PERMISO_DENEGADO' };
}

/** The states `rol` may move a case to from `desde` (what the desktop offers as buttons). */
export function transicionesDisponibles(desde: EstadoPpsh, rol: Rol): EstadoPpsh[] {
  return CODIGOS_ESTADO_PPSH.filter((hacia) => evaluarTransicion(desde, hacia, rol).ok);
}

export const ESTADOS_DICTAMEN: readonly EstadoPpsh[] = ['CON_DICTAMEN_FAV', 'CON_DICTAMEN_DESFAV'];
export const ESTADOS_RESOLUCION: readonly EstadoPpsh[] = ['APROBADO', 'RECHAZADO'];
/** Business days an INCOMPLETO case waits for documents before it may be closed with an unfavourable dictamen. */
export const PLAZO_SUBSANACION_DIAS_HABILES = 3;
/** An approved permit is valid for two years (decree / BPMN 2-year carnet). */
export const VIGENCIA_PERMISO_ANIOS = 2;

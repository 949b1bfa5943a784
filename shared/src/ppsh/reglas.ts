/**
 * The PPSH command rules both sides enforce: the server (server/src/modules/ppsh/casos-de-uso/) before it writes, the
 * desk (main/src/core/comandos/ppsh.ts) before it queues, so an officer offline learns at once, in the same words, what
 * the server would refuse. Pure: callers pass the row's values and today's date in; each side turns a `Rechazo` into
 * its own error class (AppError / ErrorCore) with the same code, message and details.
 */
import { diasHabilesEntre, fechaPanama, sumarAnios } from '../calendario.js';
import { rechazo, type Rechazo } from '../rechazo.js';
import type { Rol } from '../roles.js';
import {
  ESTADOS_DICTAMEN,
  ESTADOS_RESOLUCION,
  PLAZO_SUBSANACION_DIAS_HABILES,
  VIGENCIA_PERMISO_ANIOS,
  esEstadoFinal,
  evaluarTransicion,
  type EstadoPpsh,
} from './estados.js';
import { CEDULA_REGEX } from './schemas.js';

/** Applicant data may be corrected until the background check starts (GUIA_CAPACITACION edit rules). */
const ESTADOS_EDICION_SOLICITANTES: readonly string[] = ['RECIBIDO', 'EN_REVISION', 'INCOMPLETO', 'SUBSANADO'];
const TIPO_DICTAMEN_DE: Partial<Record<EstadoPpsh, string>> = {
  CON_DICTAMEN_FAV: 'FAVORABLE',
  CON_DICTAMEN_DESFAV: 'DESFAVORABLE',
};

/** What a closed case refuses, in the words each command uses ("…y no admite cambios", "…y no admite documentos"). */
export function rechazoSiCerrada(estado: string, noAdmite?: string): Rechazo | null {
  if (!esEstadoFinal(estado as EstadoPpsh)) return null;
  const message = noAdmite ? `La solicitud está cerrada y no admite ${noAdmite}` : 'La solicitud está cerrada';
  return rechazo('EDICION_NO_PERMITIDA', message);
}

/** An ALTA case must say why: at least 50 non-blank characters of description (the new one, or the stored one). */
export function validarPrioridad(
  prioridad: string | undefined,
  descripcion: string | null | undefined,
): Rechazo | null {
  if (prioridad === 'ALTA' && (descripcion ?? '').replace(/\s/g, '').length < 50)
    return rechazo('VALIDACION', 'La prioridad ALTA requiere una descripción del caso de al menos 50 caracteres');
  return null;
}

export interface EdicionSolicitante {
  /** estado_actual of the case the person belongs to. */
  estado: string;
  esTitular: boolean;
  parentesco?: string | null;
  /** The document type and number after the change (the new values, or the stored ones). */
  tipoDocumento: string;
  numDocumento: string;
}

export function validarEdicionSolicitante(e: EdicionSolicitante): Rechazo | null {
  if (!ESTADOS_EDICION_SOLICITANTES.includes(e.estado))
    return rechazo(
      'EDICION_NO_PERMITIDA',
      'Los datos del solicitante solo se corrigen antes de la verificación de antecedentes',
    );
  if (e.esTitular && e.parentesco) return rechazo('VALIDACION', 'El titular no lleva parentesco');
  if (e.tipoDocumento === 'CEDULA' && !CEDULA_REGEX.test(e.numDocumento))
    return rechazo('VALIDACION', 'Cédula inválida: use el formato 8-123-4567');
  return null;
}

/** A cheque or a transfer must carry its number; cash and card need nothing more. */
export function validarMetodoPago(p: {
  metodo_pago: string;
  num_cheque?: string | null;
  num_transferencia?: string | null;
}): Rechazo | null {
  if (p.metodo_pago === 'CHEQUE' && !p.num_cheque)
    return rechazo('VALIDACION', 'Un pago con cheque requiere num_cheque');
  if (p.metodo_pago === 'TRANSFERENCIA' && !p.num_transferencia)
    return rechazo('VALIDACION', 'Una transferencia requiere num_transferencia');
  return null;
}

export interface CambioEstadoPedido {
  desde: EstadoPpsh;
  hacia: EstadoPpsh;
  rol: Rol;
  /** fecha_estado of the case (UTC ISO instant): when it entered `desde`. */
  fechaEstado: string;
  /** Today in Panama (YYYY-MM-DD). */
  hoy: string;
  cambio: { tipo_dictamen?: string | null; dictamen_detalle?: string | null; num_resolucion?: string | null };
}

/** The columns a decision (APROBADO / RECHAZADO) sets on the case; empty for any other state. */
export interface Resolucion {
  num_resolucion?: string;
  fecha_resolucion?: string;
  fecha_vencimiento_permiso?: string;
}

export type VeredictoCambioEstado = Rechazo | { ok: true; esDictamen: boolean; resolucion: Resolucion };

/** The state machine plus the rules on top of it (docs/decisiones.md §6), in the order the server has always checked them. */
export function validarCambioEstado({
  desde,
  hacia,
  rol,
  fechaEstado,
  hoy,
  cambio,
}: CambioEstadoPedido): VeredictoCambioEstado {
  const veredicto = evaluarTransicion(desde, hacia, rol);
  if (!veredicto.ok)
    return veredicto.code === 'PERMISO_DENEGADO'
      ? rechazo('PERMISO_DENEGADO', `Su rol (${rol}) no puede pasar la solicitud de ${desde} a ${hacia}`)
      : rechazo('TRANSICION_NO_PERMITIDA', `No se puede pasar la solicitud de ${desde} a ${hacia}`);
  if (desde === 'INCOMPLETO' && hacia === 'CON_DICTAMEN_DESFAV') {
    const transcurridos = diasHabilesEntre(fechaPanama(new Date(fechaEstado)), hoy);
    if (transcurridos <= PLAZO_SUBSANACION_DIAS_HABILES)
      return rechazo(
        'REGLA_NEGOCIO',
        `El plazo de subsanación (${PLAZO_SUBSANACION_DIAS_HABILES} días hábiles) aún no vence`,
        { dias_habiles_transcurridos: transcurridos },
      );
  }
  const esDictamen = ESTADOS_DICTAMEN.includes(hacia);
  if (esDictamen) {
    if (!cambio.tipo_dictamen || !cambio.dictamen_detalle)
      return rechazo('VALIDACION', 'El dictamen requiere tipo_dictamen y dictamen_detalle');
    if (cambio.tipo_dictamen !== TIPO_DICTAMEN_DE[hacia])
      return rechazo('VALIDACION', `El estado ${hacia} requiere un dictamen ${TIPO_DICTAMEN_DE[hacia]}`);
  }
  const resolucion: Resolucion = {};
  if (ESTADOS_RESOLUCION.includes(hacia)) {
    if (!cambio.num_resolucion)
      return rechazo('VALIDACION', 'La decisión requiere el número de resolución (num_resolucion)');
    resolucion.num_resolucion = cambio.num_resolucion;
    resolucion.fecha_resolucion = hoy;
    if (hacia === 'APROBADO') resolucion.fecha_vencimiento_permiso = sumarAnios(hoy, VIGENCIA_PERMISO_ANIOS);
  }
  return { ok: true, esDictamen, resolucion };
}

/** An interview is scheduled ahead, never in the past. */
export function validarFechaEntrevista(fechaProgramada: string, ahora: Date): Rechazo | null {
  return new Date(fechaProgramada).getTime() <= ahora.getTime()
    ? rechazo('VALIDACION', 'La entrevista debe programarse en el futuro')
    : null;
}

/** The interview's columns after its result is recorded: what the officer sent, the rest kept, booleans as 0/1. */
export function cambiosResultadoEntrevista<
  R extends { fecha_realizada?: string; asistio?: boolean; requiere_segunda_entrevista?: boolean },
  F,
  A,
  S,
>(r: R, e: { fecha_realizada: F; asistio: A; requiere_segunda_entrevista: S }) {
  const bit = <T>(v: boolean | undefined, actual: T): T | 0 | 1 => (v === undefined ? actual : v ? 1 : 0);
  // Spread whole and overridden in place, so the columns keep the order they were sent in (the same UPDATE statement).
  const enviados = r as Omit<R, 'fecha_realizada' | 'asistio' | 'requiere_segunda_entrevista'>;
  return {
    ...enviados,
    fecha_realizada: r.fecha_realizada ? new Date(r.fecha_realizada).toISOString() : e.fecha_realizada,
    asistio: bit(r.asistio, e.asistio),
    requiere_segunda_entrevista: bit(r.requiere_segunda_entrevista, e.requiere_segunda_entrevista),
  };
}

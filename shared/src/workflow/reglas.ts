/**
 * The workflow command checks both sides make before they write: the server (server/src/modules/workflow/casos-de-uso/)
 * and the desk offline (main/src/core/comandos/workflow.ts), with the same codes and Spanish messages. The engine's own
 * verdicts (evaluarTransicionWf) live in motor.ts; these are the checks around them. Pure: callers pass the template's
 * and the case's values in.
 */
import { rechazo, type Rechazo } from '../rechazo.js';
import { tienePermiso, type Rol } from '../roles.js';
import {
  motivoSinPermiso,
  puedeResponder,
  validarRespuestas,
  type EtapaDef,
  type PlantillaDef,
  type Valores,
} from './motor.js';
import { rolTienePerfil } from './perfiles.js';
import { ESTADOS_INSTANCIA_FINALES, type EstadoInstancia, type Respuestas } from './schemas.js';

const ROLES_CANCELAN: readonly Rol[] = ['RECEPCION', 'SUPERVISOR', 'ADMIN'];

export const esTramiteFinal = (estado: string) => ESTADOS_INSTANCIA_FINALES.includes(estado as EstadoInstancia);

/** A completed or cancelled case takes no more answers, transitions or edits. */
export function rechazoSiTramiteCerrado(estado: string): Rechazo | null {
  return esTramiteFinal(estado)
    ? rechazo('EDICION_NO_PERMITIDA', `El trámite está ${estado} y no admite cambios`)
    : null;
}

export interface PlantillaParaIniciar {
  codigo: string;
  estado: string;
  /** perfiles_creadores, already parsed. */
  creadores: string[];
  def: PlantillaDef;
}

/** Only an ACTIVO template with an initial stage starts cases, and only for the profiles it names as creators. */
export function validarInicio(p: PlantillaParaIniciar, rol: Rol): Rechazo | { ok: true; inicial: EtapaDef } {
  if (p.estado !== 'ACTIVO')
    return rechazo(
      'REGLA_NEGOCIO',
      `La plantilla ${p.codigo} está ${p.estado}: solo se inician trámites con plantillas ACTIVAS`,
    );
  if (!rolTienePerfil(rol, p.creadores))
    return rechazo(
      'PERMISO_DENEGADO',
      `Su rol (${rol}) no inicia trámites ${p.codigo} (perfiles: ${p.creadores.join(', ')})`,
    );
  const inicial = p.def.etapas.find((e) => e.es_etapa_inicial);
  if (!inicial) return rechazo('REGLA_NEGOCIO', `La plantilla ${p.codigo} no tiene etapa inicial activa`);
  return { ok: true, inicial };
}

/** Saving answers without leaving the stage: the caller must act in it, and each answer must be valid. */
export function validarRespuestasEtapa(
  rol: Rol,
  etapa: EtapaDef,
  valores: Valores,
  enviadas: Respuestas,
): Rechazo | null {
  if (!puedeResponder(rol, etapa)) return rechazo('PERMISO_DENEGADO', motivoSinPermiso(rol, etapa));
  const errores = validarRespuestas(etapa, valores, enviadas, false);
  if (errores.length) return rechazo('VALIDACION', errores.map((e) => e.mensaje).join('; '), { errores });
  return null;
}

/** What an edit of the case touches: cancelling, reassigning, or its other fields. */
export interface CambiosInstancia {
  cancela: boolean;
  asigna: boolean;
  edita: boolean;
}

export function validarCambiosInstancia(rol: Rol, c: CambiosInstancia): Rechazo | null {
  if (c.cancela && !ROLES_CANCELAN.includes(rol)) return rechazo('PERMISO_DENEGADO', 'Su rol no cancela trámites');
  if (c.asigna && !tienePermiso(rol, 'solicitud.asignar'))
    return rechazo('PERMISO_DENEGADO', 'Su rol no asigna trámites');
  if (c.edita && !tienePermiso(rol, 'solicitud.editar'))
    return rechazo('PERMISO_DENEGADO', 'Su rol no permite esta acción');
  return null;
}

/**
 * Workflow templates name who may act with free profile strings (docs/workflow.md); our users have one of five roles.
 * This is the one mapping between them, used by the server (enforced) and the desktop offline (what to offer).
 */
import type { Rol } from '../roles.js';

export const PERFILES = [
  'CIUDADANO',
  'ABOGADO',
  'ONG',
  'RECEPCIONISTA',
  'FUNCIONARIO',
  'ENTREVISTADOR',
  'ANALISTA',
  'SUPERVISOR',
  'JEFE_DEPARTAMENTO',
  'DIRECTOR',
  'ADMIN',
  'SISTEMA',
] as const;
export type Perfil = (typeof PERFILES)[number];

/**
 * There is no citizen portal: the counter officer registers and fills in the applicant's forms, so RECEPCION holds the
 * applicant-side profiles too. SUPERVISOR stands for jefatura and dirección. CONSULTA is read-only and never acts.
 */
export const PERFILES_DE_ROL: Record<Rol, readonly Perfil[]> = {
  RECEPCION: ['RECEPCIONISTA', 'FUNCIONARIO', 'CIUDADANO', 'ABOGADO', 'ONG'],
  ANALISTA: ['ANALISTA', 'FUNCIONARIO', 'ENTREVISTADOR'],
  SUPERVISOR: ['SUPERVISOR', 'JEFE_DEPARTAMENTO', 'DIRECTOR'],
  ADMIN: ['ADMIN'],
  CONSULTA: [],
};

/** Profiles that may close a stage marked `requiere_validacion` (and whose approval queue lists it). */
export const PERFILES_VALIDADORES: readonly Perfil[] = ['SUPERVISOR', 'JEFE_DEPARTAMENTO', 'DIRECTOR', 'ADMIN'];

export const perfilesDe = (rol: Rol): readonly Perfil[] => PERFILES_DE_ROL[rol];

/** Whether a user of `rol` holds at least one of `perfiles`. */
export function rolTienePerfil(rol: Rol, perfiles: readonly string[]): boolean {
  return PERFILES_DE_ROL[rol].some((p) => perfiles.includes(p));
}

export const rolValida = (rol: Rol): boolean => rolTienePerfil(rol, PERFILES_VALIDADORES);

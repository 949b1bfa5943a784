/** Who is acting and from where: passed from the HTTP layer (or a sync command) down to services and the audit log. */
import type { Rol } from '#shared/roles';

export interface Actor {
  id: string;
  username: string;
  nombre: string;
  rol: Rol;
  cod_agencia: string;
}

export interface Contexto {
  actor: Actor;
  requestId?: string;
  /** Client address or desktop client id, for the audit trail. */
  cliente?: string;
  /** Session (refresh-token family) of the access token, so logout can end it. */
  sesion?: string;
  /**
   * When the officer acted (UTC ISO): set for a command a desk queued offline, checked and corrected by sync push
   * (docs/sync.md "When the officer acted"). Absent for a REST request, which acts now.
   */
  hechoEn?: string;
}

/**
 * The instant the actor acted (UTC ISO): a desk command's acted time, else now. Never before `noAntesDe` (a case does
 * not enter a state before it entered the previous one, whatever order offline commands arrive in).
 */
export function momentoDe(ctx: Contexto, noAntesDe?: string | null): string {
  const t = ctx.hechoEn ?? new Date().toISOString();
  return noAntesDe && new Date(noAntesDe).getTime() > new Date(t).getTime() ? new Date(noAntesDe).toISOString() : t;
}

/** The system itself, for migrations-time seeding and CLI work. */
export const SISTEMA: Actor = {
  id: '00000000-0000-7000-8000-000000000000',
  username: 'sistema',
  nombre: 'Sistema',
  rol: 'ADMIN',
  cod_agencia: '02',
};

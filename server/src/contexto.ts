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
}

/** The system itself, for migrations-time seeding and CLI work. */
export const SISTEMA: Actor = {
  id: '00000000-0000-7000-8000-000000000000',
  username: 'sistema',
  nombre: 'Sistema',
  rol: 'ADMIN',
  cod_agencia: '02',
};

/**
 * Which SQL Server login each ops command uses (docs/operations.md §2). The API's own login (DB_USER) reads and writes
 * rows; creating the database and the logins needs the administrator (DB_ADMIN_USER, sa on the compose `db` service or
 * the DBA's login on an external server), and reading sessions needs the monitoring login's VIEW SERVER STATE.
 */
import type { MssqlTarget } from '../db/url.js';
import { PERMISOS, type LoginDeServicio } from './tsql.js';

type Entorno = NodeJS.ProcessEnv;

function credencial(env: Entorno, usuario: string, clave: string, porDefecto?: string) {
  const user = env[usuario]?.trim() || porDefecto;
  const password = env[clave];
  if (!user || !password) throw new Error(`Faltan ${usuario} y ${clave} para este comando`);
  return { user, password };
}

/** The target as the administrator: only ensure-database and ensure-logins use it. */
export function comoAdministrador(t: MssqlTarget, env: Entorno = process.env): MssqlTarget {
  return { ...t, ...credencial(env, 'DB_ADMIN_USER', 'DB_ADMIN_PASSWORD', 'sa') };
}

/** The target as the monitoring login when its password is at hand, else as whoever runs the command. */
export function comoMonitoreo(t: MssqlTarget, env: Entorno = process.env): MssqlTarget {
  return env.DB_MONITOR_PASSWORD
    ? { ...t, ...credencial(env, 'DB_MONITOR_USER', 'DB_MONITOR_PASSWORD', 'tramites_monitor') }
    : t;
}

/** The three service logins from .env; a login whose password is not set is not created (said in the report). */
export function loginsDeServicio(env: Entorno = process.env): Array<{ para: string } & LoginDeServicio> {
  const definidos = [
    { para: 'API', usuario: 'DB_USER', clave: 'DB_PASSWORD', porDefecto: 'tramites_api', permisos: PERMISOS.api },
    {
      para: 'migraciones',
      usuario: 'DB_MIGRATE_USER',
      clave: 'DB_MIGRATE_PASSWORD',
      porDefecto: 'tramites_migrate',
      permisos: PERMISOS.migraciones,
    },
    {
      para: 'monitoreo',
      usuario: 'DB_MONITOR_USER',
      clave: 'DB_MONITOR_PASSWORD',
      porDefecto: 'tramites_monitor',
      permisos: PERMISOS.monitoreo,
    },
  ];
  return definidos
    .filter((d) => env[d.clave])
    .map((d) => {
      const { user, password } = credencial(env, d.usuario, d.clave, d.porDefecto);
      if (user.toLowerCase() === 'sa') throw new Error(`${d.usuario} no puede ser sa: use un login propio`);
      return { para: d.para, user, password, ...d.permisos };
    });
}

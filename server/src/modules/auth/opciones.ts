/**
 * The authentication service's options from the configuration, and its two counters on /metrics: every password the
 * server checked (by outcome) and every login refused by a throttle before any check. Operations watch the second for
 * guessing campaigns; the hostile suite counts the first to prove a burst checks no more passwords than allowed.
 */
import client from 'prom-client';
import type { Config } from '../../config.js';
import type { OpcionesAuth } from './service.js';
import { clavesJwt } from './tokens.js';

export function opcionesAuth(config: Config, registry?: client.Registry): OpcionesAuth {
  const verificadas = new client.Counter({
    name: 'tramites_login_passwords_verificadas_total',
    help: 'Contraseñas comprobadas (inicio de sesión y cambio de contraseña), por resultado',
    labelNames: ['resultado'],
    registers: registry ? [registry] : [],
  });
  const rechazados = new client.Counter({
    name: 'tramites_login_rechazados_por_limite_total',
    help: 'Intentos rechazados por un límite de intentos, sin comprobar la contraseña',
    registers: registry ? [registry] : [],
  });
  return {
    claves: clavesJwt(config.jwt.secret, config.jwt.accessMinutes, config.jwt.refreshDays),
    bloqueo: config.lockout,
    sesion: config.sesion,
    pepper: config.passwordPepper,
    alVerificar: (correcta) => verificadas.inc({ resultado: correcta ? 'correcta' : 'incorrecta' }),
    alRechazar: () => rechazados.inc(),
  };
}

/**
 * What the status bar and the conflicts panel may say about the officer's work, from the sync state alone. The one rule:
 * nothing reads as "all sent" or "all accepted" while a change still waits (pending), cannot get through (the last push
 * failed: stuck) or was refused (failed). An officer who reads "Todo lo que hizo en este equipo fue aceptado" closes
 * the case file; if a refused attachment or a stuck comment is behind that sentence, nobody ever redoes it.
 */
import type { EstadoSync } from '#shared/bridge/tipos';
import { i18n } from '../i18n';
import './textos';
import './textos-conflictos';

/** A translate function (the component's own `t`, or i18n's for the namespace). */
type Traducir = (clave: string, opciones?: Record<string, unknown>) => string;

/** Pending work the push could not move: the last cycle ended in an error while changes wait. */
export const atascado = (e: EstadoSync) => e.pendientes > 0 && e.ultimo_error !== null;

/** Everything this desk did reached the server and was accepted: nothing waits (or is stuck), nothing was refused. */
export const todoAceptado = (e: EstadoSync) => e.pendientes === 0 && e.fallidos === 0;

/** The status bar's words for the officer's queue. */
export function textoPendientes(e: EstadoSync, t: Traducir = i18n.getFixedT(null, 'sync')): string {
  if (atascado(e)) return t('atascados', { count: e.pendientes });
  if (e.pendientes > 0) return t('pendientes', { count: e.pendientes });
  // Refused changes are not "sent": the conflicts button beside says how many wait for her.
  return e.fallidos > 0 ? t('nadaPorEnviar') : t('sinPendientes');
}

/**
 * The status bar shows the last error when the desk is offline, and also when changes are stuck while it is online
 * (the server answers, but not yes): that is the one case the officer must hear about.
 */
export const mostrarError = (e: EstadoSync) => e.ultimo_error !== null && (!e.conectado || atascado(e));

/** The conflicts panel with an empty list: what is true about the rest of her work. */
export function textoPanelVacio(e: EstadoSync | null, t: Traducir = i18n.getFixedT(null, 'conflictos')): string {
  if (!e) return t('vacioSinEstado');
  if (atascado(e)) return t('vacioAtascados', { count: e.pendientes, mensaje: e.ultimo_error!.message });
  if (e.pendientes > 0) return t('vacioPendientes', { count: e.pendientes });
  return todoAceptado(e) ? t('vacioTexto') : t('vacioSinEstado');
}

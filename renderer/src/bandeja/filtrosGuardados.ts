/**
 * Saved filters ("Vencidos de alta prioridad", "Mis pendientes de enviar"), kept on this computer per user: desks are
 * shared between shifts, and each officer has their own.
 */
import type { Filtros } from './store';

export interface FiltroGuardado {
  nombre: string;
  filtros: Filtros;
}

const clave = (usuarioId: string) => `tramites.filtros.${usuarioId}`;

export function leerFiltrosGuardados(almacen: Storage, usuarioId: string): FiltroGuardado[] {
  try {
    const v = JSON.parse(almacen.getItem(clave(usuarioId)) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as FiltroGuardado[]).filter((f) => typeof f?.nombre === 'string' && f.filtros) : [];
  } catch {
    return []; // a damaged entry must not break the caseload
  }
}

/** Saves (or replaces, by name) one filter; returns the new list. */
export function guardarFiltro(almacen: Storage, usuarioId: string, nuevo: FiltroGuardado): FiltroGuardado[] {
  const lista = [...leerFiltrosGuardados(almacen, usuarioId).filter((f) => f.nombre !== nuevo.nombre), nuevo];
  almacen.setItem(clave(usuarioId), JSON.stringify(lista));
  return lista;
}

export function borrarFiltro(almacen: Storage, usuarioId: string, nombre: string): FiltroGuardado[] {
  const lista = leerFiltrosGuardados(almacen, usuarioId).filter((f) => f.nombre !== nombre);
  almacen.setItem(clave(usuarioId), JSON.stringify(lista));
  return lista;
}

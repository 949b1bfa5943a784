import { useMemo } from 'react';
import { useCatalogo } from '../ui/useCatalogo';

/** Officer names by id, for "by whom" in histories and comments (the mirrored users catalogue). */
export function useNombresUsuarios(): Map<string, string> {
  const filas = useCatalogo('usuarios');
  return useMemo(() => new Map(filas.map((u) => [String(u.id), String(u.nombre ?? u.username ?? u.id)])), [filas]);
}

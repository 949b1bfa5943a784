import { useMemo } from 'react';
import { useSesion } from '../sesion/useSesion';
import { useCatalogo } from '../ui/useCatalogo';

/**
 * Officer names by id, for "by whom" in histories and comments: the users catalogue when the desk mirrors it, and
 * always the signed-in officer (her own actions, offline too). An id not found shows no name rather than a guess.
 */
export function useNombresUsuarios(): Map<string, string> {
  const filas = useCatalogo('usuarios');
  const yo = useSesion((s) => s.estado?.usuario);
  return useMemo(() => {
    const nombres = new Map(filas.map((u) => [String(u.id), String(u.nombre ?? u.username ?? u.id)]));
    if (yo) nombres.set(yo.id, yo.nombre);
    return nombres;
  }, [filas, yo]);
}

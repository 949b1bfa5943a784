/**
 * A mirrored catalogue (countries, document types, users…) read once per session from the local store and shared by
 * every screen that needs it: catalogues change only with a sync, and the forms ask for the same ones again and again.
 */
import { useEffect, useState } from 'react';
import type { TablaCatalogo } from '#shared/bridge/contrato';
import { puente } from '../puente';

type Fila = Record<string, unknown>;
const leidos = new Map<TablaCatalogo, Promise<Fila[]>>();

export function leerCatalogo(tabla: TablaCatalogo): Promise<Fila[]> {
  let p = leidos.get(tabla);
  if (!p) {
    p = puente['catalogos.listar']({ tabla });
    // A failed read (session not active yet) is retried the next time instead of being remembered.
    p.catch(() => leidos.delete(tabla));
    leidos.set(tabla, p);
  }
  return p;
}

/** The catalogue's rows ([] until they arrive). */
export function useCatalogo(tabla: TablaCatalogo): Fila[] {
  const [filas, setFilas] = useState<Fila[]>([]);
  useEffect(() => {
    let vigente = true;
    leerCatalogo(tabla).then(
      (f) => vigente && setFilas(f),
      () => undefined,
    );
    return () => {
      vigente = false;
    };
  }, [tabla]);
  return filas;
}

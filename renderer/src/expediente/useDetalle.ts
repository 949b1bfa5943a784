/**
 * A case's detail from the local store, read again after every sync (new number, server changes, accepted commands)
 * and after each command the officer runs here.
 */
import { useCallback, useEffect, useState } from 'react';
import { puente } from '../puente';

export function useDetalle<T>(leer: () => Promise<T>, clave: string) {
  const [detalle, setDetalle] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  // `clave` (the case id) identifies `leer`: a new closure for the same case must not re-read it.
  const refrescar = useCallback(async () => {
    try {
      setDetalle(await leer());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [clave]);
  useEffect(() => {
    setDetalle(null);
    void refrescar();
    return puente.on('sync.estado', (s) => {
      if (!s.sincronizando) void refrescar();
    });
  }, [refrescar]);
  return { detalle, error, refrescar };
}

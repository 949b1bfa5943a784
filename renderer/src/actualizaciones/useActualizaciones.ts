import { useEffect } from 'react';
import { puente } from '../puente';
import { crearStoreActualizaciones } from './store';

export const useActualizaciones = crearStoreActualizaciones(puente);

/** A form calls this with whether it holds unsaved input, so an update never restarts the app under the officer. */
export function useFormularioOcupado(ocupado: boolean): void {
  const marcar = useActualizaciones((s) => s.marcarOcupado);
  useEffect(() => {
    void marcar(ocupado);
    return () => void marcar(false);
  }, [ocupado, marcar]);
}

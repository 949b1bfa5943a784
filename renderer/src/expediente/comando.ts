/**
 * Running a bridge command from a screen: busy while it runs, the Spanish error if the core refuses it, and a refresh
 * of what the screen shows once it is queued (commands apply locally at once). One hook for the case detail, the
 * workflow form and the approval queue, so they all behave alike.
 */
import { useCallback, useState } from 'react';

export function useComando(alTerminar: () => void | Promise<void>) {
  const [ocupado, setOcupado] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ejecutar = useCallback(
    async (llamada: () => Promise<unknown>): Promise<boolean> => {
      setOcupado(true);
      setError(null);
      try {
        await llamada();
        await alTerminar();
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setOcupado(false);
      }
    },
    [alTerminar],
  );
  return { ejecutar, ocupado, error, limpiarError: () => setError(null) };
}

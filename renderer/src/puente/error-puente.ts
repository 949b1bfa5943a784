import type { ErrorPuente } from '#shared/bridge/contrato';

export type { ErrorPuente };

export function esErrorPuente(e: unknown): e is ErrorPuente {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ErrorPuente).code === 'string' &&
    typeof (e as ErrorPuente).message === 'string'
  );
}

/** The Spanish message to show for any failure (a bridge error, or a bug in the renderer itself). */
export function mensajeDeError(e: unknown): string {
  if (esErrorPuente(e)) return e.message;
  return 'Ocurrió un error inesperado en la aplicación.';
}

/** The desk updater's status as the core pushes it (`actualizaciones.estado`), and the officer's "restart" request. */
import { create } from 'zustand';
import type { PuenteRenderer } from '#shared/bridge/contrato';
import type { EstadoActualizacion } from '#shared/bridge/tipos';
import { mensajeDeError } from '../puente/error-puente';

export interface StoreActualizaciones {
  estado: EstadoActualizacion | null;
  error: string | null;
  iniciar(): Promise<void>;
  reiniciar(): Promise<void>;
  /** A form with unsaved input is open (true) or closed (false): no restart is offered meanwhile. */
  marcarOcupado(ocupado: boolean): Promise<void>;
}

type Puente = Pick<
  PuenteRenderer,
  'actualizaciones.estado' | 'actualizaciones.instalar' | 'actualizaciones.ocupado' | 'on'
>;

export function crearStoreActualizaciones(puente: Puente) {
  let suscrito = false;
  return create<StoreActualizaciones>((set) => {
    const llamar = async (f: () => Promise<EstadoActualizacion>) => {
      try {
        set({ estado: await f(), error: null });
      } catch (e) {
        set({ error: mensajeDeError(e) });
      }
    };
    return {
      estado: null,
      error: null,
      async iniciar() {
        if (!suscrito) {
          suscrito = true;
          puente.on('actualizaciones.estado', (estado) => set({ estado, error: null }));
        }
        await llamar(() => puente['actualizaciones.estado']({}));
      },
      reiniciar: () => llamar(() => puente['actualizaciones.instalar']({})),
      marcarOcupado: (ocupado) => llamar(() => puente['actualizaciones.ocupado']({ ocupado })),
    };
  });
}

/** The sync engine's state as the core pushes it (`sync.estado` event), for the always-visible status bar. */
import { create } from 'zustand';
import type { PuenteRenderer } from '#shared/bridge/contrato';
import type { EstadoSync } from '#shared/bridge/tipos';
import { mensajeDeError } from '../puente/error-puente';

export interface StoreSync {
  estado: EstadoSync | null;
  error: string | null;
  iniciar(): Promise<void>;
  sincronizarAhora(): Promise<void>;
  /** The officer dismisses the notice of a server restore. */
  cerrarAviso(): Promise<void>;
}

type Puente = Pick<PuenteRenderer, 'sync.estado' | 'sync.ahora' | 'sync.cerrarAviso' | 'on'>;

export function crearStoreSync(puente: Puente) {
  let suscrito = false;
  return create<StoreSync>((set) => ({
    estado: null,
    error: null,
    async iniciar() {
      if (!suscrito) {
        suscrito = true;
        puente.on('sync.estado', (estado) => set({ estado, error: null }));
      }
      try {
        set({ estado: await puente['sync.estado']({}), error: null });
      } catch (e) {
        set({ error: mensajeDeError(e) });
      }
    },
    async sincronizarAhora() {
      try {
        set({ estado: await puente['sync.ahora']({}), error: null });
      } catch (e) {
        set({ error: mensajeDeError(e) });
      }
    },
    async cerrarAviso() {
      try {
        set({ estado: await puente['sync.cerrarAviso']({}), error: null });
      } catch (e) {
        set({ error: mensajeDeError(e) });
      }
    },
  }));
}

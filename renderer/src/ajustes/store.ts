/** The desk's settings (server URL, language, document cache budget); the language is applied to the UI at once. */
import { create } from 'zustand';
import type { PuenteRenderer } from '#shared/bridge/contrato';
import type { Ajustes } from '#shared/bridge/tipos';
import { mensajeDeError } from '../puente/error-puente';

export type CambiosAjustes = Parameters<PuenteRenderer['ajustes.guardar']>[0];

export interface StoreAjustes {
  ajustes: Ajustes | null;
  error: string | null;
  /** Reads the settings and applies the language (app start). */
  iniciar(): Promise<void>;
  /** Saves; the core validates again. Rejects with the bridge error so the form can point at the field. */
  guardar(cambios: CambiosAjustes): Promise<Ajustes>;
}

type Puente = Pick<PuenteRenderer, 'ajustes.leer' | 'ajustes.guardar'>;

export function crearStoreAjustes(puente: Puente, aplicarIdioma: (idioma: Ajustes['idioma']) => Promise<void>) {
  return create<StoreAjustes>((set) => ({
    ajustes: null,
    error: null,
    async iniciar() {
      try {
        const ajustes = await puente['ajustes.leer']({});
        set({ ajustes, error: null });
        await aplicarIdioma(ajustes.idioma);
      } catch (e) {
        set({ error: mensajeDeError(e) });
      }
    },
    async guardar(cambios) {
      const ajustes = await puente['ajustes.guardar'](cambios);
      set({ ajustes, error: null });
      await aplicarIdioma(ajustes.idioma);
      return ajustes;
    },
  }));
}

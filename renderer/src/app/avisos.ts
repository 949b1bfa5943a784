/** Short notices any screen may raise ("Expediente no encontrado", "Ajustes guardados"); they fade by themselves. */
import { create } from 'zustand';

export interface Aviso {
  id: number;
  texto: string;
  tono: 'info' | 'exito' | 'error';
}

interface StoreAvisos {
  avisos: Aviso[];
  avisar(texto: string, tono?: Aviso['tono']): void;
  quitar(id: number): void;
}

const DURACION_MS = 6000;
let siguiente = 1;

export const useAvisos = create<StoreAvisos>((set, get) => ({
  avisos: [],
  avisar(texto, tono = 'info') {
    const id = siguiente++;
    set((s) => ({ avisos: [...s.avisos.slice(-2), { id, texto, tono }] }));
    setTimeout(() => get().quitar(id), DURACION_MS);
  },
  quitar: (id) => set((s) => ({ avisos: s.avisos.filter((a) => a.id !== id) })),
}));

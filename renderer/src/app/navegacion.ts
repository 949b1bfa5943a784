/** Where the officer is: one destination at a time, with a back stack (Alt+← and the screens' "back" links). */
import { create } from 'zustand';

export type Destino =
  | { pantalla: 'bandeja' }
  | { pantalla: 'expediente'; id: string }
  | { pantalla: 'tramite'; id: string }
  | { pantalla: 'registro' }
  | { pantalla: 'aprobacion' }
  | { pantalla: 'tablero' }
  | { pantalla: 'ajustes' }
  | { pantalla: 'cuenta' }
  | { pantalla: 'conflictos' };

export type Pantalla = Destino['pantalla'];

interface EstadoNavegacion {
  destino: Destino;
  anteriores: Destino[];
  ir(destino: Destino): void;
  volver(): void;
}

/** A long day of opening cases must not grow memory without bound. */
const MAX_ANTERIORES = 50;

export const useNavegacion = create<EstadoNavegacion>((set) => ({
  destino: { pantalla: 'bandeja' },
  anteriores: [],
  ir: (destino) =>
    set((s) =>
      JSON.stringify(s.destino) === JSON.stringify(destino)
        ? s
        : { destino, anteriores: [...s.anteriores, s.destino].slice(-MAX_ANTERIORES) },
    ),
  volver: () =>
    set((s) => {
      const anterior = s.anteriores.at(-1);
      return anterior ? { destino: anterior, anteriores: s.anteriores.slice(0, -1) } : s;
    }),
}));

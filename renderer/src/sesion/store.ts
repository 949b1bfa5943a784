/**
 * The session as the core reports it (sin_sesion / bloqueada / activa), kept in step with the core's `sesion.estado`
 * event (the server may lock the account at any time).
 */
import { create } from 'zustand';
import type { PuenteRenderer } from '#shared/bridge/contrato';
import type { EstadoSesion } from '#shared/bridge/tipos';
import { mensajeDeError } from '../puente/error-puente';

export interface StoreSesion {
  /** null until the core answered the first time. */
  estado: EstadoSesion | null;
  /** The last failed action's Spanish message (wrong password, offline without a valid window…). */
  error: string | null;
  ocupado: boolean;
  /** The server's notices the officer already acknowledged (hidden at once, marked read on the server). */
  avisosLeidos: string[];
  marcarAvisosLeidos(ids: string[]): void;
  iniciar(): Promise<void>;
  login(username: string, password: string): Promise<boolean>;
  desbloquear(password: string): Promise<boolean>;
  bloquear(): Promise<void>;
  logout(): Promise<void>;
  limpiarError(): void;
}

type Puente = Pick<
  PuenteRenderer,
  | 'sesion.estado'
  | 'sesion.login'
  | 'sesion.desbloquear'
  | 'sesion.bloquear'
  | 'sesion.logout'
  | 'sesion.avisosLeidos'
  | 'on'
>;

export function crearStoreSesion(puente: Puente) {
  return create<StoreSesion>((set, get) => {
    /** Runs one session call; the core's answer is the new state, a failure keeps the state and shows why. */
    async function accion(llamada: () => Promise<EstadoSesion>): Promise<boolean> {
      set({ ocupado: true, error: null });
      try {
        set({ estado: await llamada(), ocupado: false });
        return true;
      } catch (e) {
        set({ error: mensajeDeError(e), ocupado: false });
        return false;
      }
    }
    let suscrito = false;
    return {
      estado: null,
      error: null,
      ocupado: false,
      avisosLeidos: [],
      marcarAvisosLeidos(ids) {
        // Hidden at once; the core marks them read on the server (and drops them from the session's state).
        set({ avisosLeidos: [...new Set([...get().avisosLeidos, ...ids])] });
        if (ids.length) void puente['sesion.avisosLeidos']({ ids }).catch(() => undefined);
      },
      async iniciar() {
        if (!suscrito) {
          suscrito = true;
          puente.on('sesion.estado', (estado) => set({ estado }));
        }
        await accion(() => puente['sesion.estado']({}));
      },
      login: (username, password) => accion(() => puente['sesion.login']({ username, password })),
      desbloquear: (password) => accion(() => puente['sesion.desbloquear']({ password })),
      async bloquear() {
        if (get().estado?.estado === 'activa') await accion(() => puente['sesion.bloquear']({}));
      },
      async logout() {
        await accion(() => puente['sesion.logout']({}));
      },
      limpiarError: () => set({ error: null }),
    };
  });
}

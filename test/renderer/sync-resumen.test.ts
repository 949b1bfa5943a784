/**
 * The status bar and the conflicts panel never tell the officer that all her work was sent or accepted while a change
 * still waits, is stuck behind a failing push, or was refused. States as the core pushes them (`sync.estado`) through
 * the renderer's sync store; the words as the screens show them (Spanish).
 */
import { describe, expect, it } from 'vitest';
import type { EstadoSync } from '#shared/bridge/tipos';
import { crearStoreSync } from '../../renderer/src/sync/store';
import { mostrarError, textoPanelVacio, textoPendientes } from '../../renderer/src/sync/resumen';

const base: EstadoSync = {
  conectado: true,
  sincronizando: false,
  pendientes: 0,
  fallidos: 0,
  ultima_sincronizacion: '2026-03-02T15:00:00.000Z',
  ultimo_error: null,
  primera_sync: null,
  proximo_intento: null,
  recuperacion: null,
};
const error415 = {
  code: 'ARCHIVO_NO_PERMITIDO',
  message: 'Tipo de archivo no permitido. Permitidos: pdf, jpg',
  fecha: '2026-03-02T15:01:00.000Z',
};

/** The store fed by the bridge's `sync.estado` event, as the app wires it. */
function storeCon(inicial: EstadoSync) {
  let emitir: (e: EstadoSync) => void = () => undefined;
  const puente = {
    'sync.estado': async () => inicial,
    'sync.ahora': async () => inicial,
    'sync.cerrarAviso': async () => inicial,
    on: (_evento: string, fn: (e: EstadoSync) => void) => {
      emitir = fn;
      return () => undefined;
    },
  };
  const store = crearStoreSync(puente as never);
  return { store, emitir: (e: EstadoSync) => emitir(e) };
}

describe('barra de estado y panel de conflictos', () => {
  it('dice "todo" solo cuando nada espera, nada está atascado y nada fue rechazado', async () => {
    const { store, emitir } = storeCon(base);
    await store.getState().iniciar();
    const ver = () => {
      const e = store.getState().estado!;
      return { barra: textoPendientes(e), panel: textoPanelVacio(e), error: mostrarError(e) };
    };
    expect(ver()).toEqual({
      barra: 'Todo enviado',
      panel: 'Todo lo que hizo en este equipo fue aceptado por el servidor.',
      error: false,
    });

    // An attachment the server refuses for good, with a comment queued behind it: the push keeps failing online.
    emitir({ ...base, pendientes: 2, ultimo_error: error415 });
    expect(ver()).toEqual({
      barra: '2 cambios pendientes no se pudieron enviar',
      panel:
        '2 cambios hechos en este equipo no han llegado al servidor: Tipo de archivo no permitido. Permitidos: pdf, jpg',
      error: true,
    });

    emitir({ ...base, pendientes: 1 });
    expect(ver()).toEqual({
      barra: '1 cambio pendiente',
      panel: '1 cambio hecho en este equipo todavía espera enviarse al servidor.',
      error: false,
    });

    // Nothing waits, but one change was refused: not "Todo enviado", and the panel lists it (not empty).
    emitir({ ...base, fallidos: 1 });
    expect(textoPendientes(store.getState().estado!)).toBe('Nada por enviar');

    // Offline with changes waiting: the error shows, as before.
    emitir({ ...base, conectado: false, pendientes: 3, ultimo_error: { ...error415, code: 'SIN_CONEXION' } });
    expect(ver().error).toBe(true);
    // Offline with nothing waiting: what was sent was accepted; the bar still shows why it is offline.
    emitir({ ...base, conectado: false, ultimo_error: { ...error415, code: 'SIN_CONEXION' } });
    expect(ver()).toMatchObject({ barra: 'Todo enviado', error: true });
  });

  it('sin estado todavía (el núcleo no respondió) el panel no afirma nada', () => {
    expect(textoPanelVacio(null)).toBe(
      'Aún no se sabe si el servidor aceptó todo lo que hizo en este equipo; sincronice para comprobarlo.',
    );
  });
});

/**
 * The BUILT preload (out/preload/index.cjs) run in a fresh vm context, as a sandboxed preload runs: electron's
 * contextBridge and ipcRenderer are simulated, and any other require() fails (a sandboxed preload has none).
 * It must expose exactly the contract as `window.tramites`, turn main's replies into resolved/rejected promises, and
 * hand event listeners only the data.
 */
import fs from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTOS_PUENTE, METODOS_PUENTE } from '#shared/bridge/contrato';
import { compilado } from './compilado.js';

type Funcion = (...args: unknown[]) => unknown;

let expuesto: Record<string, Funcion>;
let nombreExpuesto: string;
const invoke = vi.fn();
const oyentes = new Map<string, Set<Funcion>>();
const requeridos: string[] = [];

beforeAll(() => {
  const archivo = compilado('out/preload/index.cjs', [
    'preload',
    'main/src/canales.ts',
    'shared/src/bridge',
    'electron.vite.config.ts',
  ]);
  const electron = {
    contextBridge: {
      exposeInMainWorld: (nombre: string, api: Record<string, Funcion>) => {
        nombreExpuesto = nombre;
        expuesto = api;
      },
    },
    ipcRenderer: {
      invoke,
      on: (canal: string, fn: Funcion) => oyentes.set(canal, (oyentes.get(canal) ?? new Set()).add(fn)),
      removeListener: (canal: string, fn: Funcion) => oyentes.get(canal)?.delete(fn),
    },
  };
  const requerir = (nombre: string) => {
    requeridos.push(nombre);
    if (nombre === 'electron') return electron;
    throw new Error(`un preload con sandbox no puede hacer require('${nombre}')`);
  };
  // The web globals a sandboxed preload has (it runs in the renderer); no Node globals (process, Buffer, require).
  const contexto = vm.createContext({
    console,
    TextEncoder,
    TextDecoder,
    URL,
    URLSearchParams,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    structuredClone,
    atob,
    btoa,
  });
  const envoltura = new vm.Script(`(function (require, module, exports) {${fs.readFileSync(archivo, 'utf8')}\n})`, {
    filename: archivo,
  });
  const modulo = { exports: {} };
  (envoltura.runInContext(contexto) as Funcion)(requerir, modulo, modulo.exports);
});

describe('preload compilado', () => {
  it('es CommonJS, solo pide electron, y expone window.tramites con exactamente el contrato más on()', () => {
    expect(requeridos).toEqual(['electron']);
    expect(nombreExpuesto).toBe('tramites');
    expect(Object.keys(expuesto).sort()).toEqual([...METODOS_PUENTE, 'on'].sort());
    for (const f of Object.values(expuesto)) expect(typeof f).toBe('function');
  });

  it('cada método invoca su canal y resuelve con el valor de main', async () => {
    invoke.mockResolvedValueOnce({ ok: true, valor: { estado: 'sin_sesion' } });
    await expect(expuesto['sesion.estado']!({})).resolves.toEqual({ estado: 'sin_sesion' });
    expect(invoke).toHaveBeenLastCalledWith('puente:sesion.estado', {});
    invoke.mockResolvedValueOnce({ ok: true, valor: [] });
    await expect(expuesto['conflictos.listar']!()).resolves.toEqual([]);
    expect(invoke).toHaveBeenLastCalledWith('puente:conflictos.listar', {});
  });

  it('un error de main llega como rechazo con la forma compartida (code, message, details)', async () => {
    const error = { code: 'VALIDACION', message: 'limite: se esperaba un número', details: [{ path: ['limite'] }] };
    invoke.mockResolvedValueOnce({ ok: false, error });
    await expect(expuesto['expedientes.consultar']!({ limite: 'x' })).rejects.toEqual(error);
  });

  it('on() entrega solo los datos (nunca el evento IPC con su remitente) y devuelve cómo dejar de oír', () => {
    const recibido = vi.fn();
    const dejar = expuesto.on!('sync.estado', recibido) as () => void;
    const [oyente] = oyentes.get('puente-evento:sync.estado')!;
    oyente!({ sender: { send: () => undefined } }, { pendientes: 2 });
    expect(recibido).toHaveBeenCalledWith({ pendientes: 2 });
    expect(recibido.mock.calls[0]).toHaveLength(1);
    dejar();
    expect(oyentes.get('puente-evento:sync.estado')!.size).toBe(0);
    for (const evento of EVENTOS_PUENTE) {
      const dejarOtro = expuesto.on!(evento, () => undefined) as () => void;
      expect(oyentes.get(`puente-evento:${evento}`)!.size).toBe(1);
      dejarOtro();
    }
  });

  it('on() rechaza eventos que no son del contrato y oyentes que no son funciones', () => {
    expect(() => expuesto.on!('ipc.cualquiera', () => undefined)).toThrow(/Evento desconocido/);
    expect(() => expuesto.on!('sync.estado', 'no')).toThrow(/función/);
  });
});

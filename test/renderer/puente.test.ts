/**
 * The renderer's HTTP transport and session store under Node, against the real web shell (C1's iniciarShellWeb) bound to
 * a real core and a real API server: what the renderer sees when it signs in, fails, locks and is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorPuente } from '#shared/bridge/contrato';
import { iniciarShellWeb, type ShellWeb } from '../../main/src/web-shell/iniciar';
import { crearPuenteHttp } from '../../renderer/src/puente/http';
import { crearStoreSesion } from '../../renderer/src/sesion/store';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor';
import { crearStoreSync } from '../../renderer/src/sync/store';
import { EventSourceNode } from './eventsource-node';

let api: ServidorDePrueba;
let shell: ShellWeb;
let dataDir: string;
let base: string;
const fuentes: EventSourceNode[] = [];

/** The transport with a Node EventSource whose streams are closed after the tests. */
function puenteDePrueba(token = shell.token) {
  return crearPuenteHttp({
    base,
    token,
    EventSource: class extends EventSourceNode {
      constructor(url: string) {
        super(url);
        fuentes.push(this);
      }
    } as unknown as new (url: string) => EventSource,
  });
}

beforeAll(async () => {
  api = await iniciarServidor();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-renderer-'));
  shell = await iniciarShellWeb({ apiUrl: api.api, dataDir, core: { syncAutomatico: false } });
  base = new URL(shell.url).origin;
});

afterAll(async () => {
  for (const f of fuentes) f.close();
  await shell?.cerrar();
  await api?.cerrar();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const rechazoDe = async (p: Promise<unknown>): Promise<ErrorPuente> => {
  try {
    await p;
  } catch (e) {
    return e as ErrorPuente;
  }
  throw new Error('se esperaba un rechazo');
};

describe('transporte HTTP del renderer', () => {
  it('ofrece exactamente los métodos del contrato más on()', async () => {
    const { METODOS_PUENTE } = await import('#shared/bridge/contrato');
    const puente = puenteDePrueba();
    expect(Object.keys(puente).sort()).toEqual([...METODOS_PUENTE, 'on'].sort());
  });

  it('un error del core llega como { code, message } en español, sin el sobre HTTP', async () => {
    const puente = puenteDePrueba();
    const e = await rechazoDe(puente['sesion.login']({ username: 'recepcion', password: 'mala' }));
    expect(e.code).toBe('CREDENCIALES_INVALIDAS');
    expect(e.message).toMatch(/contraseña|credenciales/i);
    expect(Object.keys(e)).not.toContain('error');
  });

  it('argumentos inválidos: VALIDACION con el mensaje del esquema', async () => {
    const puente = puenteDePrueba();
    const e = await rechazoDe(puente['expedientes.detalle']({ id: 'no-es-uuid' }));
    expect(e.code).toBe('VALIDACION');
  });

  it('sin el token del lanzamiento no se llega al core', async () => {
    const puente = puenteDePrueba('f'.repeat(64));
    const e = await rechazoDe(puente['sesion.estado']({}));
    expect(['NO_AUTENTICADO', 'TOKEN_INVALIDO', 'PERMISO_DENEGADO']).toContain(e.code);
  });

  it('con el shell caído: SERVICIO_NO_DISPONIBLE en español, no una excepción de red', async () => {
    const puente = crearPuenteHttp({ base: 'http://127.0.0.1:9', token: shell.token });
    const e = await rechazoDe(puente['sesion.estado']({}));
    expect(e.code).toBe('SERVICIO_NO_DISPONIBLE');
    expect(e.message).toMatch(/aplicación no responde/);
  });
});

describe('store de sesión sobre el shell real', () => {
  it('login fallido muestra el motivo; login, bloqueo, desbloqueo y salida siguen al core', async () => {
    const useSesion = crearStoreSesion(puenteDePrueba());
    const s = () => useSesion.getState();
    await s().iniciar();
    expect(s().estado?.estado).toBe('sin_sesion');

    expect(await s().login('recepcion', 'incorrecta')).toBe(false);
    expect(s().error).toMatch(/contraseña|credenciales/i);
    expect(s().estado?.estado).toBe('sin_sesion');

    expect(await s().login('recepcion', PASSWORD_DEMO)).toBe(true);
    expect(s().error).toBeNull();
    expect(s().estado).toMatchObject({ estado: 'activa', usuario: { username: 'recepcion' } });

    await s().bloquear();
    expect(s().estado?.estado).toBe('bloqueada');
    expect(s().estado?.desbloqueo_offline_hasta).toBeTruthy();
    expect(await s().desbloquear('otra')).toBe(false);
    expect(s().estado?.estado).toBe('bloqueada');
    expect(await s().desbloquear(PASSWORD_DEMO)).toBe(true);
    expect(s().estado?.estado).toBe('activa');

    await s().logout();
    expect(s().estado?.estado).toBe('sin_sesion');
  });

  it('los eventos del core llegan al store por SSE: el servidor bloquea la sesión y el store lo sabe', async () => {
    const puente = puenteDePrueba();
    const useSesion = crearStoreSesion(puente);
    const useSync = crearStoreSync(puente);
    await useSesion.getState().iniciar();
    await useSync.getState().iniciar();
    await fuentes.at(-1)!.abierto;
    expect(await useSesion.getState().login('recepcion', PASSWORD_DEMO)).toBe(true);

    // Nobody in the renderer asks: the sync pass pushes `sync.estado`, the store follows it.
    useSync.setState({ estado: null });
    await shell.core['sync.ahora']({});
    await expect.poll(() => useSync.getState().estado?.ultima_sincronizacion, { timeout: 10_000 }).toBeTruthy();

    // An administrator disables the account on the server: the next sync locks the desk with the reason.
    const [caso] = (await puente['expedientes.consultar']({ limite: 1, tipo: 'PPSH' })).items;
    await puente['ppsh.comentar']({ id: caso!.id, comentario: { comentario: 'Antes de la desactivación' } });
    await api.db.updateTable('usuarios').set({ activo: 0 }).where('username', '=', 'recepcion').execute();
    try {
      await shell.core['sync.ahora']({});
      await expect.poll(() => useSesion.getState().estado?.motivo?.code, { timeout: 10_000 }).toBe('CUENTA_INACTIVA');
      expect(useSesion.getState().estado?.estado).toBe('bloqueada');
    } finally {
      await api.db.updateTable('usuarios').set({ activo: 1 }).where('username', '=', 'recepcion').execute();
    }
  });
});

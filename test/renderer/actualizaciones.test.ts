/**
 * The status bar's updater store over a real core whose updater reads a real feed served by the test. The download
 * belongs to electron-updater (it needs the Electron binary): an "instalador simulado" stands in for it.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actualizaciones } from '../../main/src/core/actualizaciones/servicio';
import { crearStoreActualizaciones } from '../../renderer/src/actualizaciones/store';
import { abrirEscritorio, type Escritorio } from '../core/helpers/escritorio';

const sha512 = crypto.createHash('sha512').update('instalador').digest('base64');
const FEED = `version: 2.0.0\nfiles:\n  - url: Tramites-Migratorios-2.0.0.AppImage\n    sha512: ${sha512}\n    size: 10\n`;

let servidor: http.Server;
let e: Escritorio;
const reinicios: string[] = [];

beforeAll(async () => {
  servidor = http.createServer((_req, res) => res.writeHead(200).end(FEED));
  await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', r));
  const actualizaciones = new Actualizaciones({
    versionActual: '1.0.0',
    canal: 'stable',
    urlFeed: `http://127.0.0.1:${(servidor.address() as AddressInfo).port}/updates/`,
    idEscritorio: crypto.randomUUID(),
    plataforma: 'linux',
    instalador: {
      async descargar(v, progreso) {
        progreso(50);
        progreso(100);
        reinicios.push(`descargada ${v.version}`);
      },
      reiniciarEInstalar: () => void reinicios.push('reinicio'),
    },
  });
  e = abrirEscritorio('http://127.0.0.1:9/api/v1', { actualizaciones });
});
afterAll(async () => {
  await e?.cerrar();
  await new Promise((r) => servidor.close(r));
});

describe('store de actualizaciones del renderer', () => {
  it('sigue la descarga por el evento, no reinicia con un formulario abierto y reinicia cuando se cierra', async () => {
    const store = crearStoreActualizaciones(e.core);
    await store.getState().iniciar();
    expect(store.getState().estado?.fase).toBe('al_dia');

    await store.getState().marcarOcupado(true);
    await e.core['actualizaciones.comprobar']({});
    expect(store.getState().estado).toMatchObject({ fase: 'lista', version_nueva: '2.0.0', puede_reiniciar: false });
    await store.getState().reiniciar();
    expect(store.getState().error).toMatch(/Guarde o cierre el formulario/);
    expect(reinicios).toEqual(['descargada 2.0.0']);

    await store.getState().marcarOcupado(false);
    expect(store.getState().estado?.puede_reiniciar).toBe(true);
    await store.getState().reiniciar();
    expect(store.getState().error).toBeNull();
    expect(reinicios).toEqual(['descargada 2.0.0', 'reinicio']);
  });
});

/**
 * What the desk accepts from an update feed before electron-updater sees it: at most 1 MB, read as it arrives (a 100 MB
 * feed served by a real HTTP server is abandoned past the cap, and the desk's memory stays small), and file names judged
 * percent-decoded, as the URL resolver reads them (`%2e%2e%2f` is `../`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { esNombreDelFeed, leerFeed } from '../../main/src/core/actualizaciones/feed.js';
import { Actualizaciones, type Instalador } from '../../main/src/core/actualizaciones/servicio.js';

const SHA = `${'A'.repeat(86)}==`;
const feedCon = (url: string) =>
  `version: 1.9.0\nfiles:\n  - url: '${url}'\n    sha512: ${SHA}\npath: '${url}'\nsha512: ${SHA}\n`;

describe('nombres de archivo del feed', () => {
  it('rechaza separadores y .. también codificados con %, y codificados dos veces; acepta los nombres de electron-builder', () => {
    const nombres = [
      'Tramites-Migratorios-Setup-1.9.0.exe',
      'Tramites Migratorios-1.9.0.AppImage',
      'Tramites%20Migratorios-1.9.0.AppImage',
      '%2e%2e%2fetc%2fpasswd',
      '%2E%2E%2Fx.exe',
      '..%2f..%2fx.exe',
      '%2e%2e',
      'a%2fb.exe',
      'a%5cb.exe',
      '%252e%252e%252fx.exe',
      '%zz.exe',
      'x%00.exe',
      '..',
      '.',
      'https:%2f%2fotro.example%2fx.exe',
    ];
    expect(Object.fromEntries(nombres.map((n) => [n, esNombreDelFeed(n)]))).toEqual({
      'Tramites-Migratorios-Setup-1.9.0.exe': true,
      'Tramites Migratorios-1.9.0.AppImage': true,
      'Tramites%20Migratorios-1.9.0.AppImage': true,
      '%2e%2e%2fetc%2fpasswd': false,
      '%2E%2E%2Fx.exe': false,
      '..%2f..%2fx.exe': false,
      '%2e%2e': false,
      'a%2fb.exe': false,
      'a%5cb.exe': false,
      '%252e%252e%252fx.exe': false,
      '%zz.exe': false,
      'x%00.exe': false,
      '..': false,
      '.': false,
      'https:%2f%2fotro.example%2fx.exe': false,
    });
    expect(() => leerFeed(feedCon('%2e%2e%2f%2e%2e%2fx.exe'))).toThrow(
      /files\.0\.url: nombre de archivo fuera del feed/,
    );
  });
});

describe('tamaño del feed contra un servidor HTTP real', () => {
  let servidor: http.Server | undefined;
  afterEach(async () => {
    servidor?.closeAllConnections();
    await new Promise((r) => (servidor ? servidor.close(r) : r(undefined)));
    servidor = undefined;
  });

  /** Serves a 100 MB "feed" in 64 kB chunks as fast as the desk reads it; reports how much it could write. */
  async function servirFeedGigante(conLongitud: boolean) {
    const TOTAL = 100 * 1024 * 1024;
    const trozo = Buffer.alloc(64 * 1024, 'a');
    let fin!: () => void;
    const terminado = new Promise<void>((r) => (fin = r));
    const envio = { escritos: 0, cortado: false, terminado };
    servidor = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml', ...(conLongitud && { 'content-length': TOTAL }) });
      res.on('close', () => {
        envio.cortado = !res.writableFinished;
        fin();
      });
      const escribir = () => {
        while (envio.escritos < TOTAL && !res.destroyed) {
          envio.escritos += trozo.length;
          if (!res.write(trozo)) return void res.once('drain', escribir);
        }
        if (!res.destroyed) res.end();
      };
      escribir();
    });
    await new Promise<void>((r) => servidor!.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(servidor.address() as AddressInfo).port}/updates/`, envio };
  }

  const instalador: Instalador = {
    descargar: async () => undefined,
    reiniciarEInstalar: () => undefined,
  };

  for (const conLongitud of [false, true]) {
    it(`un feed de 100 MB ${conLongitud ? 'con Content-Length' : 'sin Content-Length (chunked)'} se corta pasado 1 MB sin llenar la memoria`, async () => {
      const { url, envio } = await servirFeedGigante(conLongitud);
      const a = new Actualizaciones({
        versionActual: '1.4.0',
        canal: 'stable',
        urlFeed: url,
        idEscritorio: '00000000-0000-0000-0000-000000000000',
        instalador,
        plataforma: 'linux',
      });
      const memoria = () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      const antes = memoria();
      let pico = antes;
      const muestreo = setInterval(() => (pico = Math.max(pico, memoria())), 5);
      const e = await a.comprobar();
      clearInterval(muestreo);
      pico = Math.max(pico, memoria());
      await envio.terminado;
      expect(e).toMatchObject({ fase: 'error', mensaje: expect.stringMatching(/supera 1 MB/) });
      // The desk closed the connection: the server could not write the hundred megabytes.
      expect(envio.cortado).toBe(true);
      expect(envio.escritos).toBeLessThan(20 * 1024 * 1024);
      expect(pico - antes).toBeLessThan(40 * 1024 * 1024);
    });
  }
});

/**
 * The desk's updater against a real feed: releases published into a folder by deploy/scripts/publish_update.sh (the
 * script IT runs), served over HTTP by the test. The download itself belongs to electron-updater, which needs the
 * Electron binary: an "instalador simulado" stands in for it and records what it was asked to do.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VersionPublicada } from '../../main/src/core/actualizaciones/feed.js';
import { Actualizaciones, type Instalador } from '../../main/src/core/actualizaciones/servicio.js';
import { ROOT, run, tempDir } from '../deploy/helpers/tools.js';

/** A desk id whose rollout bucket is `fraccion` (0-1): electron-updater reads its last 4 bytes. */
function idEnCubeta(fraccion: number): string {
  const b = crypto.randomBytes(16);
  b.writeUInt32BE(Math.floor(fraccion * 0xffffffff), 12);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A release folder as electron-builder writes it for the generic provider. */
function lanzamiento(dir: string, version: string, canal = 'latest'): void {
  fs.mkdirSync(dir, { recursive: true });
  const nombre = `Tramites-Migratorios-${version}.AppImage`;
  const contenido = crypto.randomBytes(2048);
  fs.writeFileSync(path.join(dir, nombre), contenido);
  fs.writeFileSync(path.join(dir, `${nombre}.blockmap`), 'blockmap');
  const sha512 = crypto.createHash('sha512').update(contenido).digest('base64');
  fs.writeFileSync(
    path.join(dir, `${canal}-linux.yml`),
    `version: ${version}\nfiles:\n  - url: ${nombre}\n    sha512: ${sha512}\n    size: ${contenido.length}\n` +
      `path: ${nombre}\nsha512: ${sha512}\nreleaseDate: '2026-11-20T12:00:00.000Z'\n`,
  );
}

class InstaladorSimulado implements Instalador {
  descargadas: string[] = [];
  reinicios = 0;
  async descargar(v: VersionPublicada, progreso: (p: number) => void) {
    for (const p of [25, 50, 100]) progreso(p);
    this.descargadas.push(v.version);
  }
  reiniciarEInstalar() {
    this.reinicios++;
  }
}

describe('actualizaciones del escritorio contra un feed publicado con publish_update.sh', () => {
  let dir: string;
  let feed: string;
  let servidor: http.Server;
  let url: string;

  const publicar = async (...args: string[]) => {
    const r = await run('bash', [path.join(ROOT, 'deploy/scripts/publish_update.sh'), ...args], {
      env: { ...process.env, UPDATES_DIR: feed },
    });
    expect(r.code, r.stderr).toBe(0);
  };
  const escritorio = (
    o: { version?: string; id?: string; canal?: 'stable' | 'beta'; urlFeed?: string | null } = {},
  ) => {
    const instalador = new InstaladorSimulado();
    const a = new Actualizaciones({
      versionActual: o.version ?? '1.4.0',
      canal: o.canal ?? 'stable',
      urlFeed: o.urlFeed === undefined ? url : o.urlFeed,
      idEscritorio: o.id ?? idEnCubeta(0.05),
      instalador,
      plataforma: 'linux',
    });
    return { a, instalador };
  };

  beforeAll(async () => {
    dir = tempDir('feed-escritorio');
    feed = path.join(dir, 'feed');
    servidor = http.createServer((req, res) => {
      const archivo = path.join(feed, path.basename(decodeURIComponent(new URL(req.url!, 'http://x').pathname)));
      if (!fs.existsSync(archivo)) return res.writeHead(404).end();
      res.writeHead(200).end(fs.readFileSync(archivo));
    });
    await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(servidor.address() as AddressInfo).port}/updates/`;
  });
  afterAll(async () => {
    await new Promise((r) => servidor.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fs.rmSync(feed, { recursive: true, force: true }));

  it('descarga una versión nueva con su progreso y ofrece reiniciar solo cuando no hay un formulario abierto', async () => {
    lanzamiento(path.join(dir, 'r141'), '1.4.1');
    await publicar(path.join(dir, 'r141'));
    const { a, instalador } = escritorio();
    const fases: string[] = [];
    a.on((e) => fases.push(`${e.fase}:${e.progreso ?? ''}`));
    a.marcarOcupado(true);

    const e = await a.comprobar();
    expect(e).toMatchObject({ fase: 'lista', version_nueva: '1.4.1', progreso: 100, puede_reiniciar: false });
    expect(fases).toEqual([
      'al_dia:',
      'buscando:',
      'descargando:0',
      'descargando:25',
      'descargando:50',
      'descargando:100',
      'lista:100',
    ]);
    expect(instalador.descargadas).toEqual(['1.4.1']);
    expect(() => a.instalar()).toThrow(/formulario abierto/);
    expect(instalador.reinicios).toBe(0);

    expect(a.marcarOcupado(false).puede_reiniciar).toBe(true);
    a.instalar();
    expect(instalador.reinicios).toBe(1);
  });

  it('despliegue gradual: solo entra la parte de los escritorios, y subir el porcentaje agrega sin sacar a nadie', async () => {
    lanzamiento(path.join(dir, 'r150'), '1.5.0');
    await publicar(path.join(dir, 'r150'), '--staging', '10');
    const temprano = escritorio({ id: idEnCubeta(0.04) });
    const tardio = escritorio({ id: idEnCubeta(0.3) });
    expect((await temprano.a.comprobar()).fase).toBe('lista');
    expect(await tardio.a.comprobar()).toMatchObject({ fase: 'fuera_de_despliegue', version_nueva: '1.5.0' });
    expect(tardio.instalador.descargadas).toEqual([]);

    await publicar('--staging', '50');
    expect((await tardio.a.comprobar()).fase).toBe('lista');
    expect(tardio.instalador.descargadas).toEqual(['1.5.0']);
  });

  it('canales: beta toma beta-linux.yml y sus prelanzamientos; estable nunca toma un prelanzamiento', async () => {
    lanzamiento(path.join(dir, 'beta'), '1.5.0-beta.1', 'beta');
    lanzamiento(path.join(dir, 'rc'), '1.5.0-rc.1');
    await publicar(path.join(dir, 'beta'));
    await publicar(path.join(dir, 'rc'));
    const beta = escritorio({ canal: 'beta' });
    const estable = escritorio({ canal: 'stable' });
    expect(await beta.a.comprobar()).toMatchObject({ fase: 'lista', version_nueva: '1.5.0-beta.1' });
    expect(await estable.a.comprobar()).toMatchObject({ fase: 'al_dia', version_nueva: null });
    expect(estable.instalador.descargadas).toEqual([]);
  });

  it('retirar una versión mala es publicar una mayor: nadie baja de versión', async () => {
    lanzamiento(path.join(dir, 'r142'), '1.4.2');
    await publicar(path.join(dir, 'r142'));
    const conLaMala = escritorio({ version: '1.4.1' });
    const masNuevo = escritorio({ version: '1.4.3' });
    expect(await conLaMala.a.comprobar()).toMatchObject({ fase: 'lista', version_nueva: '1.4.2' });
    expect((await masNuevo.a.comprobar()).fase).toBe('al_dia');
    expect(masNuevo.instalador.descargadas).toEqual([]);
  });

  it('un feed dañado u hostil es un error silencioso en español, nunca una excepción ni una descarga', async () => {
    fs.mkdirSync(feed, { recursive: true });
    const casos: [string, RegExp][] = [
      ['version: 1.9.0\nfiles: [\n', /no es YAML válido/],
      [
        'version: 1.9.0\nfiles:\n  - url: ../../etc/passwd\n    sha512: x\n',
        /files\.0\.url: nombre de archivo fuera del feed/,
      ],
      [
        `version: 1.9.0\nfiles:\n  - url: https://otro.example/x.AppImage\n    sha512: ${'A'.repeat(86)}==\n`,
        /fuera del feed/,
      ],
      ['version: uno\nfiles: []\n', /version: versión no válida/],
    ];
    for (const [texto, mensaje] of casos) {
      fs.writeFileSync(path.join(feed, 'latest-linux.yml'), texto);
      const { a, instalador } = escritorio();
      const e = await a.comprobar();
      expect(e.fase).toBe('error');
      expect(e.mensaje).toMatch(mensaje);
      expect(instalador.descargadas).toEqual([]);
    }
    fs.rmSync(path.join(feed, 'latest-linux.yml'));
    expect((await escritorio().a.comprobar()).mensaje).toMatch(/no tiene versiones publicadas/);
    const caido = escritorio({ urlFeed: 'http://127.0.0.1:9/updates/' });
    expect(await caido.a.comprobar()).toMatchObject({ fase: 'error', mensaje: expect.stringMatching(/más tarde/) });
  });

  it('sin instalador (desarrollo, shell web) está desactivada y no consulta el feed', async () => {
    const a = new Actualizaciones({
      versionActual: '1.4.0',
      canal: 'stable',
      urlFeed: 'http://127.0.0.1:9/updates/',
      idEscritorio: idEnCubeta(0),
      instalador: null,
    });
    expect((await a.comprobar()).fase).toBe('desactivada');
    expect(() => a.instalar()).toThrow(/No hay una actualización lista/);
  });
});

/**
 * deploy/scripts/publish_update.sh publishes a desktop release to the electron-updater feed: latest.yml parsed as YAML,
 * every file of files[] and the top-level path/sha512 verified (sha512 and size) whatever the key order,
 * stagingPercentage set, and nothing published when a file does not match.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers/tools.js';

const INSTALADOR = 'Tramites-Migratorios-Setup-1.4.0.exe';

/** What latest.yml says about the installer (the right values unless a test changes one). */
interface Dichos {
  sha512: string;
  size: number;
  url: string;
}

/**
 * A release folder as electron-builder writes it (latest.yml with base64 sha512 of each file). `yml` writes the feed
 * from the true values (another key order, a wrong hash...); electron-builder's own layout by default.
 */
function versionDePrueba(
  dir: string,
  yml: (v: Dichos) => string[] = (v) => [
    'version: 1.4.0',
    'files:',
    `  - url: ${v.url}`,
    `    sha512: ${v.sha512}`,
    `    size: ${v.size}`,
    `path: ${v.url}`,
    `sha512: ${v.sha512}`,
    "releaseDate: '2026-03-01T12:00:00.000Z'",
  ],
  contenido = crypto.randomBytes(4096),
): Dichos {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, INSTALADOR), contenido);
  fs.writeFileSync(path.join(dir, `${INSTALADOR}.blockmap`), 'blockmap');
  const v = {
    sha512: crypto.createHash('sha512').update(contenido).digest('base64'),
    size: contenido.length,
    url: INSTALADOR,
  };
  fs.writeFileSync(path.join(dir, 'latest.yml'), [...yml(v), ''].join('\n'));
  return v;
}

const OTRO_SHA = crypto.createHash('sha512').update('otra cosa').digest('base64');

describe('publish_update.sh', () => {
  let dir: string;
  let feed: string;
  const publicar = (args: string[]) =>
    run('bash', [path.join(ROOT, 'deploy/scripts/publish_update.sh'), ...args], {
      env: { ...process.env, UPDATES_DIR: feed },
    });

  beforeEach(() => {
    dir = tempDir('feed');
    feed = path.join(dir, 'feed');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('publica binarios y latest.yml con el porcentaje de despliegue gradual, y luego lo sube', async () => {
    versionDePrueba(path.join(dir, 'release'));
    const r = await publicar([path.join(dir, 'release'), '--staging', '10']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(feed).sort()).toEqual([INSTALADOR, `${INSTALADOR}.blockmap`, 'latest.yml']);
    expect(fs.readFileSync(path.join(feed, 'latest.yml'), 'utf8')).toMatch(/^stagingPercentage: 10$/m);

    const subir = await publicar(['--staging', '50']);
    expect(subir.code, subir.stderr).toBe(0);
    const latest = fs.readFileSync(path.join(feed, 'latest.yml'), 'utf8');
    expect(latest).toMatch(/^stagingPercentage: 50$/m);
    expect(latest.match(/stagingPercentage/g)).toHaveLength(1);
  });

  it('no publica nada si un instalador no coincide con su sha512', async () => {
    versionDePrueba(path.join(dir, 'release'));
    fs.appendFileSync(path.join(dir, 'release', INSTALADOR), 'alterado');
    const r = await publicar([path.join(dir, 'release')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/sha512 de Tramites-Migratorios-Setup-1\.4\.0\.exe no coincide/);
    expect(fs.existsSync(path.join(feed, 'latest.yml'))).toBe(false);
  });

  it('lee el YAML: en cualquier orden de claves y con comillas publica; un feed que miente no publica nada', async () => {
    const casos: [string, (v: Dichos) => string[], RegExp | null][] = [
      [
        'claves en otro orden y entre comillas',
        (v) => [
          `sha512: "${v.sha512}"`,
          `path: '${v.url}'`,
          'files:',
          `  - size: ${v.size}`,
          `    sha512: ${v.sha512}`,
          `    url: "${v.url}"`,
          'version: "1.4.0"',
        ],
        null,
      ],
      [
        'sha512 antes de url con un hash falso',
        (v) => ['version: 1.4.0', 'files:', `  - sha512: ${OTRO_SHA}`, `    url: ${v.url}`, `    size: ${v.size}`],
        /sha512 de Tramites-Migratorios-Setup-1\.4\.0\.exe no coincide con latest\.yml \(files\[0\]\)/,
      ],
      [
        'sha512 de arriba falso',
        (v) => [
          'version: 1.4.0',
          'files:',
          `  - url: ${v.url}`,
          `    sha512: ${v.sha512}`,
          `    size: ${v.size}`,
          `path: ${v.url}`,
          `sha512: ${OTRO_SHA}`,
        ],
        /no coincide con latest\.yml \(path\)/,
      ],
      [
        'path de arriba que no está',
        (v) => [
          'version: 1.4.0',
          'files:',
          `  - url: ${v.url}`,
          `    sha512: ${v.sha512}`,
          `    size: ${v.size}`,
          'path: Otro-1.4.0.exe',
          `sha512: ${v.sha512}`,
        ],
        /latest\.yml nombra Otro-1\.4\.0\.exe, que no está/,
      ],
      [
        'tamaño falso',
        (v) => ['version: 1.4.0', 'files:', `  - url: ${v.url}`, `    sha512: ${v.sha512}`, `    size: ${v.size + 1}`],
        /el tamaño de Tramites-Migratorios-Setup-1\.4\.0\.exe \(4096 bytes\) no coincide/,
      ],
      [
        'un nombre que sale de la carpeta, codificado',
        (v) => [
          'version: 1.4.0',
          'files:',
          "  - url: '%2e%2e%2flatest.yml'",
          `    sha512: ${v.sha512}`,
          `    size: ${v.size}`,
        ],
        /no es un archivo junto al yml/,
      ],
    ];
    const resultados: Record<string, string> = {};
    for (const [nombre, yml, error] of casos) {
      const release = path.join(dir, nombre.replace(/\W+/g, '-'));
      versionDePrueba(release, yml);
      fs.rmSync(feed, { recursive: true, force: true });
      const r = await publicar([release]);
      const publicado = fs.existsSync(path.join(feed, 'latest.yml'));
      resultados[nombre] =
        error === null
          ? `${r.code} ${publicado}`
          : `${r.code === 0 ? 'publicó' : 'rechazó'} ${publicado} ${error.test(r.stderr) ? 'mensaje ok' : r.stderr}`;
    }
    expect(resultados).toEqual({
      'claves en otro orden y entre comillas': '0 true',
      'sha512 antes de url con un hash falso': 'rechazó false mensaje ok',
      'sha512 de arriba falso': 'rechazó false mensaje ok',
      'path de arriba que no está': 'rechazó false mensaje ok',
      'tamaño falso': 'rechazó false mensaje ok',
      'un nombre que sale de la carpeta, codificado': 'rechazó false mensaje ok',
    });
  });

  it('rechaza un porcentaje fuera de 1-100', async () => {
    const r = await publicar(['--staging', '150']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/debe ser un número de 1 a 100/);
  });
});

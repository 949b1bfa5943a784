/**
 * deploy/scripts/publish_update.sh publishes a desktop release to the electron-updater feed: binaries verified against
 * the sha512 in latest.yml, stagingPercentage set, and nothing published when a file does not match.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers/tools.js';

const INSTALADOR = 'Tramites-Migratorios-Setup-1.4.0.exe';

/** A release folder as electron-builder writes it (latest.yml with base64 sha512 of each file). */
function versionDePrueba(dir: string, contenido = crypto.randomBytes(4096)): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, INSTALADOR), contenido);
  fs.writeFileSync(path.join(dir, `${INSTALADOR}.blockmap`), 'blockmap');
  const sha512 = crypto.createHash('sha512').update(contenido).digest('base64');
  fs.writeFileSync(
    path.join(dir, 'latest.yml'),
    [
      'version: 1.4.0',
      'files:',
      `  - url: ${INSTALADOR}`,
      `    sha512: ${sha512}`,
      `    size: ${contenido.length}`,
      `path: ${INSTALADOR}`,
      `sha512: ${sha512}`,
      "releaseDate: '2026-03-01T12:00:00.000Z'",
      '',
    ].join('\n'),
  );
}

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

  it('rechaza un porcentaje fuera de 1-100', async () => {
    const r = await publicar(['--staging', '150']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/debe ser un número de 1 a 100/);
  });
});

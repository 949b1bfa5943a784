/**
 * electron-builder.yml checked by electron-builder's own configuration loader and schema validator (they run without
 * Electron), and the packaging choices the offices rely on asserted one by one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../deploy/helpers/tools.js';

const cargar = () => getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it('pasa el validador de esquema de electron-builder', async () => {
    const config = await cargar();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('el validador rechaza una clave que no existe (la prueba de arriba puede fallar)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eb-'));
    try {
      fs.writeFileSync(path.join(dir, 'eb.yml'), 'appId: x\nwin:\n  targte: nsis\n');
      const config = await getConfig(dir, path.join(dir, 'eb.yml'), null);
      await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(
        /does not match the API schema/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('instaladores NSIS (por máquina o por usuario), AppImage y deb, con la versión en cada nombre', async () => {
    const c: Configuration = await cargar();
    expect(c.productName).toBe('Trámites Migratorios');
    expect(c.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(c.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(c.linux?.target).toEqual(['AppImage', 'deb']);
    for (const nombre of [c.artifactName, c.nsis?.artifactName, c.appImage?.artifactName])
      expect(nombre).toMatch(/^Tramites-Migratorios-[^ ]*\$\{version\}/);
    for (const icono of [c.win?.icon, c.linux?.icon]) expect(fs.existsSync(path.join(ROOT, String(icono)))).toBe(true);
  });

  it('feed genérico desde la configuración, asar, y solo lo que la app necesita', async () => {
    const c: Configuration = await cargar();
    expect(c.publish).toEqual([expect.objectContaining({ provider: 'generic', url: '${env.TRAMITES_UPDATES_URL}' })]);
    expect(c.asar).toBe(true);
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableNodeCliInspectArguments: false,
    });
    expect(c.asarUnpack).toContain('**/*.node');
    expect(c.directories?.app).toBe('release/app');
    // The loader normalises `files` into filter groups.
    const archivos = (c.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(archivos).toContain('out/**');
    for (const fuera of ['server', 'test', 'bench', 'deploy'])
      expect(archivos.some((f) => f.startsWith('!') && f.includes(fuera))).toBe(true);
  });
});

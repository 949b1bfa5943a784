/** The update policy agrees with electron-updater's own decisions (it runs here without Electron for these). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppImageUpdater } from 'electron-updater';
import { afterAll, describe, expect, it } from 'vitest';
import { enDespliegue, idEscritorio } from '../../main/src/core/actualizaciones/politica.js';

const carpeta = fs.mkdtempSync(path.join(os.tmpdir(), 'updater-id-'));
afterAll(() => fs.rmSync(carpeta, { recursive: true, force: true }));

describe('política de actualizaciones', () => {
  it('el id del escritorio se crea una vez y se conserva en .updaterId (el mismo archivo que usa electron-updater)', () => {
    const id = idEscritorio(carpeta);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(idEscritorio(carpeta)).toBe(id);
    expect(fs.readFileSync(path.join(carpeta, '.updaterId'), 'utf8')).toBe(id);
  });

  it('la cubeta de despliegue coincide con la de electron-updater para 300 escritorios y 5 porcentajes', async () => {
    const diferencias: string[] = [];
    for (let i = 0; i < 300; i++) {
      const dir = fs.mkdtempSync(path.join(carpeta, 'd'));
      const id = idEscritorio(dir);
      // An app adapter instead of Electron's: electron-updater only reads version and userDataPath for this.
      const app = { version: '1.4.0', userDataPath: dir, isPackaged: true } as never;
      const u = new AppImageUpdater(null, app) as unknown as {
        isStagingMatch(i: { stagingPercentage?: number }): Promise<boolean>;
      };
      for (const p of [1, 10, 33, 50, 99]) {
        if ((await u.isStagingMatch({ stagingPercentage: p })) !== enDespliegue(id, p)) diferencias.push(`${id} ${p}`);
      }
    }
    expect(diferencias).toEqual([]);
    expect(enDespliegue('00000000-0000-0000-0000-0000ffffffff', 99)).toBe(false);
    expect(enDespliegue('00000000-0000-0000-0000-0000ffffffff', null)).toBe(true);
  });
});

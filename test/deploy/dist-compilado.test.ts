/**
 * The image runs the server compiled by `npm run build:server` with plain node (server/Dockerfile). Its `#shared/...`
 * imports must reach the compiled dist/shared under the "compilado" condition the image sets in NODE_OPTIONS, not the
 * TypeScript sources that the default condition points at for tsx, vitest and vite.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procesosDelGrupo } from '../helpers/procesos.js';
import { startApi, stopApi, type ApiInstance } from './helpers/api.js';
import { ROOT, tempDir } from './helpers/tools.js';

describe('servidor compilado como en la imagen (node dist/…, condición "compilado")', () => {
  let raiz: string;
  let api: ApiInstance | undefined;

  beforeAll(() => {
    raiz = tempDir('dist-compilado');
    const tsc = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsc'),
      ['-p', 'tsconfig.build.json', '--outDir', path.join(raiz, 'dist'), '--sourceMap', 'false'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    // The image's layout: package.json (with its "imports" map) and node_modules beside dist/.
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(raiz, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(raiz, 'node_modules'));
  }, 120_000);

  afterAll(async () => {
    await stopApi(api);
    // A zombie leader not reaped yet still answers kill(-pid, 0): /proc says whether anything runs.
    if (api?.child.pid) expect(procesosDelGrupo(api.child.pid)).toEqual([]);
  });

  it('sin la condición, #shared apunta a las fuentes TypeScript, que la imagen no lleva', () => {
    const sinCondicion = spawnSync(process.execPath, ['dist/server/src/config.js'], { cwd: raiz, encoding: 'utf8' });
    expect(sinCondicion.status).not.toBe(0);
    expect(sinCondicion.stderr).toMatch(/shared\/src\/[\w/-]+\.ts/);
  });

  it('con NODE_OPTIONS=--conditions=compilado arranca, migra y responde con las reglas compartidas', async () => {
    api = await startApi('compilado', path.join(raiz, 'datos'), {
      command: process.execPath,
      args: ['dist/server/src/index.js'],
      cwd: raiz,
      env: { NODE_OPTIONS: '--conditions=compilado' },
    });
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nadie', password: '' }),
    });
    expect(login.status).toBe(422);
    const cuerpo = (await login.json()) as { error: { code: string; message: string } };
    expect(cuerpo.error.code).toBe('VALIDACION');
  }, 90_000);
});

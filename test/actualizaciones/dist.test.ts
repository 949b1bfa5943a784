/**
 * What `npm run dist` hands to electron-builder (the packaging itself needs the Electron binary, which our machines
 * cannot download): the built app and only the runtime dependencies its main process imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importsExternos, prepararApp } from '../../scripts/dist.js';
import { ROOT } from '../deploy/helpers/tools.js';
import { compilado } from '../shell/compilado.js';

const destino = fs.mkdtempSync(path.join(os.tmpdir(), 'release-app-'));
afterAll(() => fs.rmSync(destino, { recursive: true, force: true }));

describe('npm run dist: la app preparada para empaquetar', () => {
  it('lleva la app compilada y solo las dependencias que el proceso principal importa, a las versiones del proyecto', () => {
    compilado('out/main/index.js', ['main/src', 'shared/src', 'preload', 'renderer']);
    const paquete = prepararApp(ROOT, destino);
    const deps = Object.keys(paquete.dependencies ?? {});
    expect(deps).toEqual(expect.arrayContaining(['better-sqlite3', 'argon2', 'electron-updater', 'axios', 'zod']));
    for (const fuera of ['express', 'mssql', 'tedious', 'ioredis', 'react', 'vitest', 'electron', 'electron-vite'])
      expect(deps).not.toContain(fuera);
    const raiz = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const d of deps) expect(paquete.dependencies![d]).toBe(raiz.dependencies[d]);
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'])
      expect(fs.existsSync(path.join(destino, f)), f).toBe(true);
    expect(fs.existsSync(path.join(destino, 'out/app-electron'))).toBe(false);
  });

  it('lee los imports externos de un archivo compilado y se niega si uno no es dependencia', () => {
    const archivo = path.join(destino, 'x.js');
    fs.writeFileSync(
      archivo,
      'import a from "axios";import "node:fs";import { b } from "@scope/paquete/sub";const c = require("electron");' +
        'const d = await import("./local.js");',
    );
    expect(importsExternos(archivo)).toEqual(['@scope/paquete', 'axios']);
    const falso = path.join(destino, 'falso');
    fs.mkdirSync(path.join(falso, 'out/main'), { recursive: true });
    fs.writeFileSync(path.join(falso, 'out/main/index.js'), 'import "vitest";');
    fs.writeFileSync(
      path.join(falso, 'package.json'),
      JSON.stringify({ name: 'x', version: '1.0.0', main: 'out/main/index.js', dependencies: {} }),
    );
    expect(() => prepararApp(falso, path.join(falso, 'release/app'))).toThrow(/no son dependencias: vitest/);
  });
});

/**
 * The development folder Electron runs from (out/app-electron): the working tree's native build is never touched,
 * the app finds the copy rebuilt for Electron and every other dependency in the working tree. The rebuild itself needs
 * Electron's headers from the Internet, so here it is replaced by a function that records the call.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { prepararAppElectron } from '../../main/src/app-electron.js';
import { compilado } from './compilado.js';

const raiz = path.resolve(import.meta.dirname, '../..');
const destino = fs.mkdtempSync(path.join(os.tmpdir(), 'app-electron-'));
afterAll(() => fs.rmSync(destino, { recursive: true, force: true }));

describe('carpeta de desarrollo para Electron', () => {
  it('copia la app compilada, enlaza las dependencias y recompila solo better-sqlite3, una vez por versión', () => {
    compilado('out/main/index.js', ['main/src', 'shared/src', 'preload', 'electron.vite.config.ts']);
    const nativoDelArbol = path.join(raiz, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const antes = fs.statSync(nativoDelArbol).mtimeMs;
    const recompilar = vi.fn((carpeta: string, _version: string) => {
      fs.mkdirSync(path.join(carpeta, 'build/Release'), { recursive: true });
      fs.writeFileSync(path.join(carpeta, 'build/Release/better_sqlite3.node'), 'para electron');
    });

    prepararAppElectron({ raiz, versionElectron: '40.10.2', destino, recompilar });
    expect(recompilar).toHaveBeenCalledTimes(1);
    expect(recompilar.mock.calls[0]![0]).toBe(path.join(destino, 'node_modules/better-sqlite3'));
    expect(recompilar.mock.calls[0]![1]).toBe('40.10.2');

    const paquete = JSON.parse(fs.readFileSync(path.join(destino, 'package.json'), 'utf8'));
    expect(paquete).toMatchObject({ type: 'module', main: 'out/main/index.js' });
    // A real file, not a link: Node resolves a linked file from its real path (the working tree's node_modules).
    expect(fs.lstatSync(path.join(destino, 'out/main/index.js')).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(destino, 'out/preload/index.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(destino, 'resources/configuracion.json'))).toBe(true);

    // What the app's main process resolves from where Electron runs it.
    const requerir = createRequire(path.join(destino, 'out/main/index.js'));
    expect(fs.realpathSync(requerir.resolve('better-sqlite3'))).toContain(path.join(destino, 'node_modules'));
    expect(fs.realpathSync(requerir.resolve('zod'))).toContain(path.join(raiz, 'node_modules'));
    expect(
      fs.readFileSync(path.join(destino, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8'),
    ).toBe('para electron');
    // The tests' own build is untouched.
    expect(fs.statSync(nativoDelArbol).mtimeMs).toBe(antes);

    prepararAppElectron({ raiz, versionElectron: '40.10.2', destino, recompilar });
    expect(recompilar).toHaveBeenCalledTimes(1);
    prepararAppElectron({ raiz, versionElectron: '41.0.0', destino, recompilar });
    expect(recompilar).toHaveBeenCalledTimes(2);
  });
});

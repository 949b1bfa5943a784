/**
 * The folder Electron runs from in development (out/app-electron/), so the working tree's node_modules keeps Node's
 * native builds, which every test needs.
 *
 * Why a separate folder: better-sqlite3 is compiled against one ABI (Node's for the tests, Electron's for the app) and
 * one node_modules cannot hold both; rebuilding the working tree's copy for Electron silently breaks every test.
 * Here the built app is copied (not linked: Node resolves a symlinked file from its real path, which would find the
 * working tree's node_modules again), every dependency is a link to the working tree's, except better-sqlite3, which
 * is a copy rebuilt for Electron (its prebuilt binary, or compiled from source). argon2 is N-API: one build loads in
 * both. The packaged app does the same in release/app (see docs/actualizaciones.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NATIVO = 'better-sqlite3';

/** Rebuilds the native module in `carpeta` for Electron `version`: its prebuilt binary, else compiled from source. */
export function recompilarParaElectron(carpeta: string, version: string, modulosRaiz: string) {
  const bin = (n: string) => path.join(modulosRaiz, '.bin', process.platform === 'win32' ? `${n}.cmd` : n);
  const opciones = { cwd: carpeta, stdio: 'inherit' as const, shell: process.platform === 'win32' };
  try {
    execFileSync(bin('prebuild-install'), ['--runtime=electron', `--target=${version}`], opciones);
  } catch {
    execFileSync(
      bin('node-gyp'),
      ['rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
      opciones,
    );
  }
}

export interface OpcionesAppElectron {
  raiz: string;
  versionElectron: string;
  /** out/app-electron by default. */
  destino?: string;
  recompilar?: typeof recompilarParaElectron;
}

export function prepararAppElectron(o: OpcionesAppElectron): string {
  const { raiz, versionElectron } = o;
  const destino = o.destino ?? path.join(raiz, 'out', 'app-electron');
  const modulos = path.join(destino, 'node_modules');
  fs.mkdirSync(modulos, { recursive: true });
  for (const parte of ['main', 'preload', 'renderer']) {
    fs.rmSync(path.join(destino, 'out', parte), { recursive: true, force: true });
    fs.cpSync(path.join(raiz, 'out', parte), path.join(destino, 'out', parte), { recursive: true });
  }
  fs.rmSync(path.join(destino, 'resources'), { recursive: true, force: true });
  fs.cpSync(path.join(raiz, 'resources'), path.join(destino, 'resources'), { recursive: true });
  const paquete = JSON.parse(fs.readFileSync(path.join(raiz, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(
    path.join(destino, 'package.json'),
    JSON.stringify({ name: paquete.name, version: paquete.version, type: 'module', main: 'out/main/index.js' }),
  );

  const origen = path.join(raiz, 'node_modules');
  for (const nombre of fs.readdirSync(origen)) {
    if (nombre === NATIVO || nombre.startsWith('.')) continue;
    const enlace = path.join(modulos, nombre);
    if (!fs.existsSync(enlace)) fs.symlinkSync(path.join(origen, nombre), enlace, 'junction');
  }

  // Rebuilt once per Electron version; the marker says for which.
  const nativo = path.join(modulos, NATIVO);
  const marca = path.join(nativo, '.electron-version');
  if (fs.existsSync(marca) && fs.readFileSync(marca, 'utf8') === versionElectron) return destino;
  fs.rmSync(nativo, { recursive: true, force: true });
  fs.cpSync(path.join(origen, NATIVO), nativo, { recursive: true });
  fs.rmSync(path.join(nativo, 'build'), { recursive: true, force: true });
  (o.recompilar ?? recompilarParaElectron)(nativo, versionElectron, origen);
  fs.writeFileSync(marca, versionElectron);
  return destino;
}

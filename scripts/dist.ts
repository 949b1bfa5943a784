/**
 * `npm run dist`: the desk's installers, on a build machine that has the Electron binary (docs/actualizaciones.md).
 *
 * 1. builds the app (electron-vite: out/main, out/preload, out/renderer);
 * 2. stages it in release/app with a package.json whose dependencies are exactly the modules the built main process
 *    still imports (the renderer and preload are bundled): no server, test or build tooling reaches an office desk;
 * 3. installs those in release/app and lets electron-builder rebuild the native ones there for Electron's ABI, so the
 *    working tree's node_modules keeps the Node builds every test needs;
 * 4. runs electron-builder (electron-builder.yml), extra arguments passed through (e.g. `-- --linux`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RAIZ = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Paquete {
  name: string;
  version: string;
  description?: string;
  dependencies?: Record<string, string>;
}

/** The npm packages a built file imports (bare specifiers; Node's built-ins and electron itself left out). */
export function importsExternos(archivo: string): string[] {
  const codigo = fs.readFileSync(archivo, 'utf8');
  const nombres = new Set<string>();
  for (const m of codigo.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
    const especificador = m[1]!;
    if (especificador.startsWith('node:') || especificador === 'electron') continue;
    const partes = especificador.split('/');
    nombres.add(especificador.startsWith('@') ? partes.slice(0, 2).join('/') : partes[0]!);
  }
  return [...nombres].sort();
}

/** release/app: the built app and a package.json listing only its runtime dependencies, at the project's versions. */
export function prepararApp(
  raiz = RAIZ,
  destino = path.join(raiz, 'release/app'),
): Paquete & { dependencies: Record<string, string> } {
  const raizPaquete = JSON.parse(fs.readFileSync(path.join(raiz, 'package.json'), 'utf8')) as Paquete & {
    main: string;
  };
  const externos = importsExternos(path.join(raiz, raizPaquete.main));
  const sinDeclarar = externos.filter((n) => !raizPaquete.dependencies?.[n]);
  if (sinDeclarar.length)
    throw new Error(`El proceso principal importa paquetes que no son dependencias: ${sinDeclarar.join(', ')}`);
  fs.rmSync(destino, { recursive: true, force: true });
  fs.mkdirSync(destino, { recursive: true });
  fs.cpSync(path.join(raiz, 'out'), path.join(destino, 'out'), {
    recursive: true,
    filter: (f) => !f.includes(`${path.sep}app-electron`),
  });
  const paquete = {
    name: raizPaquete.name,
    productName: 'Trámites Migratorios',
    version: raizPaquete.version,
    description: raizPaquete.description,
    author: 'Servicio Nacional de Migración de Panamá',
    main: raizPaquete.main,
    type: 'module',
    dependencies: Object.fromEntries(externos.map((n) => [n, raizPaquete.dependencies![n]!])),
  };
  fs.writeFileSync(path.join(destino, 'package.json'), `${JSON.stringify(paquete, null, 2)}\n`);
  return paquete;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const opciones = { cwd: RAIZ, stdio: 'inherit' as const, shell: process.platform === 'win32' };
  if (!process.env.TRAMITES_UPDATES_URL)
    console.warn('Aviso: falta TRAMITES_UPDATES_URL; los instaladores no sabrán dónde buscar actualizaciones.');
  execFileSync(npm, ['run', 'build'], opciones);
  const app = prepararApp();
  console.log(`release/app: ${Object.keys(app.dependencies).join(', ')}`);
  // --ignore-scripts: electron-builder rebuilds the native modules for Electron right after (npmRebuild: true).
  execFileSync(npm, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    ...opciones,
    cwd: path.join(RAIZ, 'release/app'),
  });
  execFileSync(
    process.execPath,
    [path.join(RAIZ, 'node_modules/electron-builder/cli.js'), '--publish', 'never', ...process.argv.slice(2)],
    opciones,
  );
}

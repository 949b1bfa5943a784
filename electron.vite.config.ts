/**
 * electron-vite builds the three parts of the desktop app into out/:
 * - main (out/main/index.js, ESM): the Electron main process with the core; npm dependencies stay external (native
 *   better-sqlite3 and argon2 cannot be bundled, and the packager ships node_modules rebuilt for Electron);
 * - preload (out/preload/index.cjs, CommonJS): a sandboxed preload cannot be an ES module and the package is
 *   "type": "module", so it is emitted as .cjs with everything it imports bundled in (sandboxed preloads cannot require);
 * - renderer (out/renderer): the React app from renderer/index.html, served by the app protocol or the web shell.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CSP } from './main/src/csp.js';

const raiz = import.meta.dirname;

/** The renderer's CSP meta tag must say what the header says (frame-ancestors only works as a header). */
function cspIgualAlEncabezado(): Plugin {
  const esperada = CSP.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'tramites:csp-igual-al-encabezado',
    transformIndexHtml(html) {
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
      if (meta !== esperada)
        throw new Error(
          `renderer/index.html: la meta Content-Security-Policy debe ser exactamente "${esperada}" (main/src/csp.ts)`,
        );
      return html;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: path.join(raiz, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: { input: { index: path.join(raiz, 'main/src/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: path.join(raiz, 'out/preload'),
      // Bundle the contract (and zod) into the one file: the sandbox offers the preload no require() of node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(raiz, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.join(raiz, 'renderer'),
    plugins: [react(), cspIgualAlEncabezado()],
    build: {
      outDir: path.join(raiz, 'out/renderer'),
      // Minified: the first caseload render parses this bundle (1 MB unminified, the biggest part of its cost).
      minify: true,
      rolldownOptions: { input: path.join(raiz, 'renderer/index.html') },
    },
  },
});

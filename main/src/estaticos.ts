/**
 * The built renderer's files (out/renderer) by URL path, for the Electron app protocol and the web shell alike.
 * Only files inside the folder are served: `..`, encoded slashes and absolute paths never escape it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const TIPOS: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

export interface ArchivoEstatico {
  cuerpo: Buffer;
  tipo: string;
  /** index.html must never be cached (it names the hashed bundles); hashed assets may be. */
  esIndice: boolean;
}

/** `pathname` as in a URL (`/`, `/assets/x-123.js`); null when it names nothing inside `directorio`. */
export async function leerEstatico(directorio: string, pathname: string): Promise<ArchivoEstatico | null> {
  let relativo: string;
  try {
    relativo = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (relativo.includes('\0') || relativo.includes('\\')) return null;
  if (relativo === '/' || relativo === '') relativo = '/index.html';
  const raiz = path.resolve(directorio);
  const archivo = path.resolve(raiz, `.${path.posix.normalize(relativo)}`);
  if (!archivo.startsWith(raiz + path.sep)) return null;
  try {
    const cuerpo = await fs.readFile(archivo);
    return {
      cuerpo,
      tipo: TIPOS[path.extname(archivo).toLowerCase()] ?? 'application/octet-stream',
      esIndice: archivo === path.join(raiz, 'index.html'),
    };
  } catch {
    return null;
  }
}

/**
 * The built app (out/) for tests that check build output: rebuilt with `electron-vite build` when missing or older than
 * the sources it comes from (`npm run check` builds before testing, so there it is already fresh).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const raiz = path.resolve(import.meta.dirname, '../..');

function ultimaModificacion(rutas: string[]): number {
  let ultima = 0;
  for (const r of rutas) {
    const completa = path.join(raiz, r);
    if (!fs.existsSync(completa)) continue;
    const st = fs.statSync(completa);
    if (st.isDirectory())
      ultima = Math.max(ultima, ultimaModificacion(fs.readdirSync(completa).map((n) => path.join(r, n))));
    else ultima = Math.max(ultima, st.mtimeMs);
  }
  return ultima;
}

/** Path of the built file, fresh with respect to `fuentes` (files or folders relative to the checkout). */
export function compilado(salida: string, fuentes: string[]): string {
  const archivo = path.join(raiz, salida);
  if (!fs.existsSync(archivo) || fs.statSync(archivo).mtimeMs < ultimaModificacion(fuentes))
    execFileSync(process.execPath, [path.join(raiz, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: raiz,
      stdio: 'ignore',
    });
  return archivo;
}

/**
 * Builds the renderer into out/renderer when it is missing or older than its sources, with the renderer section of the
 * project's electron.vite.config.ts (the same build `npm run build` makes). Test files run in parallel workers: a lock
 * directory makes the first one build and the others wait, so two builds never write out/renderer at once.
 */
import fs from 'node:fs';
import path from 'node:path';

const RAIZ = path.resolve(import.meta.dirname, '../../..');
export const DIRECTORIO_RENDERER = path.join(RAIZ, 'out/renderer');
const FUENTES = [path.join(RAIZ, 'renderer'), path.join(RAIZ, 'shared/src')];
const CERROJO = path.join(RAIZ, 'out/.renderer-construyendo');
/** A lock older than this was left by a killed worker. */
const CERROJO_VIEJO_MS = 120_000;

function ultimaModificacion(dir: string): number {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    max = Math.max(max, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return max;
}

function desactualizado(): boolean {
  const indice = path.join(DIRECTORIO_RENDERER, 'index.html');
  if (!fs.existsSync(indice)) return true;
  const construido = fs.statSync(indice).mtimeMs;
  return FUENTES.some((d) => ultimaModificacion(d) > construido);
}

async function tomarCerrojo(): Promise<void> {
  fs.mkdirSync(path.dirname(CERROJO), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(CERROJO);
      return;
    } catch {
      const edad = Date.now() - (fs.statSync(CERROJO, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (edad > CERROJO_VIEJO_MS) fs.rmSync(CERROJO, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function construirRendererSiHaceFalta(): Promise<void> {
  if (!desactualizado()) return;
  await tomarCerrojo();
  try {
    if (!desactualizado()) return; // another worker built it while we waited
    const { build } = await import('vite');
    const config = (await import('../../../electron.vite.config.js')).default as unknown as {
      renderer: Parameters<typeof build>[0];
    };
    await build({ ...config.renderer, configFile: false, logLevel: 'error' });
  } finally {
    fs.rmSync(CERROJO, { recursive: true, force: true });
  }
}

/**
 * Renders resources/icono.svg to the PNG electron-builder turns into each platform's icon (512 px: it makes the
 * .ico and the Linux sizes from it). Run after editing the SVG: `npx tsx scripts/icono.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const recursos = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources');
const svg = fs.readFileSync(path.join(recursos, 'icono.svg'), 'utf8');
const navegador = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const pagina = await navegador.newPage({ viewport: { width: 512, height: 512 } });
  await pagina.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
  await pagina.locator('svg').screenshot({ path: path.join(recursos, 'icon.png'), omitBackground: true });
} finally {
  await navegador.close();
}

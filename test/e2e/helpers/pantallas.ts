/** What a test does as an officer: sign in, go to a screen, read the status bar, take a screenshot. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Pantalla } from '../../../renderer/src/app/navegacion.js';
import { PASSWORD_DEMO, SALIDA } from './app.js';

/** The menu's Spanish labels (the tests read the screen as the officer does). */
export const MENU: Record<Exclude<Pantalla, 'expediente' | 'tramite'>, RegExp> = {
  bandeja: /^Bandeja/,
  registro: /^Nueva solicitud/,
  aprobacion: /^Aprobaciones/,
  tablero: /^Tablero/,
  conflictos: /^Conflictos/,
  cuenta: /^Mi cuenta/,
  ajustes: /^Ajustes/,
};

export async function iniciarSesion(p: Page, usuario: string, password = PASSWORD_DEMO): Promise<void> {
  await p.getByLabel('Usuario').fill(usuario);
  await p.getByLabel('Contraseña', { exact: true }).fill(password);
  await p.getByRole('button', { name: 'Ingresar' }).click();
  await p.getByRole('navigation', { name: 'Navegación principal' }).waitFor();
}

/** Waits for the caseload's first rows (the first sync may still be running). */
export async function esperarBandeja(p: Page, minimo = 1): Promise<void> {
  await p
    .locator('[role="option"][data-numero]')
    .nth(minimo - 1)
    .waitFor({ timeout: 30_000 });
}

export async function irA(p: Page, pantalla: keyof typeof MENU): Promise<void> {
  await p
    .getByRole('navigation', { name: 'Navegación principal' })
    .getByRole('button', { name: MENU[pantalla] })
    .click();
}

export interface BarraDeEstado {
  conectado: boolean;
  pendientes: number;
  texto: string;
}

export async function leerBarraEstado(p: Page): Promise<BarraDeEstado> {
  const barra = p.getByRole('contentinfo', { name: 'Estado de sincronización' });
  return {
    conectado: (await barra.getAttribute('data-conectado')) === 'true',
    pendientes: Number(await barra.locator('[data-pendientes]').getAttribute('data-pendientes')),
    texto: (await barra.innerText()).replace(/\s+/g, ' ').trim(),
  };
}

/** Saves `<nombre>.png` under test/e2e/__output__ (gitignored) for people to look at. */
export async function capturar(p: Page, nombre: string): Promise<string> {
  fs.mkdirSync(SALIDA, { recursive: true });
  const archivo = path.join(SALIDA, `${nombre}.png`);
  // Let transitions and the virtual list settle.
  await p.waitForTimeout(150);
  await p.screenshot({ path: archivo });
  return archivo;
}

/**
 * A barcode scanner: the code's keys 5 ms apart and Enter, stamped with hardware times through CDP (as a USB scanner's
 * keys arrive), so a busy test machine delaying their dispatch does not make them look typed by a person.
 */
export async function escanear(p: Page, codigo: string, intervaloMs = 5): Promise<void> {
  const cdp = await p.context().newCDPSession(p);
  try {
    const t0 = Date.now() / 1000;
    const teclas = [...codigo].map((c) => ({ key: c, text: c }));
    const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };
    for (const [i, t] of [...teclas, enter].entries()) {
      const timestamp = t0 + (i * intervaloMs) / 1000;
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...t, timestamp });
      const { text: _text, ...sinTexto } = t;
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...sinTexto, timestamp: timestamp + 0.001 });
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * axe-core over every main screen in Chromium (WCAG 2.1 A/AA rules): no serious or critical violation. The failure
 * message lists each violation with the screen, the rule and the first offending elements, so it can be fixed.
 */
import { describe, expect, it } from 'vitest';
import { usarApp } from './helpers/usar-app.js';
import { violacionesGraves as graves } from './helpers/axe.js';
import { capturar, esperarBandeja, iniciarSesion, irA } from './helpers/pantallas.js';

const app = usarApp();

describe('accesibilidad (e2e)', { timeout: 180_000 }, () => {
  it('ninguna violación grave o crítica en las pantallas principales', async () => {
    const p = app().pagina;
    const encontradas: string[] = [];
    await p.getByRole('heading', { name: 'Ingrese a su cuenta' }).waitFor();
    encontradas.push(...(await graves(p, 'login')));

    await iniciarSesion(p, 'supervisor');
    await esperarBandeja(p);
    encontradas.push(...(await graves(p, 'bandeja')));

    await p.getByRole('button', { name: 'Guardar filtro' }).isDisabled();
    await p.getByLabel('Prioridad').selectOption('ALTA');
    await p.getByRole('button', { name: 'Guardar filtro' }).click();
    await p.getByRole('dialog').waitFor();
    encontradas.push(...(await graves(p, 'diálogo de filtro')));
    await p.keyboard.press('Escape');
    await p.getByRole('dialog').waitFor({ state: 'hidden' });
    await p.getByRole('button', { name: 'Quitar filtros' }).click();

    // A PPSH case's screen (the demo's workflow trámites, opened today, lead the list).
    await p.getByLabel('Tipo', { exact: true }).selectOption('PPSH');
    await p.locator('[role="option"][data-numero]').first().click();
    await p.getByTestId('expediente-numero').waitFor();
    encontradas.push(...(await graves(p, 'expediente')));
    await capturar(p, 'expediente');

    for (const pantalla of ['aprobacion', 'tablero', 'conflictos', 'ajustes'] as const) {
      await irA(p, pantalla);
      await p.locator('main h1').first().waitFor();
      await p.waitForTimeout(500); // charts and lists settle
      encontradas.push(...(await graves(p, pantalla)));
      await capturar(p, pantalla);
    }

    await p.keyboard.press('Control+l');
    await p.getByRole('heading', { name: 'Sesión bloqueada' }).waitFor();
    encontradas.push(...(await graves(p, 'bloqueo')));

    expect(encontradas).toEqual([]);
  });
});

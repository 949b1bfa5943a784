/**
 * axe-core over every main screen in Chromium (WCAG 2.1 A/AA rules): no serious or critical violation. The failure
 * message lists each violation with the screen, the rule and the first offending elements, so it can be fixed.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarApp, type AppDePrueba } from './helpers/app.js';
import { capturar, esperarBandeja, iniciarSesion, irA } from './helpers/pantallas.js';

let app: AppDePrueba;
beforeAll(async () => {
  app = await iniciarApp();
}, 180_000);
afterAll(async () => {
  await app?.cerrar();
});

async function graves(p: Page, pantalla: string): Promise<string[]> {
  // @axe-core/playwright types its page against the full playwright package; playwright-core's is the same object.
  const r = await new AxeBuilder({ page: p as unknown as ConstructorParameters<typeof AxeBuilder>[0]['page'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${pantalla}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describe('accesibilidad (e2e)', { timeout: 180_000 }, () => {
  it('ninguna violación grave o crítica en las pantallas principales', async () => {
    const p = app.pagina;
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

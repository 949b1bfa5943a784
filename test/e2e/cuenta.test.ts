/**
 * "Mi cuenta" in Chromium through the web shell: the strength of a new password follows the shared policy as she types,
 * the server's refusal shows under its field, the change succeeds and the desk keeps working on the new session; her
 * sessions are listed with this workstation marked, and the other one ends with her password. Screenshots at 1366×768
 * in Spanish and English, and axe on both.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { violacionesGraves as graves } from './helpers/axe.js';
import { capturar, irA } from './helpers/pantallas.js';
import { usarApp } from './helpers/usar-app.js';

const app = usarApp({ usuario: 'recepcion' });
const NUEVA = 'frase larga para la ventanilla';

async function idioma(p: Page, i: 'es' | 'en') {
  await app().shell.core['ajustes.guardar']({ idioma: i });
  await p.reload();
  await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe(i);
}

describe('mi cuenta (e2e)', { timeout: 120_000 }, () => {
  it('cambia la contraseña, lista sus sesiones y cierra la otra (es/en, 1366×768)', async () => {
    const p = app().pagina;
    await p.setViewportSize({ width: 1366, height: 768 });
    await app().api.login('recepcion');
    await irA(p, 'cuenta');
    await p.getByRole('heading', { name: 'Mis sesiones abiertas' }).waitFor();
    const filas = p.getByRole('table', { name: 'Mis sesiones abiertas' }).locator('tbody tr');
    await expect.poll(() => filas.count()).toBe(2);
    expect(await filas.filter({ hasText: 'Esta estación' }).count()).toBe(1);

    // Live strength, from the shared policy.
    await p.getByLabel('Contraseña nueva', { exact: true }).fill('password1234');
    await expect.poll(() => p.getByText('Es una contraseña común o filtrada: elija otra').count()).toBe(1);
    await p.getByLabel('Contraseña actual', { exact: true }).fill('demo2026');
    await p.getByLabel('Repita la contraseña nueva', { exact: true }).fill('password1234');
    await p.getByRole('button', { name: 'Cambiar contraseña' }).click();
    // The server's own Spanish message, under the field it names.
    await expect.poll(() => p.getByRole('alert').allInnerTexts()).toContainEqual(expect.stringMatching(/común/));

    await p.getByLabel('Contraseña nueva', { exact: true }).fill(NUEVA);
    await p.getByLabel('Repita la contraseña nueva', { exact: true }).fill(NUEVA);
    await p.getByRole('checkbox', { name: 'Mostrar contraseña' }).nth(1).check();
    expect(await p.getByLabel('Contraseña nueva', { exact: true }).getAttribute('type')).toBe('text');
    await expect.poll(() => p.getByText('Cumple con holgura').count()).toBe(1);
    await capturar(p, 'cuenta-nueva');
    expect(await graves(p, 'mi cuenta')).toEqual([]);
    await p.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await p
      .getByText(/Su contraseña se cambió/)
      .first()
      .waitFor();

    // The old password is over on the server, the other session too; this desk still works.
    await expect(app().api.login('recepcion')).rejects.toThrow(/401/);
    await app().api.login('recepcion', NUEVA);
    await app().shell.core['sync.ahora']({});
    await p.getByRole('button', { name: 'Actualizar' }).click();
    await expect.poll(() => filas.count()).toBe(2);
    await capturar(p, 'cuenta');

    await p.getByLabel('Su contraseña (para cerrar sesiones)', { exact: true }).fill(NUEVA);
    await p.getByRole('button', { name: 'Cerrar todas las demás' }).click();
    await expect.poll(() => filas.count()).toBe(1);
    await p.getByText('Solo tiene abierta la sesión de esta estación.').waitFor();

    await idioma(p, 'en');
    // A reload opens the caseload: back to the account screen, by its English name.
    await p
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('button', { name: /^My account/ })
      .click();
    await p.getByRole('heading', { name: 'My open sessions' }).waitFor();
    await p.getByLabel('New password', { exact: true }).fill('corta');
    await capturar(p, 'cuenta-en');
    expect(await graves(p, 'my account')).toEqual([]);
    await idioma(p, 'es');
  });

  it('sin conexión lo dice y no ofrece el formulario', async () => {
    const p = app().pagina;
    await irA(p, 'cuenta');
    await p.getByRole('heading', { name: 'Mis sesiones abiertas' }).waitFor();
    app().red.cortar();
    try {
      await app().shell.core['sync.ahora']({});
      await p.getByText(/Sin conexión con el servidor: para cambiar su contraseña/).waitFor();
      expect(await p.getByRole('button', { name: 'Cambiar contraseña' }).count()).toBe(0);
      await capturar(p, 'cuenta-sin-conexion');
    } finally {
      app().red.restablecer();
    }
    await app().shell.core['sync.ahora']({});
    await p.getByRole('heading', { name: 'Mis sesiones abiertas' }).waitFor();
  });
});

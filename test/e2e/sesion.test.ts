/**
 * Session in Chromium through the web shell: a wrong password says why, sign-in opens the desk, Ctrl+L locks, the
 * password unlocks, sign-out returns to the sign-in screen, and an account disabled on the server shows its reason.
 * Offline, the lock screen counts down the tries left; a final decision asks for the password again. Screenshots of
 * both at 1366×768, in Spanish and English.
 */
import { describe, expect, it } from 'vitest';
import { usarApp } from './helpers/usar-app.js';
import type { Page } from 'playwright-core';
import { PASSWORD_DEMO } from './helpers/app.js';
import { violacionesGraves as graves } from './helpers/axe.js';
import { capturar, esperarBandeja, iniciarSesion, irA } from './helpers/pantallas.js';

const app = usarApp();

describe('sesión (e2e)', { timeout: 120_000 }, () => {
  it('login fallido, login, bloqueo con Ctrl+L, desbloqueo y salida', async () => {
    const p = app().pagina;
    await p.getByRole('heading', { name: 'Ingrese a su cuenta' }).waitFor();
    await capturar(p, 'login');
    // The token left the address bar.
    expect(p.url()).not.toContain('token=');

    await p.getByLabel('Usuario').fill('recepcion');
    await p.getByLabel('Contraseña', { exact: true }).fill('equivocada');
    await p.getByRole('button', { name: 'Ingresar' }).click();
    await expect.poll(() => p.getByRole('alert').innerText()).toMatch(/contraseña|credenciales/i);
    await capturar(p, 'login-error');

    await iniciarSesion(p, 'recepcion');
    await esperarBandeja(p);
    await capturar(p, 'bandeja');

    await p.keyboard.press('Control+l');
    await p.getByRole('heading', { name: 'Sesión bloqueada' }).waitFor();
    await expect.poll(() => p.getByText(/Sin conexión puede desbloquear hasta el/).count()).toBe(1);
    await capturar(p, 'bloqueo');
    await p.getByLabel('Contraseña', { exact: true }).fill('demo2026');
    await p.getByRole('button', { name: 'Desbloquear' }).click();
    await p.getByRole('navigation', { name: 'Navegación principal' }).waitFor();

    await p.getByRole('button', { name: 'Cerrar sesión' }).click();
    await p.getByRole('heading', { name: 'Ingrese a su cuenta' }).waitFor();
  });

  it('una cuenta desactivada en el servidor muestra el motivo y solo deja ingresar con otra cuenta', async () => {
    const p = app().pagina;
    await iniciarSesion(p, 'analista');
    await esperarBandeja(p);
    // A change waits in the outbox, so the next sync talks to the server with this account.
    const [caso] = (await app().shell.core['expedientes.consultar']({ limite: 1, tipo: 'PPSH' })).items;
    await app().shell.core['ppsh.comentar']({ id: caso!.id, comentario: { comentario: 'Antes del bloqueo' } });
    await app().api.db.updateTable('usuarios').set({ activo: 0 }).where('username', '=', 'analista').execute();
    try {
      await app().shell.core['sync.ahora']({});
      await p.getByRole('heading', { name: 'Su cuenta no puede usarse en este momento' }).waitFor();
      expect(await p.getByRole('alert').innerText()).toMatch(/inactiv|desactiv/i);
      await capturar(p, 'cuenta-bloqueada');
      await p.getByRole('button', { name: 'Ingresar con otra cuenta' }).click();
      await p.getByRole('heading', { name: 'Ingrese a su cuenta' }).waitFor();
    } finally {
      await app().api.db.updateTable('usuarios').set({ activo: 1 }).where('username', '=', 'analista').execute();
    }
  });

  /** The officer's language, as Settings saves it; the page restarts in it. */
  async function idioma(p: Page, i: 'es' | 'en') {
    await app().shell.core['ajustes.guardar']({ idioma: i });
    await p.reload();
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe(i);
  }

  it('sin conexión la pantalla de bloqueo cuenta los intentos que quedan (es/en, 1366×768)', async () => {
    const p = app().pagina;
    await p.setViewportSize({ width: 1366, height: 768 });
    await iniciarSesion(p, 'recepcion');
    await esperarBandeja(p);
    await p.keyboard.press('Control+l');
    await p.getByRole('heading', { name: 'Sesión bloqueada' }).waitFor();
    app().red.cortar();
    try {
      await p.getByLabel('Contraseña', { exact: true }).fill('equivocada');
      await p.getByRole('button', { name: 'Desbloquear' }).click();
      await expect
        .poll(() => p.getByRole('alert').innerText(), { timeout: 15_000 })
        .toMatch(/Contraseña incorrecta: quedan 9 intentos sin conexión$/);
      expect(await p.getByTestId('intentos-restantes').innerText()).toBe(
        'Sin conexión le quedan 9 intentos: después hará falta conexión con el servidor.',
      );
      await capturar(p, 'bloqueo-intentos');
      expect(await graves(p, 'bloqueo con intentos')).toEqual([]);

      await idioma(p, 'en');
      await p.getByRole('heading', { name: 'Session locked' }).waitFor();
      expect(await p.getByTestId('intentos-restantes').innerText()).toBe(
        'Offline, 9 attempts are left: after that a connection to the server is needed.',
      );
      await capturar(p, 'bloqueo-intentos-en');
      await idioma(p, 'es');
      await p.getByRole('heading', { name: 'Sesión bloqueada' }).waitFor();

      await p.getByLabel('Contraseña', { exact: true }).fill(PASSWORD_DEMO);
      await p.getByRole('button', { name: 'Desbloquear' }).click();
      await p.getByRole('navigation', { name: 'Navegación principal' }).waitFor();
    } finally {
      app().red.restablecer();
    }
    await p.getByRole('button', { name: 'Cerrar sesión' }).click();
    await p.getByRole('heading', { name: 'Ingrese a su cuenta' }).waitFor();
  });

  it('aprobar pide la contraseña otra vez; una equivocada no decide nada (es/en, 1366×768)', async () => {
    const p = app().pagina;
    await p.setViewportSize({ width: 1366, height: 768 });
    await iniciarSesion(p, 'supervisor');
    await irA(p, 'aprobacion');
    const cola = p.getByRole('listbox', { name: 'Cola de aprobación' });
    await cola.getByRole('option').first().waitFor({ timeout: 30_000 });
    const numero = (await cola.getByRole('option').first().locator('.cola__numero').innerText()).trim();
    await cola.focus();
    await p.keyboard.press('a');
    const dialogo = p.getByRole('dialog', { name: 'Cambiar estado a «Aprobado»' });
    await dialogo.getByLabel('Número de resolución').fill('RES-SNM-2026-0007');
    await dialogo.getByLabel('Su contraseña').fill('equivocada');
    await capturar(p, 'decision-contrasena');
    expect(await graves(p, 'decisión con contraseña')).toEqual([]);
    await dialogo.getByRole('button', { name: 'Confirmar' }).click();
    await expect
      .poll(() => dialogo.getByRole('alert').innerText(), { timeout: 15_000 })
      .toMatch(/contraseña incorrect/i);
    // Nothing was decided: the case is still waiting.
    expect(await cola.getByRole('option').filter({ hasText: numero }).count()).toBe(1);
    await dialogo.getByRole('button', { name: 'Cancelar' }).click();

    await idioma(p, 'en');
    await p
      .getByRole('navigation')
      .getByRole('button', { name: /^Approvals/ })
      .click();
    await p.getByRole('listbox', { name: 'Approval queue' }).getByRole('option').first().waitFor();
    await p.getByRole('listbox', { name: 'Approval queue' }).focus();
    await p.keyboard.press('a');
    const enIngles = p.getByRole('dialog', { name: 'Change state to “Aprobado”' });
    await enIngles.getByLabel('Resolution number').fill('RES-SNM-2026-0007');
    await capturar(p, 'decision-contrasena-en');
    await enIngles.getByLabel('Your password').fill(PASSWORD_DEMO);
    await enIngles.getByRole('button', { name: 'Confirm' }).click();
    // The password goes to the server (and its hash to the desk) before the decision is queued: a few seconds at most.
    await expect
      .poll(
        () =>
          p.getByRole('listbox', { name: 'Approval queue' }).getByRole('option').filter({ hasText: numero }).count(),
        { timeout: 15_000 },
      )
      .toBe(0);
    await idioma(p, 'es');
    await p.setViewportSize({ width: 1366, height: 800 });
  });
});

/**
 * Session in Chromium through the web shell: a wrong password says why, sign-in opens the desk, Ctrl+L locks, the
 * password unlocks, sign-out returns to the sign-in screen, and an account disabled on the server shows its reason.
 */
import { describe, expect, it } from 'vitest';
import { usarApp } from './helpers/usar-app.js';
import { capturar, esperarBandeja, iniciarSesion } from './helpers/pantallas.js';

const app = usarApp();

describe('sesión (e2e)', { timeout: 120_000 }, () => {
  it('login fallido, login, bloqueo con Ctrl+L, desbloqueo y salida', async () => {
    const p = app().pagina;
    await p.getByRole('heading', { name: 'Ingrese a su cuenta' }).waitFor();
    await capturar(p, 'login');
    // The token left the address bar.
    expect(p.url()).not.toContain('token=');

    await p.getByLabel('Usuario').fill('recepcion');
    await p.getByLabel('Contraseña').fill('equivocada');
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
    await p.getByLabel('Contraseña').fill('demo2026');
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
});

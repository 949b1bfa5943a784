/** English switched on at runtime from Settings, kept across a reload, and back to Spanish. */
import { describe, expect, it } from 'vitest';
import { usarApp } from './helpers/usar-app.js';
import { capturar, irA } from './helpers/pantallas.js';

const app = usarApp({ usuario: 'supervisor' });

describe('idioma (e2e)', { timeout: 120_000 }, () => {
  it('inglés en caliente desde Ajustes, persiste al recargar, y vuelta al español', async () => {
    const p = app().pagina;
    const menu = p.getByRole('navigation');
    await irA(p, 'ajustes');
    await p.getByRole('heading', { name: 'Ajustes' }).waitFor();
    await capturar(p, 'ajustes');
    await p.getByLabel('Idioma').selectOption('en');
    await p.getByRole('button', { name: 'Guardar ajustes' }).click();

    await p.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    await menu.getByRole('button', { name: /^Caseload/ }).click();
    await p.getByRole('heading', { name: 'Caseload' }).waitFor();
    expect(await p.getByRole('contentinfo').innerText()).toMatch(/Online|Syncing/);
    await capturar(p, 'bandeja-en');

    // Saved in the desk's settings: a reload starts in English.
    await p.reload();
    await p.getByRole('heading', { name: 'Caseload' }).waitFor();

    await menu.getByRole('button', { name: /^Settings/ }).click();
    await p.getByLabel('Language').selectOption('es');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByRole('heading', { name: 'Ajustes' }).waitFor();
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await menu.innerText()).toContain('Bandeja');
  });

  it('un valor fuera de rango se señala en el campo, en español, y no se guarda', async () => {
    const p = app().pagina;
    const campo = p.getByLabel(/Espacio para documentos sin conexión/);
    await campo.fill('5');
    await p.getByRole('button', { name: 'Guardar ajustes' }).click();
    await p.getByText(/La caché de documentos debe tener al menos 50 MB/).waitFor();
    expect(await campo.getAttribute('aria-invalid')).toBe('true');
    await capturar(p, 'ajustes-error');
    expect((await app().shell.core['ajustes.leer']({})).cache_documentos_mb).not.toBe(5);
  });
});

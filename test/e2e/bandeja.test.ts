/**
 * The caseload in Chromium through the web shell: local search, a state filter, a saved filter, keyboard navigation,
 * the barcode scanner opening a case from the list and from inside the search box, and the offline state.
 */
import { describe, expect, it } from 'vitest';
import { usarApp } from './helpers/usar-app.js';
import { capturar, escanear, esperarBandeja, irA, leerBarraEstado } from './helpers/pantallas.js';

const app = usarApp({ usuario: 'recepcion' });

const filas = () => app().pagina.locator('[role="option"][data-numero]');
const lista = () => app().pagina.getByRole('listbox', { name: 'Expedientes' });
const buscador = () => app().pagina.getByRole('searchbox', { name: 'Buscar expedientes' });
/** The open case's number: a PPSH case's screen or a workflow trámite's (the caseload lists both). */
const tituloExpediente = () =>
  app().pagina.getByTestId('expediente-numero').or(app().pagina.getByTestId('tramite-numero'));

describe('bandeja (e2e)', { timeout: 120_000 }, () => {
  it('búsqueda local: las filas cambian al teclear y el conteo lo dice', async () => {
    const p = app().pagina;
    // The titular's passport or ID card number of a row far down the first page.
    const documento = (await filas().nth(5).locator('.fila__titular .fila__secundario').innerText()).split(' · ')[0]!;
    await p.keyboard.press('Control+k');
    await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('buscar-expedientes');
    await p.keyboard.type(documento);
    await expect
      .poll(() => filas().locator('.fila__titular .fila__secundario').allInnerTexts())
      .toEqual([expect.stringContaining(documento)]);
    expect(
      await p
        .getByRole('status')
        .filter({ hasText: /expediente$/ })
        .innerText(),
    ).toBe('1 expediente');
    await capturar(p, 'bandeja-busqueda');

    await buscador().fill('zzzz-ninguno');
    await p.getByText('Ningún expediente coincide con la búsqueda y los filtros').waitFor();
    await capturar(p, 'bandeja-sin-coincidencias');
    await p.getByRole('button', { name: 'Quitar filtros' }).click();
    await esperarBandeja(p);
  });

  it('filtro de estado, guardado con nombre y aplicado de nuevo', async () => {
    const p = app().pagina;
    await p.getByLabel('Estado', { exact: true }).selectOption('PPSH:RECIBIDO');
    await expect
      .poll(
        async () =>
          new Set(
            await filas()
              .locator('.insignia__texto')
              .filter({ hasText: /^Recibido$/ })
              .allInnerTexts(),
          ).size,
      )
      .toBe(1);
    const estados = await filas().evaluateAll((fs) =>
      fs.map((f) => f.querySelectorAll('.insignia__texto')[0]?.textContent ?? ''),
    );
    expect(estados.length).toBeGreaterThan(0);
    expect(new Set(estados)).toEqual(new Set(['Recibido']));

    await p.getByRole('button', { name: 'Guardar filtro' }).click();
    await p.getByRole('dialog').getByLabel('Nombre del filtro').fill('Recibidos');
    await p.getByRole('dialog').getByRole('button', { name: 'Guardar' }).click();
    await p.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => p.getByLabel('Estado', { exact: true }).inputValue()).toBe('');
    await p.getByLabel('Filtros guardados').selectOption('Recibidos');
    await expect.poll(() => p.getByLabel('Estado', { exact: true }).inputValue()).toBe('PPSH:RECIBIDO');
    await p.getByRole('button', { name: 'Quitar filtros' }).click();
  });

  it('flechas y Enter abren el caso resaltado', async () => {
    const p = app().pagina;
    await esperarBandeja(p, 2);
    await lista().focus();
    await p.keyboard.press('ArrowDown');
    const numero = await filas().nth(1).getAttribute('data-numero');
    expect(await filas().nth(1).getAttribute('aria-selected')).toBe('true');
    await p.keyboard.press('Enter');
    await expect.poll(() => tituloExpediente().innerText()).toBe(numero);
    await p.getByRole('button', { name: /Volver/ }).click();
    await esperarBandeja(p);
  });

  it('el escáner abre el caso desde la lista y desde dentro del buscador (sin dejar el código escrito)', async () => {
    const p = app().pagina;
    const numero = (await filas().nth(3).getAttribute('data-numero'))!;
    await lista().focus();
    await escanear(app().pagina, numero);
    await expect.poll(() => tituloExpediente().innerText()).toBe(numero);

    await irA(p, 'bandeja');
    await esperarBandeja(p);
    const otro = (await filas().nth(4).getAttribute('data-numero'))!;
    await buscador().fill('abc');
    await buscador().focus();
    await escanear(app().pagina, otro);
    await expect.poll(() => tituloExpediente().innerText()).toBe(otro);
    await irA(p, 'bandeja');
    expect(await buscador().inputValue()).toBe('abc');
    await buscador().fill('');

    // An unknown code says so.
    await lista().focus();
    await escanear(app().pagina, 'PPSH-1999-999999');
    await p.getByText(/No hay ningún expediente con el número o referencia PPSH-1999-999999/).waitFor();
  });

  it('sin conexión: la barra de estado y la bandeja lo dicen, y los datos locales siguen ahí', async () => {
    const p = app().pagina;
    app().red.cortar();
    try {
      await app()
        .shell.core['sync.ahora']({})
        .catch(() => undefined);
      await expect.poll(async () => (await leerBarraEstado(p)).conectado).toBe(false);
      await p.getByText(/Sin conexión: está trabajando con los datos de este equipo/).waitFor();
      await esperarBandeja(p);
      expect((await leerBarraEstado(p)).texto).toMatch(/Sin conexión/);
      await capturar(p, 'bandeja-sin-conexion');
    } finally {
      app().red.restablecer();
    }
    await app().shell.core['sync.ahora']({});
    await expect.poll(async () => (await leerBarraEstado(p)).conectado).toBe(true);
  });
});

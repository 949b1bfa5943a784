/**
 * The counter-to-decision story in Chromium through the web shell, against a real API: recepcion registers a request
 * with a dependent and a PDF (the upload's progress reaches "subido"), finds it in the caseload and prints the receipt;
 * with the network cut she registers another, which shows as pending with its provisional reference, and it gets its
 * PPSH- number when the network is back; the analista takes the first one to a favourable dictamen and sends it for
 * approval (and is never offered the supervisor's decision); the supervisor approves it from the queue with the
 * keyboard, and the server holds the decision; the viewer shows the uploaded PDF's page. Screenshots of every screen
 * of the story go to test/e2e/__output__.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfReal } from '../helpers/datos.js';
import { PASSWORD_DEMO } from './helpers/app.js';
import { usarApp } from './helpers/usar-app.js';
import { capturar, esperarBandeja, iniciarSesion, irA } from './helpers/pantallas.js';

const app = usarApp();

const TITULAR = { nombre: 'Mariela', apellido: 'Gutiérrez', pasaporte: 'V9876543' };
const SEGUNDA = { nombre: 'Yorman', apellido: 'Castillo', pasaporte: 'V1122334' };

async function llenarTitular(p: Page, t: typeof TITULAR) {
  const paso = p.locator('#registro-paso');
  await paso.getByLabel('Número de documento').fill(t.pasaporte);
  await paso.getByLabel('País emisor').selectOption('VEN');
  await paso.getByLabel('Primer nombre').fill(t.nombre);
  await paso.getByLabel('Primer apellido').fill(t.apellido);
  await paso.getByLabel('Fecha de nacimiento').fill('1986-03-14');
  await paso.getByLabel('Sexo').selectOption('F');
  await paso.getByLabel('Nacionalidad').selectOption('VEN');
  await paso.getByLabel('Teléfono').fill('+507-6123-4567');
}

const siguiente = (p: Page) => p.getByRole('button', { name: 'Siguiente →' }).click();

async function elegirCausa(p: Page) {
  await p.getByLabel('Causa humanitaria').selectOption({ index: 1 });
}

/** The mirrored case, read from the desk's core (what the screens read). */
async function casoPorTitular(apellido: string) {
  const { items } = await app().shell.core['expedientes.consultar']({ buscar: apellido, limite: 5 });
  return items[0];
}

/** Moves the open case with the detail's "Pasar a" buttons; a dictamen asks its grounds first. */
async function pasarA(p: Page, estado: string, fundamento?: string) {
  await p.getByRole('button', { name: `Pasar a: ${estado}` }).click();
  const dialogo = p.getByRole('dialog');
  if (fundamento) await dialogo.getByLabel(/Fundamento del dictamen/).fill(fundamento);
  await dialogo.getByRole('button', { name: 'Confirmar' }).click();
  await expect.poll(() => p.getByTestId('expediente-estado').innerText()).toBe(estado);
}

async function abrirDesdeBandeja(p: Page, buscar: string) {
  await irA(p, 'bandeja');
  await p.locator('#buscar-expedientes').fill(buscar);
  const fila = p.locator('[role="option"][data-numero]').filter({ hasText: buscar });
  await fila.first().waitFor({ timeout: 20_000 });
  await fila.first().click();
  await p.getByTestId('expediente-numero').waitFor();
}

describe('historia de ventanilla a resolución (e2e)', () => {
  it('recepción registra con dependiente y PDF, sin red registra otra; analista dictamina; supervisora aprueba con el teclado', async () => {
    const p = app().pagina;
    await iniciarSesion(p, 'recepcion');
    await esperarBandeja(p);

    // 1. Counter registration, step by step, with the schema's messages shown field by field.
    await irA(p, 'registro');
    await p.getByRole('heading', { name: 'Nueva solicitud PPSH' }).waitFor();
    await siguiente(p);
    await expect.poll(() => p.getByText('Revise los campos marcados antes de continuar.').count()).toBe(1);
    await p.locator('#registro-paso').getByLabel('Tipo de documento').selectOption('CEDULA');
    await p.locator('#registro-paso').getByLabel('Número de documento').fill('123456');
    await p.locator('#registro-paso').getByLabel('Número de documento').blur();
    await p.getByText('Cédula inválida: use el formato 8-123-4567').waitFor();
    await capturar(p, 'registro-errores');
    await p.locator('#registro-paso').getByLabel('Tipo de documento').selectOption('PASAPORTE');
    await llenarTitular(p, TITULAR);
    await capturar(p, 'registro-titular');
    await siguiente(p);

    await p.getByRole('button', { name: /Agregar dependiente/ }).click();
    const dependiente = p.getByRole('group', { name: /Dependiente 1/ });
    await dependiente.getByLabel('Parentesco con el titular').selectOption('HIJO');
    await dependiente.getByLabel('Número de documento').fill('V5566778');
    await dependiente.getByLabel('País emisor').selectOption('VEN');
    await dependiente.getByLabel('Primer nombre').fill('Santiago');
    await dependiente.getByLabel('Primer apellido').fill(TITULAR.apellido);
    await dependiente.getByLabel('Fecha de nacimiento').fill('2015-08-02');
    await dependiente.getByLabel('Sexo').selectOption('M');
    await dependiente.getByLabel('Nacionalidad').selectOption('VEN');
    await capturar(p, 'registro-dependientes');
    await siguiente(p);

    await elegirCausa(p);
    await p.getByLabel('Alta').check();
    await siguiente(p);
    await p
      .getByText(/La prioridad ALTA requiere una descripción/)
      .first()
      .waitFor();
    await p.getByLabel('Normal').check();
    await siguiente(p);

    // The decree's checklist: the minors' power of attorney becomes mandatory with a minor dependent.
    const menores = p.locator('.checklist__fila').filter({ hasText: 'Poder Notariado Menores' });
    await expect.poll(() => menores.getByText('Obligatorio').count()).toBe(1);
    await p.locator('input[type=file][aria-label="Adjuntar Pasaporte Notariado"]').setInputFiles({
      name: 'pasaporte-mariela.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfReal('Pasaporte notariado de Mariela Gutierrez'),
    });
    await p.getByText(/pasaporte-mariela\.pdf/).waitFor();
    await capturar(p, 'registro-documentos');
    await siguiente(p);
    await capturar(p, 'registro-revision');
    await p.getByRole('button', { name: 'Registrar solicitud' }).click();

    await p.getByRole('heading', { name: 'Solicitud registrada' }).waitFor();
    const referencia = await p.getByTestId('referencia-provisional').innerText();
    expect(referencia).toMatch(/^PROV-/);
    // The upload's progress bar reaches its end once the sync sent the file.
    await p.getByText('Subido al servidor').waitFor({ timeout: 15_000 });
    await expect.poll(() => p.getByTestId('numero-expediente').innerText(), { timeout: 30_000 }).toMatch(/^PPSH-/);
    const numero = await p.getByTestId('numero-expediente').innerText();
    await capturar(p, 'registro-confirmacion');

    // 2. In the caseload, and its receipt in the viewer.
    await abrirDesdeBandeja(p, numero);
    // RECEPCION may start the review or cancel, never the analyst's moves.
    await p.getByRole('button', { name: 'Pasar a: En Revisión Documental' }).waitFor();
    expect(await p.getByRole('button', { name: /Pasar a: Con Dictamen/ }).count()).toBe(0);
    await capturar(p, 'expediente-recepcion');
    await p.getByRole('button', { name: /Recibo/ }).click();
    const visor = p.getByRole('dialog', { name: new RegExp(`Recibo de la solicitud ${numero}`) });
    await expect.poll(() => visor.getByTestId('visor-paginas').innerText(), { timeout: 20_000 }).toBe('Página 1 de 1');
    await capturar(p, 'recibo');
    await p.keyboard.press('Escape');
    await expect.poll(() => visor.count()).toBe(0);

    // 3. The network is cut: the next request is registered locally and waits with its provisional reference.
    app().red.cortar();
    await irA(p, 'registro');
    await llenarTitular(p, SEGUNDA);
    await siguiente(p);
    await siguiente(p);
    await elegirCausa(p);
    await siguiente(p);
    await siguiente(p);
    await p.getByRole('button', { name: 'Registrar solicitud' }).click();
    await p.getByRole('heading', { name: 'Solicitud registrada' }).waitFor();
    const provisional = await p.getByTestId('referencia-provisional').innerText();
    expect(provisional).toMatch(/^PROV-/);
    await p.getByText('Pendiente de sincronizar').waitFor();
    await capturar(p, 'registro-sin-red');
    await abrirDesdeBandeja(p, SEGUNDA.apellido);
    expect(await p.getByTestId('expediente-numero').innerText()).toBe(provisional);
    await p.getByTestId('expediente-pendiente').waitFor();
    await capturar(p, 'expediente-pendiente');

    // 4. The network is back: the sync sends it and the server's number replaces the reference on screen.
    app().red.restablecer();
    await p.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect.poll(() => p.getByTestId('expediente-numero').innerText(), { timeout: 30_000 }).toMatch(/^PPSH-/);
    await expect.poll(() => p.getByTestId('expediente-pendiente').count()).toBe(0);

    // 5. The analista takes the first request to a favourable dictamen and sends it for approval.
    await p.getByRole('button', { name: 'Cerrar sesión' }).click();
    await iniciarSesion(p, 'analista');
    // The desk reopens where the previous officer left it; each one starts from the caseload.
    await irA(p, 'bandeja');
    await esperarBandeja(p);
    await abrirDesdeBandeja(p, numero);
    await pasarA(p, 'En Revisión Documental');
    await pasarA(p, 'En Verificación de Antecedentes');
    await pasarA(p, 'En Evaluación Técnica');
    // A dictamen without its grounds is refused on the desk with the rules' own message.
    await p.getByRole('button', { name: 'Pasar a: Con Dictamen Favorable' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
    await p.getByRole('dialog').getByText('El dictamen requiere tipo_dictamen y dictamen_detalle').waitFor();
    await p.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();
    await pasarA(
      p,
      'Con Dictamen Favorable',
      'Documentación completa y causa de reunificación familiar acreditada; antecedentes limpios.',
    );
    await pasarA(p, 'En Aprobación');
    // The decision is the supervisor's: the analista is not offered it.
    await p.getByText('Su rol no tiene acciones sobre la solicitud en este estado.').waitFor();
    expect(await p.getByRole('button', { name: 'Pasar a: Aprobado' }).count()).toBe(0);
    await capturar(p, 'expediente-analista');
    await p.getByRole('button', { name: 'Sincronizar ahora' }).click();
    const caso = await casoPorTitular(TITULAR.apellido);
    await expect
      .poll(
        async () => {
          const fila = await app()
            .api.db.selectFrom('ppsh_solicitudes')
            .select('estado_actual')
            .where('id', '=', caso!.id)
            .executeTakeFirst();
          return fila?.estado_actual;
        },
        { timeout: 30_000 },
      )
      .toBe('EN_APROBACION');

    // 6. The supervisor approves it from the queue, keyboard only.
    await p.getByRole('button', { name: 'Cerrar sesión' }).click();
    await iniciarSesion(p, 'supervisor');
    // The desk reopens where the previous officer left it; each one starts from the caseload.
    await irA(p, 'bandeja');
    await esperarBandeja(p);
    await irA(p, 'aprobacion');
    const cola = p.getByRole('listbox', { name: 'Cola de aprobación' });
    const opcion = cola.getByRole('option').filter({ hasText: numero });
    await opcion.waitFor({ timeout: 30_000 });
    await capturar(p, 'aprobacion');
    const opciones = await cola.getByRole('option').allInnerTexts();
    const indice = opciones.findIndex((o) => o.includes(numero));
    await cola.focus();
    for (let i = 0; i < indice; i++) await p.keyboard.press('ArrowDown');
    await expect.poll(() => opcion.getAttribute('aria-selected')).toBe('true');
    await p.keyboard.press('a');
    const decision = p.getByRole('dialog', { name: 'Cambiar estado a «Aprobado»' });
    // The resolution number field has the focus: the supervisor just types it and presses Enter.
    const resolucion = decision.getByLabel('Número de resolución');
    const idResolucion = await resolucion.getAttribute('id');
    await expect.poll(() => p.evaluate('document.activeElement && document.activeElement.id')).toBe(idResolucion);
    await p.keyboard.type('RES-SNM-2026-0142');
    // A final decision asks for the supervisor's password again: the next field.
    await p.keyboard.press('Tab');
    await p.keyboard.type(PASSWORD_DEMO);
    await capturar(p, 'aprobacion-dialogo');
    await p.keyboard.press('Enter');
    await expect.poll(() => opcion.count(), { timeout: 10_000 }).toBe(0);
    await p.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect
      .poll(
        async () => {
          const fila = await app()
            .api.db.selectFrom('ppsh_solicitudes')
            .select(['estado_actual', 'num_resolucion'])
            .where('id', '=', caso!.id)
            .executeTakeFirst();
          return fila && `${fila.estado_actual} ${fila.num_resolucion}`;
        },
        { timeout: 30_000 },
      )
      .toBe('APROBADO RES-SNM-2026-0142');

    // 7. The uploaded PDF in the viewer: its page drawn, its text searchable.
    await abrirDesdeBandeja(p, numero);
    await p.getByTestId('expediente-estado').getByText('Aprobado').waitFor();
    await capturar(p, 'expediente-supervisor');
    await p.getByRole('button', { name: 'Abrir pasaporte-mariela.pdf' }).click();
    const visorPdf = p.getByRole('dialog', { name: 'pasaporte-mariela.pdf' });
    await expect
      .poll(() => visorPdf.getByTestId('visor-paginas').innerText(), { timeout: 20_000 })
      .toBe('Página 1 de 1');
    await visorPdf.getByLabel('Buscar en el documento').fill('mariela');
    await visorPdf.getByRole('button', { name: 'Buscar', exact: true }).click();
    await visorPdf.getByText('1 coincidencia').waitFor();
    // The page is really drawn: the canvas has dark (text) pixels, not just a white sheet. Polled: the search's
    // highlight redraws the page, and on a loaded machine the new canvas may still be blank for a moment.
    // Runs in the page, written as source text (the test's tsconfig has no DOM types).
    const tinta = () =>
      p.evaluate(`(() => {
      const c = document.querySelector('[data-testid="visor-pagina"] canvas');
      if (!c) return 0;
      const datos = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let oscuros = 0;
      for (let i = 0; i < datos.length; i += 4) if (datos[i] < 100) oscuros++;
      return oscuros;
    })()`);
    await expect.poll(tinta, { timeout: 15_000 }).toBeGreaterThan(50);
    await capturar(p, 'visor-pdf');
    await p.keyboard.press('Escape');

    await irA(p, 'tablero');
    await p.getByRole('heading', { name: 'Tablero de la oficina' }).waitFor();
    await p.locator('.recharts-bar-rectangle').first().waitFor();
    await capturar(p, 'tablero');
  }, 240_000);
});

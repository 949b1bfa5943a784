/**
 * A workflow trámite in Chromium through the web shell, against a real API: recepción fills the first stage's form
 * (the template's regexes checked as she types, the required questions before moving on) and moves it on; the analista
 * opens the preliminary review, where "what must be corrected" appears only while the documents are marked incomplete
 * (mostrar_si re-run by the shared engine on every change). axe-core finds no serious or critical violation on the
 * workflow form, the registration form or the document viewer.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usarApp } from './helpers/usar-app.js';
import { violacionesGraves } from './helpers/axe.js';
import { capturar, esperarBandeja, iniciarSesion, irA } from './helpers/pantallas.js';

const app = usarApp();

const archivo = (nombre: string) => [{ nombre, sha256: 'a'.repeat(64), tamano_bytes: 1000 }];

/** Finds the case in the caseload by what it is called now (its reference, or its WF- number once synced). */
async function abrirTramite(p: Page, id: string) {
  const { numero } = await app().shell.core['workflow.detalle']({ id });
  await irA(p, 'bandeja');
  await p.locator('#buscar-expedientes').fill(numero);
  await p.locator(`[role="option"][data-numero="${numero}"]`).first().click();
  await p.getByTestId('tramite-numero').waitFor();
}

describe('trámite de workflow (e2e)', () => {
  it('formulario de etapa con regex y mostrar_si en vivo; sin violaciones graves de accesibilidad', async () => {
    const p = app().pagina;
    await iniciarSesion(p, 'recepcion');
    await esperarBandeja(p);
    const encontradas: string[] = [];

    // There is no "start a trámite" screen yet: the case is started through the core, as the caseload's action would.
    const inicio = await app().shell.core['workflow.iniciar']({ workflow_codigo: 'SOLICITUD_RESIDENCIA' });
    await p.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect
      .poll(async () => (await app().shell.core['workflow.detalle']({ id: inicio.id })).numero, { timeout: 30_000 })
      .toMatch(/^WF-/);
    await abrirTramite(p, inicio.id);
    await p.getByText('Formulario de la etapa: Datos personales').waitFor();

    await p.getByLabel(/Nombre completo del solicitante/).fill('María José Núñez');
    await p.getByLabel(/Número de pasaporte/).fill('VE1234567');
    await p.getByLabel(/Fecha de nacimiento/).fill('1990-04-12');
    await p.getByLabel(/Correo electrónico/).fill('maria.nunez@');
    // The template's regex, through the shared engine, as she types.
    await p.getByRole('alert').filter({ hasText: 'Correo electrónico inválido' }).waitFor();
    encontradas.push(...(await violacionesGraves(p, 'trámite con error')));
    await capturar(p, 'tramite-datos');
    await p.getByLabel(/Correo electrónico/).fill('maria.nunez@example.com');
    await expect.poll(() => p.getByRole('alert').filter({ hasText: 'Correo electrónico inválido' }).count()).toBe(0);
    await p.getByText('4 respuestas sin guardar').waitFor();
    await p.getByRole('button', { name: /^Avanzar a / }).click();
    await p.getByText('Formulario de la etapa: Carga de documentos').waitFor();

    // File answers have no desk upload yet: they go through the core, then the case waits for the analyst's review.
    await app().shell.core['workflow.transicionar']({
      id: inicio.id,
      transicion: {
        respuestas: {
          PASAPORTE: archivo('pasaporte.pdf'),
          FOTOGRAFIA: archivo('foto.jpg'),
          ANTECEDENTES_PENALES: archivo('antecedentes.pdf'),
          CERTIFICADO_SALUD: archivo('salud.pdf'),
          SOLVENCIA_ECONOMICA: archivo('banco.pdf'),
        },
      },
    });
    await p.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect.poll(async () => (await app().shell.core['sync.estado']({})).pendientes, { timeout: 30_000 }).toBe(0);

    await p.getByRole('button', { name: 'Cerrar sesión' }).click();
    await iniciarSesion(p, 'analista');
    await irA(p, 'bandeja');
    await esperarBandeja(p);
    await abrirTramite(p, inicio.id);
    await p.getByText('Formulario de la etapa: Revisión preliminar').waitFor();
    const observaciones = p.getByLabel(/Qué debe corregir el solicitante/);
    expect(await observaciones.count()).toBe(0);
    await p.getByLabel(/Los documentos están completos/).selectOption('NO');
    await observaciones.waitFor();
    await capturar(p, 'tramite-revision');
    encontradas.push(...(await violacionesGraves(p, 'trámite')));
    await p.getByLabel(/Los documentos están completos/).selectOption('SI');
    await expect.poll(() => observaciones.count()).toBe(0);

    // The analista registers at the counter too: the registration form and its errors.
    await irA(p, 'registro');
    await p.getByRole('button', { name: 'Siguiente →' }).click();
    await p.getByText('Revise los campos marcados antes de continuar.').waitFor();
    encontradas.push(...(await violacionesGraves(p, 'registro con errores')));

    expect(encontradas).toEqual([]);
  }, 180_000);
});

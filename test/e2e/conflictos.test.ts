/**
 * A conflicting edit reaches the officer: two desks edit the same case offline, the other desk syncs first, and the
 * browser's status bar and conflicts panel show the change with the server's reason; fixed and resent, it lands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casoEn, puesto, type Puesto } from '../sync/helpers/escenario.js';
import { usarApp } from './helpers/usar-app.js';
import { capturar, leerBarraEstado } from './helpers/pantallas.js';

const app = usarApp({ usuario: 'recepcion' });
let otro: Puesto;
beforeAll(async () => {
  otro = await puesto(app().api, 'analista');
}, 60_000);
afterAll(async () => {
  await otro?.cerrar();
});

describe('panel de conflictos (e2e)', { timeout: 120_000 }, () => {
  it('muestra la edición en conflicto con el motivo del servidor; corregida y reenviada, llega al servidor', async () => {
    const p = app().pagina;
    const core = app().shell.core;
    const id = await casoEn(core, 'EN_EVALUACION');
    app().red.cortar();
    await core['ppsh.editar']({ id, cambios: { observaciones_generales: 'Versión de recepción' } });
    await otro.core['ppsh.editar']({ id, cambios: { observaciones_generales: 'Versión del analista' } });
    await otro.core['sync.ahora']({});
    app().red.restablecer();
    await core['sync.ahora']({});

    // The status bar counts it and leads to the panel.
    await expect.poll(async () => (await leerBarraEstado(p)).texto).toMatch(/1 conflicto/);
    await p.getByRole('contentinfo').getByRole('button', { name: '1 conflicto' }).click();
    const tarjeta = p.getByRole('article', { name: 'Edición de solicitud' });
    await tarjeta.waitFor();
    expect(await tarjeta.innerText()).toMatch(/En conflicto/);
    expect(await tarjeta.locator('.conflicto__mensaje').innerText()).toMatch(/Otra persona modificó/);
    expect(await tarjeta.locator('.conflicto__codigo').innerText()).toBe('CONFLICTO_VERSION');
    await tarjeta.getByText('Lo que tiene el servidor ahora').click();
    expect(await tarjeta.locator('pre').innerText()).toContain('Versión del analista');
    await capturar(p, 'conflictos');

    await tarjeta.getByRole('button', { name: 'Corregir y reenviar' }).click();
    const dialogo = p.getByRole('dialog', { name: 'Corregir y reenviar' });
    const json = dialogo.getByLabel('Datos del cambio');
    await json.fill('{ roto');
    await dialogo.getByRole('button', { name: 'Corregir y reenviar' }).click();
    await dialogo.getByText(/El texto no es JSON válido/).waitFor();
    await capturar(p, 'conflictos-editar');
    await json.fill(
      JSON.stringify({ solicitudId: id, cambios: { observaciones_generales: 'Versión acordada con el analista' } }),
    );
    await dialogo.getByRole('button', { name: 'Corregir y reenviar' }).click();
    await p.getByText('No hay cambios rechazados ni en conflicto').waitFor();

    await core['sync.ahora']({});
    const enServidor = await app()
      .api.db.selectFrom('ppsh_solicitudes')
      .select('observaciones_generales')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(enServidor.observaciones_generales).toBe('Versión acordada con el analista');
    await expect.poll(async () => (await leerBarraEstado(p)).texto).not.toMatch(/conflicto/);
  });
});

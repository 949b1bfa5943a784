/**
 * The server's epoch (docs/sync.md "Restore"): every cursor and every pull and push answer carries it; a cursor or a push
 * of another epoch is sent back to the start whatever its numbers; the ops CLI's restore (a real process over the real
 * SQLite file) starts a new epoch and moves every number counter past the margin; a registration re-sent after a
 * restore gets its old number back when nobody else holds it.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ArgsComando, PullRespuesta, PushRespuesta } from '#shared/sync/protocolo';
import { fechaPanama } from '#shared/calendario';
import { MARGEN_RESTAURACION } from '../../server/src/db/secuencias.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { respaldar, restaurar } from '../sync/helpers/restauracion.js';
import { CLIENTE, comando, pullCompleto, solicitudOffline } from './ayudas.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(() => s?.cerrar());

const ANIO = Number(fechaPanama().slice(0, 4));
const token = async (usuario = 'recepcion') => (await s.login(usuario)).access_token;

async function push(t: string, comandos: ReturnType<typeof comando>[], epoca?: string) {
  const r = await cliente(t).post(`${s.api}/sync/push`, { clientId: CLIENTE, ...(epoca ? { epoca } : {}), comandos });
  expect(r.status).toBe(200);
  return r.body as PushRespuesta;
}

async function registrar(t: string, extra: Partial<ArgsComando<'ppsh.registrar'>> = {}) {
  const args = { ...solicitudOffline(), ...extra };
  const r = await push(t, [comando('ppsh.registrar', args)]);
  expect(r.resultados[0]).toMatchObject({ status: 'applied' });
  return { args, num: r.resultados[0]!.result!.num_expediente! };
}

const tramite = (): ArgsComando<'workflow.iniciar'> => ({
  id: uuidv7(),
  referencia_provisional: `WF-PROV-${uuidv7().slice(-6)}`,
  workflow_codigo: 'VISA_TURISTA_SIMPLE',
});

const contadores = async () =>
  Object.fromEntries(
    (await s.db.selectFrom('secuencias').selectAll().execute()).map((f) => [`${f.nombre}-${f.anio}`, Number(f.valor)]),
  );

const valorDe = (num: string) => Number(num.slice(-6));

describe('la época viaja en cursores y respuestas', () => {
  test('un cursor de otra época o del formato anterior pide EPOCA_CAMBIADA aunque su número sea válido', async () => {
    const t = await token();
    const primera = (await cliente(t).get(`${s.api}/sync/pull?limit=1`)).body as PullRespuesta;
    expect(primera.epoca).toMatch(/^[0-9a-f]{32}$/);
    expect(primera.nextCursor.startsWith(`${primera.epoca}.02:`)).toBe(true);
    const seq = primera.nextCursor.split(':')[1];

    const ok = await cliente(t).get(`${s.api}/sync/pull?cursor=${primera.nextCursor}&limit=1`);
    expect(ok.body.reset).toBeUndefined();
    expect(ok.body.epoca).toBe(primera.epoca);

    // The same position without the epoch (a cursor issued before epochs), or in another history: start over.
    for (const cursor of [`02:${seq}`, `${'f'.repeat(32)}.02:${seq}`]) {
      const r = await cliente(t).get(`${s.api}/sync/pull?cursor=${cursor}`);
      expect(r.body).toMatchObject({
        changes: [],
        nextCursor: '0',
        hasMore: true,
        epoca: primera.epoca,
        reset: { motivo: 'EPOCA_CAMBIADA', mensaje: expect.stringMatching(/restaurado/) },
      });
    }
  });

  test('un push de otra época no aplica nada y pide reset; de la misma, o sin época, se aplica y responde la época', async () => {
    const t = await token();
    const { epoca } = (await cliente(t).get(`${s.api}/sync/pull?limit=1`)).body as PullRespuesta;
    const caso = solicitudOffline();
    const otra = await push(t, [comando('ppsh.registrar', caso)], 'a'.repeat(32));
    expect(otra).toEqual({
      resultados: [],
      epoca,
      reset: { motivo: 'EPOCA_CAMBIADA', mensaje: expect.stringMatching(/restaurado/) },
    });
    expect(await s.db.selectFrom('ppsh_solicitudes').select('id').where('id', '=', caso.id).executeTakeFirst()).toBe(
      undefined,
    );
    expect(await push(t, [comando('ppsh.registrar', caso)], epoca)).toMatchObject({
      epoca,
      resultados: [{ status: 'applied' }],
    });
    const sinEpoca = await push(t, [comando('ppsh.registrar', solicitudOffline())]);
    expect(sinEpoca).toMatchObject({ epoca, resultados: [{ status: 'applied' }] });
    expect(sinEpoca.reset).toBeUndefined();
  });
});

describe('restauración con la herramienta de operaciones', () => {
  test('inicia otra época, avanza cada contador (PPSH y trámites, cada año) y un número anterior se devuelve a su caso', async () => {
    const t = await token();
    const antes = await pullCompleto(s.api, t);
    const { epoca: epocaAntes } = (await cliente(t).get(`${s.api}/sync/pull?limit=1`)).body as PullRespuesta;
    // A counter of another year, as a database that lived through a new year has.
    await s.db
      .insertInto('secuencias')
      .values({ nombre: 'PPSH', anio: ANIO - 20, valor: 5000 })
      .execute();
    await push(t, [comando('workflow.iniciar', tramite())]);
    const respaldo = await respaldar(s);
    const enRespaldo = await contadores();

    // After the backup: two cases get numbers that are then printed on receipts, and the restore loses them.
    const perdido = await registrar(t);
    const otroPerdido = await registrar(t);
    const wf = tramite();
    const wfPerdido = (await push(t, [comando('workflow.iniciar', wf)])).resultados[0]!.result!.num_expediente!;
    const cabezaAntes = antes.cursor.split(':')[1];
    const enVivo = await contadores();

    const r = await restaurar(s, respaldo);
    s = r.servidor;
    expect(r.salida).toMatch(/Nueva época de sincronización/);
    const t2 = await token();

    const despues = await contadores();
    // Past the higher of the backup's counters and those of the database it replaced (numbers printed after it).
    const esperado = Object.fromEntries(
      Object.entries(enRespaldo).map(([k, v]) => [k, Math.max(v, enVivo[k] ?? 0) + MARGEN_RESTAURACION]),
    ) as Record<string, number>;
    // Every template's counter for this year exists past the margin, even those that had issued nothing yet.
    for (const codigo of (await s.db.selectFrom('workflows').select('codigo').distinct().execute()).map(
      (w) => w.codigo,
    ))
      esperado[`WF-${codigo}-${ANIO}`] ??= MARGEN_RESTAURACION;
    expect(despues).toEqual(esperado);
    expect(despues[`PPSH-${ANIO - 20}`]).toBe(5000 + MARGEN_RESTAURACION);

    // A cursor of the old history is reset although its number is not ahead of the restored head.
    const { epoca } = (await cliente(t2).get(`${s.api}/sync/pull?limit=1`)).body as PullRespuesta;
    expect(epoca).not.toBe(epocaAntes);
    const viejo = await cliente(t2).get(`${s.api}/sync/pull?cursor=${epocaAntes}.02:${cabezaAntes}`);
    expect(viejo.body.reset.motivo).toBe('EPOCA_CAMBIADA');

    // The next registration never gets a number issued before the restore.
    const nuevo = await registrar(t2);
    expect(valorDe(nuevo.num)).toBe(enVivo[`PPSH-${ANIO}`]! + MARGEN_RESTAURACION + 1);
    expect(valorDe(nuevo.num)).toBeGreaterThan(valorDe(otroPerdido.num));

    // Re-sent with the number on the receipt: it comes back, for PPSH and for a trámite.
    const devuelto = await push(t2, [
      comando('ppsh.registrar', { ...perdido.args, num_expediente_anterior: perdido.num }),
      comando('workflow.iniciar', { ...wf, num_expediente_anterior: wfPerdido }),
    ]);
    expect(devuelto.resultados.map((x) => x.result?.num_expediente)).toEqual([perdido.num, wfPerdido]);

    // A number someone else holds now is not given twice: the case gets a new one.
    const repetido = await registrar(t2, { num_expediente_anterior: perdido.num });
    expect(repetido.num).not.toBe(perdido.num);
    expect(valorDe(repetido.num)).toBe(valorDe(nuevo.num) + 1);

    // Nor a number beyond what any counter could have issued (a desk cannot reserve numbers ahead).
    const lejano = `PPSH-${ANIO}-${String(valorDe(repetido.num) + MARGEN_RESTAURACION + 1).padStart(6, '0')}`;
    const adelantado = await registrar(t2, { num_expediente_anterior: lejano });
    expect(adelantado.num).toBe(`PPSH-${ANIO}-${String(valorDe(repetido.num) + 1).padStart(6, '0')}`);
  });

  test('restaurar dos veces el mismo respaldo no vuelve a dar los números que imprimió la primera historia', async () => {
    const respaldo = await respaldar(s, 'doble.sqlite');
    s = (await restaurar(s, respaldo)).servidor;
    const impreso = await registrar(await token());
    s = (await restaurar(s, respaldo)).servidor;
    const t = await token();
    const siguiente = await registrar(t);
    expect(valorDe(siguiente.num)).toBeGreaterThan(valorDe(impreso.num));
    // The first restored history's case, re-sent from its desk's journal, gets its printed number back.
    const devuelto = await push(t, [
      comando('ppsh.registrar', { ...impreso.args, num_expediente_anterior: impreso.num }),
    ]);
    expect(devuelto.resultados[0]!.result!.num_expediente).toBe(impreso.num);
  });

  test('un número por encima del contador (restauración hecha a mano) se concede y el contador sube hasta él', async () => {
    const t = await token();
    const { valor } = await s.db
      .selectFrom('secuencias')
      .select('valor')
      .where('nombre', '=', 'PPSH')
      .where('anio', '=', ANIO)
      .executeTakeFirstOrThrow();
    const pedido = `PPSH-${ANIO}-${String(Number(valor) + 7).padStart(6, '0')}`;
    expect((await registrar(t, { num_expediente_anterior: pedido })).num).toBe(pedido);
    expect(valorDe((await registrar(t)).num)).toBe(Number(valor) + 8);
  });

  test('un número con otro prefijo o mal formado es un rechazo de validación, guardado', async () => {
    const t = await token();
    const r = await push(t, [
      comando('ppsh.registrar', { ...solicitudOffline(), num_expediente_anterior: 'WF-X-2026-000001' }),
    ]);
    expect(r.resultados[0]).toMatchObject({ status: 'rejected', code: 'VALIDACION' });
  });
});

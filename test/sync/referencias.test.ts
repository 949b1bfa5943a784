/**
 * A provisional reference names one case only, and a conflict says who the other writer was. Real desks against a real
 * server: references made at two desks of one office never repeat (a desk prefix and a counter that survives a restart),
 * the server refuses a second case bringing a reference it already holds, and an officer whose edit clashes with her
 * own edit from another desk is told so ("Usted modificó…"), not that someone else did.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solicitud, titular } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { comando, empujar, solicitudOffline } from '../sync-server/ayudas.js';
import { casoEn, puesto } from './helpers/escenario.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(() => s.cerrar());

const FORMATO = /^PROV-02-[0-9A-HJKMNP-TV-Z]{6}-\d{4}$/;

describe('referencias provisionales', () => {
  it('dos escritorios de una oficina nunca repiten una referencia, tampoco tras reiniciar', async () => {
    const a = await puesto(s, 'recepcion');
    const b = await puesto(s, 'recepcion');
    try {
      a.red.cortar();
      b.red.cortar();
      const registrar = async (p: typeof a, i: number) =>
        (
          await p.core['ppsh.registrar'](
            solicitud({
              tipo_solicitud: 'INDIVIDUAL',
              solicitantes: [titular({ num_documento: `VE8${String(i).padStart(6, '0')}` })],
            }) as never,
          )
        ).referencia_provisional!;
      const refs: string[] = [];
      for (let i = 0; i < 20; i++) refs.push(await registrar(a, i), await registrar(b, 100 + i));
      await a.reiniciar();
      await a.core['sesion.desbloquear']({ password: 'demo2026' }).catch(() => undefined);
      refs.push(await registrar(a, 500));
      expect(refs.every((r) => FORMATO.test(r))).toBe(true);
      expect(new Set(refs).size).toBe(refs.length);
      // One prefix per desk; the restarted desk goes on counting where it was.
      expect(new Set(refs.map((r) => r.slice(8, 14))).size).toBe(2);
      expect(refs.at(-1)!.endsWith('-0021')).toBe(true);
    } finally {
      await a.cerrar();
      await b.cerrar();
    }
  });

  it('el servidor no guarda dos veces la misma referencia provisional', async () => {
    const token = (await s.login('recepcion')).access_token;
    const primero = solicitudOffline('PROV-02-REPETIDA-0001');
    const segundo = solicitudOffline('PROV-02-REPETIDA-0001');
    const r = await empujar(s.api, token, [comando('ppsh.registrar', primero), comando('ppsh.registrar', segundo)]);
    expect(r.body.resultados[0].status).toBe('applied');
    expect(r.body.resultados[1]).toMatchObject({
      status: 'rejected',
      code: 'DUPLICADO',
      message:
        'La referencia provisional PROV-02-REPETIDA-0001 ya identifica otro expediente; registre el caso de nuevo ' +
        'para que reciba otra referencia y entregue al solicitante el nuevo recibo',
    });
    const n = await s.db
      .selectFrom('ppsh_solicitudes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('referencia_provisional', '=', 'PROV-02-REPETIDA-0001')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    // The index itself holds even for a writer that skips the check.
    await expect(
      s.db
        .updateTable('ppsh_solicitudes')
        .set({ referencia_provisional: 'PROV-02-REPETIDA-0001' })
        .where(
          'id',
          '=',
          (
            await s.db
              .selectFrom('ppsh_solicitudes')
              .select('id')
              .where('id', '!=', primero.id)
              .executeTakeFirstOrThrow()
          ).id,
        )
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
  });
});

describe('conflicto con uno mismo desde otra estación', () => {
  it('dice "Usted modificó este expediente desde otra estación…" cuando el otro escritor fue la misma funcionaria', async () => {
    const a = await puesto(s, 'analista');
    const b = await puesto(s, 'analista');
    try {
      const id = await casoEn(a.core, 'EN_EVALUACION', 2);
      await b.core['sync.ahora']({});
      a.red.cortar();
      const { mutationId } = await a.core['ppsh.editar']({
        id,
        cambios: { observaciones_generales: 'Desde la ventanilla 1' },
      });
      await b.core['ppsh.editar']({ id, cambios: { observaciones_generales: 'Desde la ventanilla 2' } });
      expect(await b.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
      a.red.restablecer();
      expect(await a.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1 });
      expect(await a.core['conflictos.listar']({})).toMatchObject([
        {
          mutationId,
          estado: 'conflicto',
          code: 'CONFLICTO_VERSION',
          message:
            'Usted modificó este expediente desde otra estación mientras trabajaba sin conexión en esta; revise cuál ' +
            'de sus cambios debe quedar y vuelva a aplicarlo',
        },
      ]);
    } finally {
      await a.cerrar();
      await b.cerrar();
    }
  });

  it('si el otro escritor fue otra persona, sigue diciendo "Otra persona modificó…"', async () => {
    const token = (await s.login('recepcion')).access_token;
    const caso = solicitudOffline();
    expect((await empujar(s.api, token, [comando('ppsh.registrar', caso)])).body.resultados[0].status).toBe('applied');
    const otra = (await s.login('analista')).access_token;
    const deOtra = await empujar(s.api, otra, [
      comando(
        'ppsh.editar',
        { solicitudId: caso.id, cambios: { observaciones_generales: 'De otra' } },
        { baseVersion: 1 },
      ),
    ]);
    expect(deOtra.body.resultados[0].status).toBe('applied');
    const r = await empujar(s.api, token, [
      comando(
        'ppsh.editar',
        { solicitudId: caso.id, cambios: { observaciones_generales: 'Mía' } },
        { baseVersion: 1, mutationId: uuidv7() },
      ),
    ]);
    expect(r.body.resultados[0]).toMatchObject({
      status: 'conflict',
      message:
        'Otra persona modificó estos datos mientras usted trabajaba sin conexión; revise y vuelva a aplicar su cambio',
    });
  });
});

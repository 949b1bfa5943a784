/** Pull: what each officer receives, in what order, and when the desktop must start over. */
import { describe, expect, test } from 'vitest';
import type { Cambio, PullRespuesta } from '#shared/sync/protocolo';
import { compactarCambios } from '../../server/src/modules/sync/cambios.js';
import { cliente } from '../helpers/http.js';
import { comando, empujar, pullCompleto, solicitudOffline, servidorCompartido } from './ayudas.js';

const { servidor, token } = servidorCompartido();

const casosDe = (cambios: Cambio[]) => new Set(cambios.filter((c) => c.tabla === 'ppsh_solicitudes').map((c) => c.id));
const tablasDe = (cambios: Cambio[]) => new Set(cambios.map((c) => c.tabla));

describe('alcance', () => {
  test('un funcionario de la oficina 02 nunca recibe filas de la oficina 04, y los catálogos llegan a todos', async () => {
    const panama = (await pullCompleto(servidor().api, await token('recepcion'))).cambios;
    const darien = (await pullCompleto(servidor().api, await token('recepcion.darien'))).cambios;

    for (const [cambios, oficina] of [
      [panama, '02'],
      [darien, '04'],
    ] as const) {
      const casos = casosDe(cambios);
      expect(cambios.filter((c) => c.tabla === 'ppsh_solicitudes').every((c) => c.fila!.cod_agencia === oficina)).toBe(
        true,
      );
      const hijos = cambios.filter((c) => c.fila && 'solicitud_id' in c.fila);
      expect(hijos.length).toBeGreaterThan(casos.size);
      expect(hijos.every((c) => casos.has(c.fila!.solicitud_id as string))).toBe(true);
      for (const catalogo of ['agencias', 'paises', 'ppsh_estados', 'ppsh_tipos_documento', 'ppsh_conceptos_pago'])
        expect(tablasDe(cambios)).toContain(catalogo);
    }
    const enDb = await servidor()
      .db.selectFrom('ppsh_solicitudes')
      .select('id')
      .where('cod_agencia', '=', '02')
      .execute();
    expect(casosDe(panama)).toEqual(new Set(enDb.map((f) => f.id)));
    expect([...casosDe(darien)].some((id) => casosDe(panama).has(id))).toBe(false);
  });

  test('la columna interna de búsqueda no viaja: el escritorio arma su propio índice', async () => {
    const { cambios } = await pullCompleto(servidor().api, await token('analista'));
    const caso = cambios.find((c) => c.tabla === 'ppsh_solicitudes')!;
    expect(caso.fila).toHaveProperty('nombre_titular');
    expect(caso.fila).not.toHaveProperty('texto_busqueda');
  });

  test('el usuario de consulta recibe los comentarios internos como borrados', async () => {
    const analista = await token('analista');
    const { cursor } = await pullCompleto(servidor().api, await token('consulta'));
    const caso = (await cliente(analista).get(`${servidor().api}/ppsh/solicitudes?page_size=1`)).body.items[0]
      .id as string;
    const r = await empujar(servidor().api, analista, [
      comando('ppsh.comentar', {
        solicitudId: caso,
        comentario: { id: crypto.randomUUID(), comentario: 'Nota interna', es_interno: true },
      }),
    ]);
    const id = r.body.resultados[0].result.id as string;

    const vistoPorConsulta = (await pullCompleto(servidor().api, await token('consulta'), cursor)).cambios.find(
      (c) => c.id === id,
    );
    expect(vistoPorConsulta).toMatchObject({ tabla: 'ppsh_comentarios', op: 'delete' });
    expect(vistoPorConsulta).not.toHaveProperty('fila');
  });
});

describe('paginación', () => {
  test('las páginas llegan en orden, sin huecos ni repetidos, y hasMore se apaga al final', async () => {
    const t = await token('supervisor');
    const entero = await pullCompleto(servidor().api, t);
    const paginado = await pullCompleto(servidor().api, t, '0', 250);
    expect(paginado.paginas).toBeGreaterThan(5);
    const seqs = paginado.cambios.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(paginado.cambios).toEqual(entero.cambios);

    const nada = await cliente(t).get(`${servidor().api}/sync/pull?cursor=${paginado.cursor}`);
    expect(nada.body).toMatchObject({ changes: [], hasMore: false, nextCursor: paginado.cursor });
  });

  test('con contar=true la respuesta dice cuántos cambios faltan, para la barra de progreso', async () => {
    const t = await token('recepcion');
    const total = (await pullCompleto(servidor().api, t)).cambios.length;
    const r = await cliente(t).get(`${servidor().api}/sync/pull?limit=100&contar=true`);
    expect(r.body.changes).toHaveLength(100);
    expect(r.body.restantes).toBe(total - 100);
  });

  test('un cambio nuevo llega en el siguiente pull con la fila completa y su versión', async () => {
    const t = await token('recepcion');
    const { cursor } = await pullCompleto(servidor().api, t);
    const args = solicitudOffline();
    await empujar(servidor().api, t, [comando('ppsh.registrar', args)]);
    const { cambios } = await pullCompleto(servidor().api, t, cursor);
    expect(cambios.map((c) => c.tabla)).toEqual(['ppsh_solicitudes', 'ppsh_solicitantes', 'ppsh_estado_historial']);
    expect(cambios[0]).toMatchObject({
      id: args.id,
      op: 'upsert',
      version: 1,
      fila: { referencia_provisional: args.referencia_provisional },
    });
  });
});

describe('reinicio', () => {
  test('quien cambia de oficina recibe un reset, y el reset es una primera sincronización normal', async () => {
    const t = await token('recepcion.darien');
    const { cursor } = await pullCompleto(servidor().api, t);
    await servidor()
      .db.updateTable('usuarios')
      .set({ cod_agencia: '01' })
      .where('username', '=', 'recepcion.darien')
      .execute();
    try {
      // Moving her to another office ended her sessions: the old token is refused, she signs in again.
      const viejo = await cliente(t).get(`${servidor().api}/sync/pull?cursor=${cursor}`);
      expect(viejo.status).toBe(401);
      const nuevo = (await servidor().login('recepcion.darien')).access_token;
      const r = await cliente(nuevo).get(`${servidor().api}/sync/pull?cursor=${cursor}`);
      expect(r.body).toMatchObject({
        changes: [],
        nextCursor: '0',
        hasMore: true,
        reset: { motivo: 'ALCANCE_CAMBIADO' },
      });
      expect(r.body.reset.mensaje).toMatch(/oficina/);

      const { cambios } = await pullCompleto(servidor().api, nuevo, r.body.nextCursor);
      expect(cambios.filter((c) => c.tabla === 'ppsh_solicitudes').every((c) => c.fila!.cod_agencia === '01')).toBe(
        true,
      );
    } finally {
      await servidor()
        .db.updateTable('usuarios')
        .set({ cod_agencia: '04' })
        .where('username', '=', 'recepcion.darien')
        .execute();
    }
  });

  test('una fila purgada llega como borrado, y tras compactar un cursor anterior pide reset', async () => {
    const t = await token('recepcion');
    const caso = solicitudOffline();
    const comentarioId = crypto.randomUUID();
    await empujar(servidor().api, t, [comando('ppsh.registrar', caso)]);
    const { cursor: antes } = await pullCompleto(servidor().api, t);
    await empujar(servidor().api, t, [
      comando('ppsh.comentar', {
        solicitudId: caso.id,
        comentario: { id: comentarioId, comentario: 'Se purgará', es_interno: true },
      }),
    ]);
    const { cursor: despues } = await pullCompleto(servidor().api, t, antes);
    await servidor().db.deleteFrom('ppsh_comentarios').where('id', '=', comentarioId).execute();

    const borrado = (await pullCompleto(servidor().api, t, antes)).cambios.find((c) => c.id === comentarioId);
    expect(borrado).toMatchObject({ op: 'delete', tabla: 'ppsh_comentarios' });

    expect(await compactarCambios(servidor().db)).toBe(1);
    const viejo = await cliente(t).get(`${servidor().api}/sync/pull?cursor=${antes}`);
    expect(viejo.body.reset.motivo).toBe('CURSOR_COMPACTADO');
    const reciente = await cliente(t).get(`${servidor().api}/sync/pull?cursor=${despues}`);
    expect(reciente.body.reset).toBeUndefined();
  });

  test('un cursor por delante del servidor (base restaurada de un respaldo) pide reset; uno mal formado es un 422', async () => {
    const t = await token('recepcion');
    const { epoca } = (await cliente(t).get(`${servidor().api}/sync/pull?limit=1`)).body as PullRespuesta;
    const adelantado = await cliente(t).get(`${servidor().api}/sync/pull?cursor=${epoca}.02:999999999`);
    expect(adelantado.body.reset.motivo).toBe('CURSOR_DESCONOCIDO');
    const roto = await cliente(t).get(`${servidor().api}/sync/pull?cursor=hola`);
    expect(roto.status).toBe(422);
    expect(roto.body.error).toMatchObject({ code: 'VALIDACION', message: expect.stringMatching(/Cursor/) });
  });
});

test('las métricas cuentan pulls y comandos, y muestran la cabeza de la secuencia y el retraso de los clientes', async () => {
  const t = await token('recepcion');
  await pullCompleto(servidor().api, t);
  await empujar(servidor().api, t, [comando('ppsh.registrar', solicitudOffline())]);
  const texto = (await cliente().get(`${servidor().url}/metrics`)).body as string;
  const valor = (nombre: string) => Number(new RegExp(`^${nombre} (\\d+)`, 'm').exec(texto)?.[1]);
  const cabeza = await servidor().db.selectFrom('sync_contador').select('seq').executeTakeFirstOrThrow();
  expect(valor('sync_change_sequence')).toBe(Number(cabeza.seq));
  expect(valor('sync_pull_requests_total')).toBeGreaterThan(0);
  expect(texto).toMatch(/^sync_push_commands_total\{outcome="applied"\} [1-9]/m);
  expect(texto).toMatch(/^sync_client_lag_changes_count [1-9]/m);
});

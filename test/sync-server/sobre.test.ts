/**
 * The push envelope is checked one command at a time: a batch holding one malformed command (a UUIDv4 mutationId, a
 * name over 60 characters, an unknown name, baseVersion 0, an element that is not even an object) answers that one
 * `rejected` with VALIDACION and a Spanish reason, and applies the valid commands around it. A rejection whose
 * mutationId is usable is stored (a replay answers the same); one whose mutationId is not is answered by position and
 * stored nowhere.
 */
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { describe, expect, test } from 'vitest';
import { comando, empujar, servidorCompartido, solicitudOffline } from './ayudas.js';
import { cliente } from '../helpers/http.js';

const { servidor, token } = servidorCompartido();

const comentario = (solicitudId: string, texto: string) =>
  comando('ppsh.comentar', { solicitudId, comentario: { id: uuidv7(), comentario: texto, es_interno: false } });

async function guardadas(ids: string[]) {
  const filas = await servidor()
    .db.selectFrom('sync_mutaciones')
    .select(['mutation_id', 'estado', 'codigo'])
    .where('mutation_id', 'in', ids)
    .execute();
  return Object.fromEntries(filas.map((f) => [f.mutation_id, `${f.estado} ${f.codigo}`]));
}

describe('sobre del comando validado uno por uno', () => {
  test('un lote con cinco comandos mal formados aplica los válidos y rechaza cada malo con su motivo', async () => {
    const t = await token('recepcion');
    const caso = solicitudOffline();
    const registro = comando('ppsh.registrar', caso);
    const antes = comentario(caso.id, 'Antes de los malos');
    const v4 = { ...comentario(caso.id, 'mutationId v4'), mutationId: uuidv4() };
    const nombreLargo = { ...comentario(caso.id, 'nombre largo'), name: 'ppsh.comentar'.padEnd(61, 'x') };
    const desconocido = { ...comentario(caso.id, 'nombre desconocido'), name: 'ppsh.borrarTodo' };
    const baseCero = {
      ...comando('ppsh.editar', { solicitudId: caso.id, cambios: { observaciones_generales: 'x' } }),
      baseVersion: 0,
    };
    const despues = comentario(caso.id, 'Después de los malos');
    const lote = [registro, antes, v4, nombreLargo, desconocido, baseCero, 42, despues];

    const r = await empujar(servidor().api, t, lote as never);
    expect(r.status).toBe(200);
    const resumen = r.body.resultados.map((x: { status: string; code?: string; indice?: number }) =>
      [x.status, x.code ?? '', x.indice ?? ''].join(' ').trim(),
    );
    expect(resumen).toEqual([
      'applied',
      'applied',
      'rejected VALIDACION 2',
      'rejected VALIDACION',
      'rejected VALIDACION',
      'rejected VALIDACION',
      'rejected VALIDACION 6',
      'applied',
    ]);
    const [, , rv4, rLargo, rDesconocido, rCero, r42] = r.body.resultados;
    expect(rv4).toMatchObject({ mutationId: v4.mutationId, message: expect.stringMatching(/UUIDv7/) });
    expect(rLargo.message).toBe('Comando n.º 4 inválido: name: El nombre del comando tiene más de 60 caracteres');
    expect(rDesconocido.message).toBe('Comando desconocido: ppsh.borrarTodo');
    expect(rCero).toMatchObject({
      mutationId: baseCero.mutationId,
      message: expect.stringMatching(/^Comando n.º 6 inválido: baseVersion: /),
    });
    expect(r42).toMatchObject({ mutationId: '', message: expect.stringMatching(/^Comando n.º 7 inválido/) });

    const textos = await servidor()
      .db.selectFrom('ppsh_comentarios')
      .select('comentario')
      .where('solicitud_id', '=', caso.id)
      .orderBy('created_at')
      .execute();
    expect(textos.map((c) => c.comentario)).toEqual(['Antes de los malos', 'Después de los malos']);

    // Stored under their mutationId (the answer never changes), except the one whose id could not find it again.
    expect(
      await guardadas([v4.mutationId, nombreLargo.mutationId, desconocido.mutationId, baseCero.mutationId]),
    ).toEqual({
      [nombreLargo.mutationId]: 'rejected VALIDACION',
      [desconocido.mutationId]: 'rejected VALIDACION',
      [baseCero.mutationId]: 'rejected VALIDACION',
    });

    // The same batch again: the same answers, nothing applied twice.
    const otra = await empujar(servidor().api, t, lote as never);
    expect(otra.body.resultados).toEqual(r.body.resultados);
    const n = await servidor()
      .db.selectFrom('ppsh_comentarios')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('solicitud_id', '=', caso.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  test('lo que no es un lote sigue siendo un 422 entero: sin comandos, más de 100, sin clientId', async () => {
    const t = await token('recepcion');
    const api = cliente(t);
    const url = `${servidor().api}/sync/push`;
    const uno = comentario(uuidv7(), 'x');
    expect((await api.post(url, { clientId: 'e', comandos: [] })).status).toBe(422);
    expect((await api.post(url, { clientId: 'e', comandos: Array(101).fill(uno) })).status).toBe(422);
    expect((await api.post(url, { comandos: [uno] })).status).toBe(422);
  });
});

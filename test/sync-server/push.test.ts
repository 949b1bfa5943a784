/** Push: offline commands run through the same rules as the REST API, once, with an answer that never changes. */
import { describe, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { cliente } from '../helpers/http.js';
import { comando, empujar, solicitudOffline, servidorCompartido } from './ayudas.js';

const { servidor, token } = servidorCompartido();

async function casoNuevo(usuario = 'recepcion') {
  const args = solicitudOffline();
  const r = await empujar(servidor().api, await token(usuario), [comando('ppsh.registrar', args)]);
  expect(r.body.resultados[0].status).toBe('applied');
  return args;
}

const contar = async (tabla: 'audit_log' | 'ppsh_comentarios' | 'ppsh_estado_historial') =>
  Number(
    (
      await servidor()
        .db.selectFrom(tabla)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const version = async (id: string) =>
  (await servidor().db.selectFrom('ppsh_solicitudes').select('version').where('id', '=', id).executeTakeFirstOrThrow())
    .version;

describe('caso registrado sin conexión', () => {
  test('recibe su número de expediente y la referencia provisional sigue sirviendo para buscarlo', async () => {
    const t = await token('recepcion');
    const args = solicitudOffline('OFFLINE-DARIEN-0042');
    const r = await empujar(servidor().api, t, [comando('ppsh.registrar', args)]);
    expect(r.status).toBe(200);
    expect(r.body.resultados[0]).toMatchObject({
      status: 'applied',
      result: {
        tabla: 'ppsh_solicitudes',
        id: args.id,
        version: 1,
        num_expediente: expect.stringMatching(/^PPSH-\d{4}-\d{6}$/),
      },
    });

    const busqueda = await cliente(t).get(`${servidor().api}/ppsh/solicitudes?buscar=offline-darien-0042`);
    expect(busqueda.body.items.map((i: { id: string }) => i.id)).toEqual([args.id]);
    expect(busqueda.body.items[0].num_expediente).toBe(r.body.resultados[0].result.num_expediente);
  });
});

describe('rechazos', () => {
  test('una recepcionista que empuja una transición reservada al analista recibe el motivo en español y nada se escribe', async () => {
    const t = await token('recepcion');
    const caso = await casoNuevo();
    await empujar(servidor().api, t, [
      comando('ppsh.cambiarEstado', { solicitudId: caso.id, cambio: { estado_nuevo: 'EN_REVISION' } }),
    ]);
    const [auditoria, historial, v] = [
      await contar('audit_log'),
      await contar('ppsh_estado_historial'),
      await version(caso.id),
    ];

    const cmd = comando('ppsh.cambiarEstado', {
      solicitudId: caso.id,
      cambio: { estado_nuevo: 'EN_VERIFICACION' },
    });
    const r = await empujar(servidor().api, t, [cmd]);
    expect(r.body.resultados[0]).toEqual({
      mutationId: cmd.mutationId,
      status: 'rejected',
      code: 'PERMISO_DENEGADO',
      message: 'Su rol (RECEPCION) no puede pasar la solicitud de EN_REVISION a EN_VERIFICACION',
    });
    expect([await contar('audit_log'), await contar('ppsh_estado_historial'), await version(caso.id)]).toEqual([
      auditoria,
      historial,
      v,
    ]);

    // The rejection is stored: the same command gets the same answer, even once an analyst could apply it.
    const otraVez = await empujar(servidor().api, t, [cmd]);
    expect(otraVez.body.resultados[0]).toEqual(r.body.resultados[0]);
  });

  test('un comando rechazado no detiene a los siguientes del lote, que son acciones independientes', async () => {
    const t = await token('recepcion');
    const caso = await casoNuevo();
    const r = await empujar(servidor().api, t, [
      comando('ppsh.comentar', {
        solicitudId: uuidv7(),
        comentario: { id: uuidv7(), comentario: 'Caso que no existe', es_interno: true },
      }),
      comando('solicitud.despegar' as 'ppsh.comentar', { solicitudId: caso.id } as never),
      comando('ppsh.editar', { solicitudId: caso.id, cambios: { prioridad: 'URGENTE' } } as never),
      comando('ppsh.comentar', {
        solicitudId: caso.id,
        comentario: { id: uuidv7(), comentario: 'Llamar al titular', es_interno: true },
      }),
    ]);
    expect(r.body.resultados.map((x: { status: string; code?: string }) => [x.status, x.code])).toEqual([
      ['rejected', 'NO_ENCONTRADO'],
      ['rejected', 'VALIDACION'],
      ['rejected', 'VALIDACION'],
      ['applied', undefined],
    ]);
    expect(r.body.resultados[1].message).toBe('Comando desconocido: solicitud.despegar');
    expect(r.body.resultados[2].message).toMatch(/^Datos inválidos: cambios\.prioridad/);
  });
});

describe('conflictos', () => {
  /** One officer's offline edit of a case, pushed alone: its result. */
  const editar = async (usuario: string, solicitudId: string, cambios: Record<string, string>, baseVersion: number) =>
    (
      await empujar(servidor().api, await token(usuario), [
        comando('ppsh.editar', { solicitudId, cambios }, { baseVersion }),
      ])
    ).body.resultados[0];

  test('una edición sobre una versión vieja que toca el mismo campo es un conflicto y devuelve la fila del servidor', async () => {
    const caso = await casoNuevo();
    const primero = await editar('analista', caso.id, { observaciones_generales: 'Según el analista' }, 1);
    expect(primero).toMatchObject({ status: 'applied', result: { version: 2 } });

    const segundo = await editar('recepcion', caso.id, { observaciones_generales: 'Según recepción' }, 1);
    expect(segundo).toMatchObject({
      status: 'conflict',
      code: 'CONFLICTO_VERSION',
      message: expect.stringMatching(/Otra persona modificó/),
      serverRow: {
        tabla: 'ppsh_solicitudes',
        id: caso.id,
        version: 2,
        fila: { observaciones_generales: 'Según el analista' },
      },
    });
    expect(segundo.serverRow.fila).not.toHaveProperty('texto_busqueda');
    expect(await version(caso.id)).toBe(2);
  });

  test('una edición sobre una versión vieja que toca otros campos se aplica sin conflicto', async () => {
    const caso = await casoNuevo();
    await editar('analista', caso.id, { observaciones_generales: 'Revisado' }, 1);
    expect(await editar('recepcion', caso.id, { cod_seccion: '04' }, 1)).toMatchObject({
      status: 'applied',
      result: { version: 3 },
    });
    const fila = await servidor()
      .db.selectFrom('ppsh_solicitudes')
      .selectAll()
      .where('id', '=', caso.id)
      .executeTakeFirstOrThrow();
    expect([fila.observaciones_generales, fila.cod_seccion]).toEqual(['Revisado', '04']);
  });

  test('una versión base que el servidor no puede reconstruir se trata como conflicto, nunca se sobrescribe a ciegas', async () => {
    const caso = await casoNuevo();
    expect((await editar('recepcion', caso.id, { cod_seccion: '04' }, 7)).status).toBe('conflict');
  });
});

describe('idempotencia', () => {
  test('repetir un lote devuelve los resultados guardados y no aplica nada dos veces', async () => {
    const t = await token('recepcion');
    const caso = await casoNuevo();
    const lote = [
      comando('ppsh.comentar', {
        solicitudId: caso.id,
        comentario: { id: uuidv7(), comentario: 'Primero', es_interno: true },
      }),
      comando('ppsh.editar', { solicitudId: caso.id, cambios: { observaciones_generales: 'Editado una vez' } }),
      comando('ppsh.comentar', {
        solicitudId: caso.id,
        comentario: { id: uuidv7(), comentario: 'Segundo', es_interno: false },
      }),
    ];
    const r1 = await empujar(servidor().api, t, lote);
    const [comentarios, auditoria, v] = [
      await contar('ppsh_comentarios'),
      await contar('audit_log'),
      await version(caso.id),
    ];
    const r2 = await empujar(servidor().api, t, lote);
    expect(r2.body).toEqual(r1.body);
    expect([await contar('ppsh_comentarios'), await contar('audit_log'), await version(caso.id)]).toEqual([
      comentarios,
      auditoria,
      v,
    ]);
  });

  test('dos envíos simultáneos del mismo comando lo aplican una sola vez y ambos reciben el mismo resultado', async () => {
    const t = await token('recepcion');
    const caso = await casoNuevo();
    const cmd = comando('ppsh.editar', { solicitudId: caso.id, cambios: { observaciones_generales: 'Carrera' } });
    const [a, b] = await Promise.all([empujar(servidor().api, t, [cmd]), empujar(servidor().api, t, [cmd])]);
    expect(a.body.resultados[0]).toMatchObject({ status: 'applied', result: { version: 2 } });
    expect(b.body).toEqual(a.body);
    expect(await version(caso.id)).toBe(2);
  });

  test('otro usuario no puede leer el resultado de un comando ajeno reusando su mutationId', async () => {
    const caso = await casoNuevo();
    const cmd = comando('ppsh.comentar', {
      solicitudId: caso.id,
      comentario: { id: uuidv7(), comentario: 'Mío', es_interno: true },
    });
    await empujar(servidor().api, await token('recepcion'), [cmd]);
    const r = await empujar(servidor().api, await token('analista'), [cmd]);
    expect(r.body.resultados[0]).toMatchObject({ status: 'rejected', code: 'DUPLICADO' });
    expect(r.body.resultados[0]).not.toHaveProperty('result');
  });

  test('un mutationId que no es UUIDv7 se rechaza solo ese comando, por su posición (sobre.test.ts cubre el resto)', async () => {
    const r = await empujar(servidor().api, await token('recepcion'), [
      { ...comando('ppsh.asignar', { solicitudId: uuidv7(), user_id_asignado: uuidv7() }), mutationId: 'abc' },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.resultados[0]).toMatchObject({
      mutationId: 'abc',
      indice: 0,
      status: 'rejected',
      code: 'VALIDACION',
    });
    expect(r.body.resultados[0].message).toMatch(/UUIDv7/);
  });
});

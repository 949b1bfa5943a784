/**
 * Issue 8 items 6 and 8: a client-chosen id that already exists is 409 DUPLICADO over REST and a stored rejection over
 * sync (the rest of the batch goes on, a replay answers the same); racing identical state changes with one expected
 * version give one success and CONFLICTO_VERSION for the rest; interviews go only to active interviewers of the office.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependiente, solicitud, titular } from '../helpers/datos.js';
import { cliente, type Cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { comando, empujar } from '../sync-server/ayudas.js';

let s: ServidorDePrueba;
let recepcion: Cliente;
let analista: Cliente;
let tokenRecepcion: string;
let caso: { id: string; version: number; solicitantes: { id: string }[] };

const manana = () => new Date(Date.now() + 86_400_000).toISOString();
const idDe = async (username: string) =>
  (await s.db.selectFrom('usuarios').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  s = await iniciarServidor();
  tokenRecepcion = (await s.login('recepcion')).access_token;
  recepcion = cliente(tokenRecepcion);
  analista = cliente((await s.login('analista')).access_token);
  caso = (await recepcion.post(`${s.api}/ppsh/solicitudes`, solicitud())).body;
});
afterAll(() => s.cerrar());

describe('identificadores elegidos por el cliente que ya existen', () => {
  const creaciones = {
    comentario: (id: string) => [recepcion, 'comentarios', { id, comentario: 'Llamó la solicitante' }] as const,
    pago: (id: string) =>
      [recepcion, 'pagos', { id, tipo_concepto: 'PPSH_INICIAL', metodo_pago: 'EFECTIVO', num_recibo: 'R-9' }] as const,
    entrevista: (id: string) => [analista, 'entrevistas', { id, fecha_programada: manana() }] as const,
  };

  it.each(Object.keys(creaciones) as (keyof typeof creaciones)[])(
    '%s repetido: 409 DUPLICADO, nunca 500',
    async (k) => {
      const id = uuidv7();
      const [c, ruta, cuerpo] = creaciones[k](id);
      const url = `${s.api}/ppsh/solicitudes/${caso.id}/${ruta}`;
      expect((await c.post(url, cuerpo)).status).toBe(201);
      const otra = await c.post(url, creaciones[k](id)[2]);
      expect(otra.status).toBe(409);
      expect(otra.body.error).toMatchObject({ code: 'DUPLICADO', message: expect.stringMatching(/identificador/) });
    },
  );

  it('un dependiente con el id de una persona existente: 409 DUPLICADO y no queda la solicitud a medias', async () => {
    const antes = await s.db.selectFrom('ppsh_solicitudes').select('id').execute();
    const r = await recepcion.post(
      `${s.api}/ppsh/solicitudes`,
      solicitud({ solicitantes: [titular({ num_documento: 'VE999' }), dependiente({ id: caso.solicitantes[0]!.id })] }),
    );
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('DUPLICADO');
    expect(await s.db.selectFrom('ppsh_solicitudes').select('id').execute()).toHaveLength(antes.length);
  });

  it('por sync: rechazo guardado DUPLICADO (no reintentable), el resto del lote se aplica y la repetición responde igual', async () => {
    const repetido = uuidv7();
    const primero = comando('ppsh.comentar', {
      solicitudId: caso.id,
      comentario: { id: repetido, comentario: 'Primera vez', es_interno: true },
    });
    expect((await empujar(s.api, tokenRecepcion, [primero])).body.resultados[0].status).toBe('applied');
    const choque = comando('ppsh.comentar', {
      solicitudId: caso.id,
      comentario: { id: repetido, comentario: 'Otra vez el mismo id', es_interno: true },
    });
    const siguiente = comando('ppsh.registrarPago', {
      solicitudId: caso.id,
      pago: { id: uuidv7(), tipo_concepto: 'PPSH_INICIAL', metodo_pago: 'EFECTIVO', num_recibo: 'R-10' },
    });
    const r = await empujar(s.api, tokenRecepcion, [choque, siguiente]);
    expect(r.body.resultados[0]).toMatchObject({ status: 'rejected', code: 'DUPLICADO' });
    expect(r.body.resultados[0].reintentable).toBeUndefined();
    expect(r.body.resultados[1]).toMatchObject({ status: 'applied' });
    const guardada = await s.db
      .selectFrom('sync_mutaciones')
      .select(['estado', 'codigo'])
      .where('mutation_id', '=', choque.mutationId)
      .executeTakeFirst();
    expect(guardada).toEqual({ estado: 'rejected', codigo: 'DUPLICADO' });
    const otraVez = await empujar(s.api, tokenRecepcion, [choque]);
    expect(otraVez.body.resultados[0]).toEqual(r.body.resultados[0]);
  });
});

describe('cambios de estado que compiten', () => {
  it('20 cambios idénticos con la misma versión esperada: uno gana, 19 CONFLICTO_VERSION', async () => {
    const nuevo = (await recepcion.post(`${s.api}/ppsh/solicitudes`, solicitud())).body;
    const r = await Promise.all(
      Array.from({ length: 20 }, () =>
        recepcion.post(`${s.api}/ppsh/solicitudes/${nuevo.id}/cambiar-estado`, {
          estado_nuevo: 'EN_REVISION',
          version: nuevo.version,
        }),
      ),
    );
    expect(r.filter((x) => x.status === 200)).toHaveLength(1);
    const perdedores = r.filter((x) => x.status !== 200);
    expect(perdedores.map((x) => [x.status, x.body.error.code])).toEqual(Array(19).fill([409, 'CONFLICTO_VERSION']));
    const historial = await s.db
      .selectFrom('ppsh_estado_historial')
      .select('id')
      .where('solicitud_id', '=', nuevo.id)
      .where('estado_nuevo', '=', 'EN_REVISION')
      .execute();
    expect(historial).toHaveLength(1);
  });
});

describe('entrevistador de una entrevista', () => {
  it('solo un funcionario activo de la oficina del caso que puede entrevistar', async () => {
    const url = `${s.api}/ppsh/solicitudes/${caso.id}/entrevistas`;
    const contar = async () =>
      (await s.db.selectFrom('ppsh_entrevistas').select('id').where('solicitud_id', '=', caso.id).execute()).length;
    const antes = await contar();
    for (const entrevistador of [uuidv7(), await idDe('recepcion.darien'), await idDe('recepcion')]) {
      const r = await analista.post(url, { fecha_programada: manana(), entrevistador_user_id: entrevistador });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('REGLA_NEGOCIO');
    }
    expect(await contar()).toBe(antes);
    const ok = await analista.post(url, {
      fecha_programada: manana(),
      entrevistador_user_id: await idDe('supervisor'),
    });
    expect(ok.status).toBe(201);
  });
});

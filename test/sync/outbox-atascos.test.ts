/**
 * The outbox never wedges. Each way a field office's outbox got stuck for good, reproduced with a real desk against a
 * real server: batches over the API's 1 MB body limit, one command too big to ever travel, a command the server keeps
 * refusing, a push that fails while the caseload must still come down, and a stuck command the officer wants gone.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesJson, LIMITE_BYTES_PUSH } from '#shared/sync/tamano';
import { MAX_INTENTOS_REINTENTABLES } from '../../main/src/core/sync/push.js';
import { abrirEscritorio } from '../core/helpers/escritorio.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, puesto, type Puesto } from './helpers/escenario.js';
import { crearPushIntermitente } from './helpers/push-intermitente.js';

let s: ServidorDePrueba;
let p: Puesto;
beforeAll(async () => {
  s = await iniciarServidor();
  p = await puesto(s, 'recepcion');
});
afterAll(async () => {
  await p?.cerrar();
  await s.cerrar();
});

/** Text of `n` characters of three UTF-8 bytes each: what makes JSON heavier than its length says. */
const tresBytes = (n: number) => '€'.repeat(n);

/** A family of 20 with every free-form field of every person at its maximum, in two-byte characters. */
function familiaGrande(k: number) {
  const persona = (i: number) => ({
    es_titular: i === 0,
    ...(i === 0 ? {} : { parentesco_titular: 'HIJO' as const }),
    num_documento: `LOTE-${k}-${i}`,
    pais_emisor: 'VEN',
    primer_nombre: 'Núñez',
    primer_apellido: 'Peña',
    fecha_nacimiento: '1990-01-01',
    cod_sexo: 'F' as const,
    cod_nacionalidad: 'VEN',
    direccion_pais_origen: 'ñ'.repeat(200),
    direccion_panama: 'ñ'.repeat(200),
    ocupacion: 'ñ'.repeat(100),
    observaciones: 'ñ'.repeat(500),
  });
  return {
    tipo_solicitud: 'GRUPAL' as const,
    cod_causa_humanitaria: 2,
    solicitantes: Array.from({ length: 20 }, (_, i) => persona(i)),
  };
}

const pendientesDe = async () => (await p.core['sync.estado']({})).pendientes;

describe('el outbox nunca queda atascado', () => {
  it('30 registros grupales (más de 1 MB juntos) llegan en lotes bajo el límite del servidor', async () => {
    p.red.cortar();
    const familias = Array.from({ length: 30 }, (_, k) => familiaGrande(k));
    expect(bytesJson(familias)).toBeGreaterThan(LIMITE_BYTES_PUSH);
    const ids = [];
    for (const f of familias) ids.push((await p.core['ppsh.registrar'](f)).id);
    p.red.restablecer();

    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0, ultimo_error: null });
    const enServidor = await s.db
      .selectFrom('ppsh_solicitantes')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('solicitud_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(enServidor.n)).toBe(600);
  });

  it('100 comentarios de 4.000 caracteres de tres bytes en un trámite llegan todos', async () => {
    const { id } = await p.core['workflow.iniciar']({ workflow_codigo: 'SOLICITUD_RESIDENCIA' });
    p.red.cortar();
    for (let i = 0; i < 100; i++)
      await p.core['workflow.comentar']({ id, comentario: { comentario: `${i} ${tresBytes(3990)}` } });
    p.red.restablecer();

    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0, ultimo_error: null });
    const comentarios = await s.db
      .selectFrom('workflow_comentarios')
      .select('comentario')
      .where('instancia_id', '=', id)
      .execute();
    expect(comentarios).toHaveLength(100);
  });

  it('12 resultados de entrevista con actas de 100.000 caracteres (el máximo del esquema) llegan todos', async () => {
    const analista = await puesto(s, 'analista');
    try {
      const id = await casoEn(analista.core, 'EN_EVALUACION', 4);
      analista.red.cortar();
      const manana = new Date(Date.now() + 86_400_000).toISOString();
      const entrevistas: string[] = [];
      for (let i = 0; i < 12; i++) {
        const entrevistaId = uuidv7();
        await analista.core['ppsh.programarEntrevista']({
          id,
          entrevista: { id: entrevistaId, fecha_programada: manana },
        });
        entrevistas.push(entrevistaId);
      }
      for (const [i, entrevistaId] of entrevistas.entries())
        await analista.core['ppsh.registrarResultadoEntrevista']({
          id: entrevistaId,
          resultado: { asistio: true, resultado: 'FAVORABLE', acta_entrevista: `${i}`.padEnd(100_000, 'a') },
        });
      analista.red.restablecer();

      expect(await analista.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0, ultimo_error: null });
      const actas = await s.db
        .selectFrom('ppsh_entrevistas')
        .select('acta_entrevista')
        .where('id', 'in', entrevistas)
        .execute();
      expect(actas.map((a) => a.acta_entrevista?.length)).toEqual(Array(12).fill(100_000));
    } finally {
      await analista.cerrar();
    }
  });

  it('metadata_adicional de 1,2 MB se rechaza en el escritorio con un mensaje claro y no entra al outbox', async () => {
    const { id } = await p.core['workflow.iniciar']({ workflow_codigo: 'SOLICITUD_RESIDENCIA' });
    const antes = await pendientesDe();
    await expect(
      p.core['workflow.editar']({ id, cambios: { metadata_adicional: { nota: 'x'.repeat(1_200_000) } } }),
    ).rejects.toMatchObject({
      code: 'VALIDACION',
      message: 'cambios.metadata_adicional: Demasiado grande: máximo 16 KB',
    });
    expect(await pendientesDe()).toBe(antes);
    // The server applies the same bound to its REST twin.
    const api = cliente((await s.login('recepcion')).access_token);
    const r = await api.put(`${s.api}/workflow/instancias/${id}`, {
      metadata_adicional: { nota: 'x'.repeat(20_000) },
    });
    expect(r.status).toBe(422);
    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
  });

  it('un comentario cuyo id ya existe en el servidor termina en la lista; los de detrás pasan y el pull no espera', async () => {
    const id = await casoEn(p.core, 'EN_EVALUACION');
    const api = cliente((await s.login('analista')).access_token);
    const existente = await api.post(`${s.api}/ppsh/solicitudes/${id}/comentarios`, {
      comentario: 'Escrito en la oficina central',
    });
    expect(existente.status).toBe(201);
    p.red.cortar();
    // The desk has not pulled that comment: it sends a new one under the same id, then another one.
    await p.core['ppsh.comentar']({ id, comentario: { id: existente.body.id, comentario: 'Mismo id, otro texto' } });
    await p.core['ppsh.comentar']({ id, comentario: { comentario: 'Comentario detrás del atascado' } });
    // Meanwhile the office edits the case: the desk must receive it even while its push fails.
    const editado = await api.put(`${s.api}/ppsh/solicitudes/${id}`, {
      observaciones_generales: 'Cambio de la central',
    });
    expect(editado.status).toBe(200);
    p.red.restablecer();

    await p.core['sync.ahora']({});
    expect((await p.core['expedientes.detalle']({ id })).solicitud.observaciones_generales).toBe(
      'Cambio de la central',
    );
    for (let i = 0; i < 5 && (await pendientesDe()) > 0; i++) await p.core['sync.ahora']({});

    expect(await pendientesDe()).toBe(0);
    const lista = (await p.core['conflictos.listar']({})).filter((c) => c.args.solicitudId === id);
    expect(lista).toMatchObject([{ nombre: 'ppsh.comentar', estado: 'rechazado' }]);
    expect(lista[0]!.message).not.toBe('');
    const textos = (await p.core['expedientes.detalle']({ id })).comentarios.map((c) => c.comentario);
    expect(textos).toContain('Comentario detrás del atascado');
    expect(textos).toContain('Escrito en la oficina central');
    expect(textos).not.toContain('Mismo id, otro texto');
  });

  it(`un comando al que el servidor responde "reintentar" ${MAX_INTENTOS_REINTENTABLES} veces pasa a la lista y deja pasar a los de detrás (la respuesta reintentable la da un proxy)`, async () => {
    const front = await crearPushIntermitente(s.api);
    const e = abrirEscritorio(front.api, { sync: { backoffBaseMs: 10, backoffMaxMs: 50, intervaloMs: 60_000 } });
    try {
      await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO });
      await e.core['sync.ahora']({});
      const id = await casoEn(e.core, 'EN_EVALUACION', 3);
      const atascado = await e.core['ppsh.comentar']({
        id,
        comentario: { comentario: 'El servidor no puede con este' },
      });
      await e.core['ppsh.comentar']({ id, comentario: { comentario: 'Detrás del atascado' } });
      front.fallar.add(atascado.mutationId);

      for (let i = 1; i < MAX_INTENTOS_REINTENTABLES; i++)
        expect(await e.core['sync.ahora']({})).toMatchObject({
          pendientes: 2,
          fallidos: 0,
          ultimo_error: { code: 'ERROR_INTERNO' },
        });
      expect(await e.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1, ultimo_error: null });
      expect(front.respuestasReintentables).toBe(MAX_INTENTOS_REINTENTABLES);
      expect(await e.core['conflictos.listar']({})).toMatchObject([
        {
          mutationId: atascado.mutationId,
          estado: 'rechazado',
          code: 'ERROR_INTERNO',
          message: expect.stringMatching(new RegExp(`${MAX_INTENTOS_REINTENTABLES} intentos`)),
        },
      ]);
      const enServidor = await s.db
        .selectFrom('ppsh_comentarios')
        .select('comentario')
        .where('solicitud_id', '=', id)
        .execute();
      expect(enServidor.map((c) => c.comentario)).toContain('Detrás del atascado');
      expect(enServidor.map((c) => c.comentario)).not.toContain('El servidor no puede con este');
    } finally {
      await e.cerrar();
      await front.cerrar();
    }
  });

  it('conflictos.descartar retira un comando todavía pendiente y deshace su efecto local', async () => {
    const id = await casoEn(p.core, 'EN_EVALUACION', 1);
    const antes = await p.core['expedientes.detalle']({ id });
    p.red.cortar();
    const { mutationId } = await p.core['ppsh.editar']({
      id,
      cambios: { observaciones_generales: 'Cambio que el funcionario retira' },
    });
    expect(await pendientesDe()).toBe(1);

    await p.core['conflictos.descartar']({ mutationId });
    expect(await pendientesDe()).toBe(0);
    const despues = await p.core['expedientes.detalle']({ id });
    expect(despues.solicitud.observaciones_generales).toBe(antes.solicitud.observaciones_generales);
    expect(despues.solicitud.version).toBe(antes.solicitud.version);
    await expect(p.core['conflictos.descartar']({ mutationId })).rejects.toMatchObject({ code: 'NO_ENCONTRADO' });

    p.red.restablecer();
    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0 });
    const servidor = await s.db
      .selectFrom('ppsh_solicitudes')
      .select(['observaciones_generales', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(servidor.version).toBe(antes.solicitud.version);
  });

  it('un adjunto rechazado en el escritorio no deja sus bytes fijados en la caché', async () => {
    const antes = await p.core['documentos.cache']({});
    const adjuntar = (id: string, texto: string) =>
      p.core['ppsh.adjuntarDocumento']({
        id,
        nombre_archivo: 'pasaporte.pdf',
        contenido_base64: Buffer.from(`%PDF-1.4\n% ${texto}\n%%EOF\n`).toString('base64'),
        metadatos: { tipo_documento_texto: 'Pasaporte' },
      });
    // A case this desk does not have: refused before anything is queued.
    await expect(adjuntar(uuidv7(), 'rechazado')).rejects.toMatchObject({ code: 'NO_ENCONTRADO' });
    expect(await p.core['documentos.cache']({})).toMatchObject({
      pendientes_subida: antes.pendientes_subida,
      archivos: antes.archivos + 1,
    });
    // The same bytes attached for real stay pinned while their command waits, even if a refusal of them comes after.
    p.red.cortar();
    await adjuntar(await casoEn(p.core, 'EN_EVALUACION', 2), 'aceptado');
    await expect(adjuntar(uuidv7(), 'aceptado')).rejects.toMatchObject({ code: 'NO_ENCONTRADO' });
    expect((await p.core['documentos.cache']({})).pendientes_subida).toBe(antes.pendientes_subida + 1);
    p.red.restablecer();
    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0 });
    expect((await p.core['documentos.cache']({})).pendientes_subida).toBe(antes.pendientes_subida);
  });
});

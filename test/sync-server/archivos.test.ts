/** Document bytes: resumable uploads verified against their hash and magic bytes, downloads with Range, by office. */
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { pdfReal } from '../helpers/datos.js';
import type { Respuesta } from '../helpers/http.js';
import { comando, empujar, solicitudOffline, servidorCompartido } from './ayudas.js';

const { servidor, token } = servidorCompartido();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function subir(t: string, hash: string, bytes: Buffer, rango?: string) {
  const r = await fetch(`${servidor().api}/sync/archivos/${hash}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${t}`,
      'content-type': 'application/octet-stream',
      ...(rango ? { 'content-range': rango } : {}),
    },
    body: bytes,
  });
  return { status: r.status, body: (await r.json()) as Respuesta['body'] };
}

const estado = async (t: string, hash: string): Promise<unknown> =>
  (await fetch(`${servidor().api}/sync/archivos/${hash}/estado`, { headers: { authorization: `Bearer ${t}` } })).json();

async function adjuntar(t: string, hash: string, mutationId = uuidv7()) {
  const caso = solicitudOffline();
  const documento = { id: uuidv7(), sha256: hash, nombre_archivo: 'Pasaporte notariado.pdf', cod_tipo_documento: 3 };
  const r = await empujar(servidor().api, t, [
    comando('ppsh.registrar', caso),
    comando('ppsh.adjuntarDocumento', { solicitudId: caso.id, documento }, { mutationId }),
  ]);
  return { caso, documento, resultados: r.body.resultados };
}

test('una subida cortada se reanuda donde quedó y el archivo queda guardado una sola vez por su hash', async () => {
  const t = await token('recepcion');
  const pdf = await pdfReal('Subida en tres partes');
  const hash = sha(pdf);
  const [a, b] = [Math.floor(pdf.length / 3), Math.floor((2 * pdf.length) / 3)];

  expect((await subir(t, hash, pdf.subarray(0, a), `bytes 0-${a - 1}/${pdf.length}`)).body).toEqual({
    sha256: hash,
    recibidos: a,
    completo: false,
  });
  expect(await estado(t, hash)).toEqual({ sha256: hash, recibidos: a, completo: false });

  const salto = await subir(t, hash, pdf.subarray(b), `bytes ${b}-${pdf.length - 1}/${pdf.length}`);
  expect(salto.status).toBe(422);
  expect(salto.body.error.details).toEqual({ recibidos: a });

  await subir(t, hash, pdf.subarray(a, b), `bytes ${a}-${b - 1}/${pdf.length}`);
  // The answer to the last chunk was "lost": resending it is harmless.
  await subir(t, hash, pdf.subarray(a, b), `bytes ${a}-${b - 1}/${pdf.length}`);
  const fin = await subir(t, hash, pdf.subarray(b), `bytes ${b}-${pdf.length - 1}/${pdf.length}`);
  expect(fin.body).toEqual({ sha256: hash, recibidos: pdf.length, completo: true });
  expect((await subir(t, hash, pdf)).body.completo).toBe(true);
});

test('una subida cuyo contenido no coincide con su SHA-256 se rechaza y no se guarda nada', async () => {
  const t = await token('recepcion');
  const pdf = await pdfReal('Contenido original');
  const otro = sha(await pdfReal('Otro contenido'));
  const r = await subir(t, otro, pdf);
  expect(r.status).toBe(422);
  expect(r.body.error.message).toMatch(/no coincide con su SHA-256/);
  expect(await estado(t, otro)).toEqual({ sha256: otro, recibidos: 0, completo: false });
});

test('un ejecutable renombrado se rechaza por sus bytes, aunque el hash sea correcto', async () => {
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 7)]);
  const r = await subir(await token('recepcion'), sha(exe), exe);
  expect(r.status).toBe(415);
  expect(r.body.error.code).toBe('ARCHIVO_NO_PERMITIDO');
});

test('adjuntar antes de subir los bytes es reintentable: no se guarda y el mismo comando se aplica cuando llegan', async () => {
  const t = await token('recepcion');
  const pdf = await pdfReal('Llega después');
  const hash = sha(pdf);
  const mutationId = uuidv7();
  const { resultados } = await adjuntar(t, hash, mutationId);
  expect(resultados[1]).toMatchObject({ status: 'rejected', code: 'NO_ENCONTRADO', reintentable: true });
  expect(
    await servidor()
      .db.selectFrom('sync_mutaciones')
      .select('estado')
      .where('mutation_id', '=', mutationId)
      .executeTakeFirst(),
  ).toBeUndefined();

  await subir(t, hash, pdf);
  const despues = await adjuntar(t, hash, mutationId);
  expect(despues.resultados[1]).toMatchObject({ status: 'applied', result: { tabla: 'ppsh_documentos' } });
});

test('el archivo de un documento se descarga por partes (Range) y solo dentro de la oficina del caso', async () => {
  const t = await token('recepcion');
  const pdf = await pdfReal('Descarga parcial');
  const hash = sha(pdf);
  await subir(t, hash, pdf);
  const { resultados } = await adjuntar(t, hash);
  expect(resultados[1].status).toBe('applied');

  const parte = await fetch(`${servidor().api}/sync/archivos/${hash}`, {
    headers: { authorization: `Bearer ${t}`, range: 'bytes=0-7' },
  });
  expect(parte.status).toBe(206);
  expect(Buffer.from(await parte.arrayBuffer())).toEqual(pdf.subarray(0, 8));
  const entero = await fetch(`${servidor().api}/sync/archivos/${hash}`, { headers: { authorization: `Bearer ${t}` } });
  expect(sha(Buffer.from(await entero.arrayBuffer()))).toBe(hash);
  expect(entero.headers.get('content-type')).toBe('application/pdf');

  const otraOficina = await fetch(`${servidor().api}/sync/archivos/${hash}`, {
    headers: { authorization: `Bearer ${await token('recepcion.darien')}` },
  });
  expect(otraOficina.status).toBe(404);
});

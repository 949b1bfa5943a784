/**
 * Issue 8 item 7, request by request: malformed client input is a 400 / 413 / 415 / 422 in the shared error shape,
 * never a 500; Node's own answers to unparseable HTTP carry the same JSON body.
 */
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemasDeRespuesta } from './fuzzer.js';
import { iniciarEscenario, OFICINA_PROPIA, type Escenario } from './escenario.js';

let esc: Escenario;
let caso: string;
beforeAll(async () => {
  esc = await iniciarEscenario();
  caso = esc.ids[OFICINA_PROPIA].solicitudes[0]!;
});
afterAll(() => esc?.cerrar());

const multipart = (cuerpo: string, boundary = 'zzz') => ({
  method: 'POST',
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  body: cuerpo,
});
const json = (body: string | Uint8Array, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
/** 2n levels: n objects each holding an array. */
const anidado = (n: number) => `${'{"a":['.repeat(n)}1${']}'.repeat(n)}`;

const CASOS: [string, () => string, RequestInit, number, string][] = [
  [
    'codificación por ciento inválida en la ruta (%C0%AE)',
    () => `/ppsh/solicitudes/%C0%AE`,
    {},
    400,
    'PETICION_MALFORMADA',
  ],
  ['un % suelto en la ruta', () => `/ppsh/solicitudes/%`, {}, 400, 'PETICION_MALFORMADA'],
  [
    'multipart sin boundary',
    () => `/ppsh/solicitudes/${caso}/documentos`,
    { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' },
    400,
    'PETICION_MALFORMADA',
  ],
  [
    'multipart cortado a la mitad',
    () => `/ppsh/solicitudes/${caso}/documentos`,
    multipart('--zzz\r\nContent-Disposition: form-data; name="archivo"; filename="a.pdf"\r\n\r\n%PDF-1.4'),
    400,
    'PETICION_MALFORMADA',
  ],
  [
    'un NUL en el nombre de archivo del multipart',
    () => `/ppsh/solicitudes/${caso}/documentos`,
    multipart(
      '--zzz\r\nContent-Disposition: form-data; name="archivo"; filename="a\u0000.pdf"\r\n\r\n%PDF-1.4\r\n--zzz--\r\n',
    ),
    400,
    'PETICION_MALFORMADA',
  ],
  [
    'juego de caracteres desconocido',
    () => '/ppsh/solicitudes',
    json('{}', { 'content-type': 'application/json; charset=klingon' }),
    415,
    'TIPO_NO_SOPORTADO',
  ],
  [
    'Content-Encoding desconocido',
    () => '/ppsh/solicitudes',
    json('{}', { 'content-encoding': 'x-klingon' }),
    415,
    'TIPO_NO_SOPORTADO',
  ],
  [
    'gzip dañado',
    () => '/ppsh/solicitudes',
    json('no es gzip', { 'content-encoding': 'gzip' }),
    400,
    'PETICION_MALFORMADA',
  ],
  ['cuerpo anidado 10 000 niveles', () => '/sync/push', json(anidado(5000)), 400, 'PETICION_MALFORMADA'],
  [
    'cuerpo anidado 200 000 niveles, comprimido',
    () => '/sync/push',
    json(gzipSync(anidado(100_000)), { 'content-encoding': 'gzip' }),
    400,
    'PETICION_MALFORMADA',
  ],
  [
    'cuerpo de más de 1 MB',
    () => '/ppsh/solicitudes',
    json(JSON.stringify({ x: 'a'.repeat(1_100_000) })),
    413,
    'CUERPO_DEMASIADO_GRANDE',
  ],
  ['JSON roto', () => '/ppsh/solicitudes', json('{"a":'), 422, 'VALIDACION'],
  [
    'bytes de sincronización con Content-Encoding desconocido',
    () => `/sync/archivos/${'a'.repeat(64)}`,
    { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'zz' }, body: 'abc' },
    415,
    'TIPO_NO_SOPORTADO',
  ],
];

describe('entrada malformada', () => {
  it.each(CASOS)('%s', async (_nombre, ruta, init, status, code) => {
    esc.vigia.marcar();
    const r = await fetch(`${esc.s.api}${ruta()}`, {
      ...init,
      headers: { authorization: `Bearer ${esc.token('ADMIN', OFICINA_PROPIA)}`, ...(init.headers as object) },
    });
    const texto = await r.text();
    expect(r.status, texto).toBe(status);
    expect(JSON.parse(texto).error.code).toBe(code);
    expect(problemasDeRespuesta(r.status, texto)).toEqual([]);
    expect(esc.vigia.cambios()).toEqual([]);
  });

  it('un cuerpo de 60 niveles (más que cualquier petición real, menos que el límite) llega a la validación', async () => {
    const r = await fetch(`${esc.s.api}/sync/push`, {
      ...json(anidado(30)),
      headers: { authorization: `Bearer ${esc.token('ADMIN', OFICINA_PROPIA)}`, 'content-type': 'application/json' },
    });
    expect(r.status).toBe(422);
  });
});

/** Sends raw bytes and returns everything the server wrote back before closing. */
function crudo(bytes: string): Promise<string> {
  const { hostname, port } = new URL(esc.s.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let respuesta = '';
    socket.on('data', (b) => (respuesta += b.toString()));
    socket.on('close', () => resolve(respuesta));
    socket.on('error', reject);
  });
}

describe('las respuestas del propio Node llevan el cuerpo de error JSON', () => {
  it.each([
    ['una línea de petición sin sentido → 400', 'BASURA\r\n\r\n', 400],
    [
      'cabeceras de más de 16 KB → 431',
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Relleno: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    ['Content-Length inválido → 400', 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n', 400],
  ])('%s', async (_nombre, bytes, status) => {
    const respuesta = await crudo(bytes);
    const [cabecera, cuerpo] = respuesta.split('\r\n\r\n');
    expect(cabecera).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(cabecera).toMatch(/content-type: application\/json/i);
    expect(problemasDeRespuesta(status, cuerpo ?? '')).toEqual([]);
  });
});

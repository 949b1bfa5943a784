/**
 * Error reports IT hears about (docs/operations.md §7): the fingerprint (code + top stack frame, nothing personal),
 * an API failure counted in tramites_errores_total on the real /metrics, the desks' POST /api/v1/errores (authenticated,
 * bounded in size and rate), and a real desk core that hits an unexpected error and delivers it with its next sync.
 */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codigoDeError, huellaDeError, marcoSuperior } from '#shared/errores/reporte';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { consulta, puesto, type Puesto } from '../sync/helpers/escenario.js';
import { waitFor } from './helpers/tools.js';

/** The stack of a desk installed under an officer's Windows profile, thrown through a library first. */
const PILA_ESCRITORIO = [
  'SyntaxError: Unexpected token } in JSON at position 1 (Juan Pérez, cédula 8-123-456)',
  '    at JSON.parse (<anonymous>)',
  '    at Statement.get (C:\\Users\\juan.perez\\AppData\\Local\\Programs\\tramites\\resources\\app.asar\\node_modules\\better-sqlite3\\lib\\index.js:12:3)',
  '    at resumen (C:\\Users\\juan.perez\\AppData\\Local\\Programs\\tramites\\resources\\app.asar\\out\\main\\index.js:1234:56)',
  '    at async detalle (C:\\Users\\juan.perez\\AppData\\Local\\Programs\\tramites\\out\\main\\index.js:99:1)',
].join('\n');

describe('huella de un error', () => {
  it('el marco superior es el primero del código propio, con solo el nombre del archivo', () => {
    expect(marcoSuperior(PILA_ESCRITORIO)).toBe('resumen@index.js:1234:56');
    expect(marcoSuperior('Error: x\n    at /srv/app/dist/server/src/app.js:10:2')).toBe('<anonima>@app.js:10:2');
    expect(marcoSuperior(undefined)).toBe('desconocido');
    expect(marcoSuperior('Error: sin marcos')).toBe('desconocido');
  });

  it('el código es el del error o su clase; nada del mensaje llega a la huella', () => {
    const e = Object.assign(new SyntaxError('Juan Pérez 8-123-456'), { stack: PILA_ESCRITORIO });
    expect(codigoDeError(e)).toBe('SyntaxError');
    expect(codigoDeError(Object.assign(new Error('x'), { code: 'SQLITE_ERROR' }))).toBe('SQLITE_ERROR');
    expect(codigoDeError({ code: 'con espacios y 8-123-456' })).toBe('Error');
    const reporte = JSON.stringify({ codigo: codigoDeError(e), marco: marcoSuperior(e.stack) });
    for (const dato of ['Juan', 'juan.perez', '8-123-456', 'Users', 'Pérez']) expect(reporte).not.toContain(dato);
  });

  it('la misma huella para el mismo código y marco; otra si cambia cualquiera', () => {
    const h = huellaDeError('SyntaxError', 'resumen@index.js:1234:56');
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(huellaDeError('SyntaxError', 'resumen@index.js:1234:56')).toBe(h);
    expect(huellaDeError('TypeError', 'resumen@index.js:1234:56')).not.toBe(h);
    expect(huellaDeError('SyntaxError', 'resumen@index.js:1235:56')).not.toBe(h);
  });
});

describe('reportes de errores en la API', () => {
  let s: ServidorDePrueba;
  let tokenRecepcion: string;
  let desk: Puesto | undefined;
  beforeAll(async () => {
    s = await iniciarServidor();
    tokenRecepcion = (await s.login('recepcion')).access_token;
  });
  afterAll(async () => {
    await desk?.cerrar();
    await s?.cerrar();
  });

  const metricas = async () => (await fetch(`${s.url}/metrics`)).text();
  const series = (texto: string, origen: string) =>
    texto.split('\n').filter((l) => l.startsWith(`tramites_errores_total{origen="${origen}"`));
  const enviar = (cuerpo: unknown, token: string | null = tokenRecepcion) =>
    fetch(`${s.api}/errores`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(cuerpo),
    });
  const reporte = (extra: Record<string, unknown> = {}) => ({
    codigo: 'TypeError',
    marco: 'leerFila@index.js:10:5',
    version: '1.4.0',
    veces: 3,
    primera: '2026-12-07T10:00:00.000Z',
    ultima: '2026-12-07T11:00:00.000Z',
    ...extra,
  });

  it('un error inesperado de la API (500) se cuenta por huella con la versión y la oficina de quien lo sufrió', async () => {
    const { access_token } = await s.login('analista');
    await sql`alter table ppsh_estados rename to ppsh_estados_fuera`.execute(s.db);
    try {
      const r = await fetch(`${s.api}/ppsh/catalogos/estados`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(r.status).toBe(500);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('ERROR_INTERNO');
    } finally {
      await sql`alter table ppsh_estados_fuera rename to ppsh_estados`.execute(s.db);
    }
    const [linea, ...otras] = series(await metricas(), 'api');
    expect(otras).toEqual([]);
    expect(linea).toMatch(
      /^tramites_errores_total\{origen="api",huella="[0-9a-f]{16}",codigo="SQLITE_ERROR",marco="[\w$.<>-]+@[\w.-]+\.ts:\d+:\d+",version="[^"]+",agencia="02"\} 1$/,
    );
  });

  it('un 4xx no es un reporte', async () => {
    const antes = series(await metricas(), 'api');
    expect((await fetch(`${s.api}/no-existe`)).status).toBe(404);
    expect(series(await metricas(), 'api')).toEqual(antes);
  });

  it('el escritorio envía reportes agrupados; la oficina sale del token, nunca del cuerpo', async () => {
    const r = await enviar({ reportes: [reporte()] });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await r.json()).toEqual({ recibidos: 1 });
    expect(series(await metricas(), 'escritorio')).toEqual([
      `tramites_errores_total{origen="escritorio",huella="${huellaDeError('TypeError', 'leerFila@index.js:10:5')}",codigo="TypeError",marco="leerFila@index.js:10:5",version="1.4.0",agencia="02"} 3`,
    ]);
    expect((await enviar({ reportes: [{ ...reporte(), agencia: '09' }] })).status).toBe(422);
  });

  it.each([
    ['texto libre en el marco', { reportes: [reporte({ marco: 'Juan Pérez 8-123-456@x.js:1:1' })] }],
    ['un mensaje', { reportes: [reporte({ mensaje: 'no se encontró a Juan Pérez' })] }],
    ['más de 20 huellas', { reportes: Array.from({ length: 21 }, () => reporte()) }],
    ['ninguna', { reportes: [] }],
  ])('rechaza con 422 %s', async (_caso, cuerpo) => {
    const r = await enviar(cuerpo);
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('VALIDACION');
  });

  it('sin sesión responde 401', async () => {
    expect((await enviar({ reportes: [reporte()] }, null)).status).toBe(401);
  });

  it('un escritorio en bucle se corta con 429 (30 envíos por hora y funcionario)', async () => {
    const { access_token } = await s.login('recepcion.darien');
    const estados: number[] = [];
    for (let i = 0; i < 31; i++) estados.push((await enviar({ reportes: [reporte()] }, access_token)).status);
    expect(estados.slice(0, 30).every((e) => e === 200)).toBe(true);
    expect(estados[30]).toBe(429);
  });

  it('un escritorio real: un error inesperado del núcleo se guarda por huella y sale con la siguiente sincronización', async () => {
    desk = await puesto(s, 'analista');
    const id = (await consulta(desk.core)).items.find((c) => c.tipo === 'PPSH')!.id;
    // Damaged local data: the case's row is JSON null, so reading it throws a TypeError nobody planned for.
    const local = new Database(desk.core.archivo);
    local.prepare(`update ppsh_solicitudes set datos = 'null' where id = ?`).run(id);
    local.close();
    const e = await desk.core.invocar('expedientes.detalle', { id }).catch((x: unknown) => x);
    expect(e, String(e)).toBeInstanceOf(TypeError);
    await expect(desk.core.invocar('expedientes.detalle', { id })).rejects.toThrow(TypeError);
    // An expected error (its code for the officer) is not a report.
    await expect(
      desk.core.invocar('expedientes.detalle', { id: '0190f0f0-0000-7000-8000-000000000000' }),
    ).rejects.toThrow(/no existe/);
    const archivo = path.join(desk.dir, 'errores-pendientes.json');
    const pendientes = JSON.parse(fs.readFileSync(archivo, 'utf8')) as Array<Record<string, unknown>>;
    expect(pendientes).toEqual([
      expect.objectContaining({ codigo: 'TypeError', marco: expect.stringMatching(/\.ts:\d+:\d+$/), veces: 2 }),
    ]);
    expect(fs.readFileSync(archivo, 'utf8')).not.toContain(id);

    await desk.core['sync.ahora']({});
    await waitFor(
      async () => series(await metricas(), 'escritorio').some((l) => /codigo="TypeError".*agencia="02"\} 2$/.test(l)),
      10_000,
      'el reporte del escritorio en /metrics',
    );
    await waitFor(async () => fs.readFileSync(archivo, 'utf8') === '[]', 5000, 'la lista de pendientes vacía');
  });
});

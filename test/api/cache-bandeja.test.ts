/**
 * The caseload pages and the checked sessions each API process keeps in memory (docs/rendimiento-api.md) stay true
 * when ANOTHER process changes the database: two real servers over one SQLite file (this one in process, the other a
 * child `server/src/index.ts`), plus the users CLI and a plain SQL connection as further writers.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente, type Respuesta } from '../helpers/http.js';
import { solicitud, titular } from '../helpers/datos.js';
import { iniciarApiEnProceso, type ApiEnProceso } from '../helpers/api-en-proceso.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');

/** A GET with exactly this Accept-Encoding, body as the bytes on the wire (fetch would decompress them). */
function getCrudo(url: string, token: string, aceptar: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; cuerpo: Buffer }>((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': aceptar } }, (res) => {
      const partes: Buffer[] = [];
      res.on('data', (d: Buffer) => partes.push(d));
      res.on('end', () => resolve({ headers: res.headers, cuerpo: Buffer.concat(partes) }));
    });
    req.on('error', reject);
  });
}

/** The same GET twice: the second answer must come from memory, or the test would prove nothing about the cache. */
async function caliente(token: string, url: string): Promise<Respuesta> {
  await cliente(token).get(url);
  const r = await cliente(token).get(url);
  expect(r.status).toBe(200);
  expect(r.headers.get('x-cache')).toBe('HIT');
  return r;
}

describe('caché de la bandeja y de sesiones con dos procesos sobre la misma base', () => {
  let a: ServidorDePrueba;
  let b: ApiEnProceso;
  let sql: Database.Database;

  beforeAll(async () => {
    a = await iniciarServidor();
    // The other server: a child process over the same database file and uploads.
    b = await iniciarApiEnProceso({ DEMO: 'false', LOG_LEVEL: 'silent' }, { dir: a.dir });
    // A third writer: an administrator's SQL on its own connection.
    sql = new Database(path.join(a.dir, 'tramites.db'));
    sql.pragma('busy_timeout = 5000');
  }, 180_000);

  afterAll(async () => {
    sql?.close();
    await b?.detener();
    await a?.cerrar();
  });

  it('una página caliente refleja al instante una solicitud registrada por el otro proceso', async () => {
    const { access_token: analista } = await a.login('analista');
    const { access_token: recepcion } = await a.login('recepcion');
    const lista = `${a.api}/ppsh/solicitudes?buscar=zabdiel&page_size=50`;
    const casos = `${a.api}/casos?buscar=zabdiel&page_size=20`;
    expect((await caliente(analista, lista)).body).toMatchObject({ total: 0, items: [] });
    expect((await caliente(analista, casos)).body).toMatchObject({ total: 0, items: [] });

    const creada = await cliente(recepcion).post(
      `${b.api}/ppsh/solicitudes`,
      solicitud({
        tipo_solicitud: 'INDIVIDUAL',
        solicitantes: [titular({ primer_nombre: 'Zabdiel', num_documento: 'VE5550001' })],
      }),
    );
    expect(creada.status, JSON.stringify(creada.body)).toBe(201);

    const despues = await cliente(analista).get(lista);
    expect(despues.headers.get('x-cache')).toBe('MISS');
    expect(despues.body.items.map((s: { id: string }) => s.id)).toEqual([creada.body.id]);
    expect((await cliente(analista).get(casos)).body.items.map((c: { id: string }) => c.id)).toEqual([creada.body.id]);

    // And the other way round: an edit made here shows in the other process's warm page.
    await caliente(analista, lista.replace(a.api, b.api));
    const editada = await cliente(analista).put(`${a.api}/ppsh/solicitudes/${creada.body.id}`, {
      prioridad: 'ALTA',
      version: creada.body.version,
    });
    expect(editada.status, JSON.stringify(editada.body)).toBe(200);
    const enB = await cliente(analista).get(lista.replace(a.api, b.api));
    expect(enB.headers.get('x-cache')).toBe('MISS');
    expect(enB.body.items[0].prioridad).toBe('ALTA');
  });

  it('un funcionario de otra oficina nunca recibe la página caliente de la oficina 02', async () => {
    const { access_token: analista } = await a.login('analista');
    const { access_token: darien } = await a.login('recepcion.darien');
    const url = `${a.api}/ppsh/solicitudes?page_size=50`;
    const de02 = await caliente(analista, url);
    expect(de02.body.items.length).toBeGreaterThan(0);
    expect(new Set(de02.body.items.map((s: { cod_agencia: string }) => s.cod_agencia))).toEqual(new Set(['02']));

    for (const ruta of [url, `${a.api}/casos?page_size=50`]) {
      const de04 = await cliente(darien).get(ruta);
      expect(de04.status).toBe(200);
      const oficinas = de04.body.items.map(
        (s: { cod_agencia?: string; agencia?: string }) => s.cod_agencia ?? s.agencia,
      );
      expect(oficinas.length).toBeGreaterThan(0);
      expect(new Set(oficinas)).toEqual(new Set(['04']));
    }
  });

  it('cerrar la sesión en el otro proceso la rechaza aquí en la petición siguiente', async () => {
    const { access_token } = await a.login('supervisor');
    await caliente(access_token, `${a.api}/casos/cola-aprobacion?page_size=20`);
    expect((await cliente(access_token).post(`${b.api}/auth/logout`)).status).toBe(204);
    const r = await cliente(access_token).get(`${a.api}/casos/cola-aprobacion?page_size=20`);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('TOKEN_INVALIDO');
  });

  it('la reutilización de un token de actualización en el otro proceso cierra aquí la sesión de la familia', async () => {
    const sesion = await a.login('consulta');
    await caliente(sesion.access_token, `${a.api}/ppsh/solicitudes?page_size=10`);
    const refrescar = (token: string) => cliente().post(`${b.api}/auth/refresh`, { refresh_token: token });
    const r1 = await refrescar(sesion.refresh_token);
    expect(r1.status).toBe(200);
    expect((await refrescar(r1.body.refresh_token)).status).toBe(200);
    // The first token again, after its successor was used: reuse, the whole family is revoked.
    expect((await refrescar(sesion.refresh_token)).status).toBe(401);
    const r = await cliente(sesion.access_token).get(`${a.api}/ppsh/solicitudes?page_size=10`);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('TOKEN_INVALIDO');
  });

  it('un cambio de oficina hecho por SQL en otra conexión cierra la sesión en la petición siguiente y la nueva ve solo la otra oficina', async () => {
    const { access_token } = await a.login('analista');
    await caliente(access_token, `${a.api}/ppsh/solicitudes?page_size=50`);
    sql.prepare("update usuarios set cod_agencia = '04' where username = 'analista'").run();
    try {
      // The cached page of office 02 never reaches the moved officer: her session ended with the move.
      const vieja = await cliente(access_token).get(`${a.api}/ppsh/solicitudes?page_size=50`);
      expect(vieja.status).toBe(401);
      const nueva = (await a.login('analista')).access_token;
      const me = await cliente(nueva).get(`${a.api}/auth/me`);
      expect(me.body.cod_agencia).toBe('04');
      const r = await cliente(nueva).get(`${a.api}/ppsh/solicitudes?page_size=50`);
      expect(r.body.items.length).toBeGreaterThan(0);
      expect(new Set(r.body.items.map((s: { cod_agencia: string }) => s.cod_agencia))).toEqual(new Set(['04']));
      // A demotion likewise ends the session, and the next one may read but not register.
      sql.prepare("update usuarios set rol = 'CONSULTA' where username = 'analista'").run();
      expect((await cliente(nueva).post(`${a.api}/ppsh/solicitudes`, solicitud())).status).toBe(401);
      const consulta = (await a.login('analista')).access_token;
      expect((await cliente(consulta).post(`${a.api}/ppsh/solicitudes`, solicitud())).status).toBe(403);
    } finally {
      sql.prepare("update usuarios set cod_agencia = '02', rol = 'ANALISTA' where username = 'analista'").run();
    }
  });

  it('una página caliente sale comprimida una sola vez y, sin gzip, igual en texto plano', async () => {
    const { access_token } = await a.login('supervisor');
    const url = `${a.api}/ppsh/solicitudes?page_size=50&orden=num_expediente`;
    await getCrudo(url, access_token, 'gzip');
    const comprimida = await getCrudo(url, access_token, 'gzip, deflate');
    expect(comprimida.headers['x-cache']).toBe('HIT');
    expect(comprimida.headers['content-encoding']).toBe('gzip');
    expect(comprimida.headers.vary).toMatch(/Accept-Encoding/i);
    // The stored gzip goes out whole, with its length; the compression middleware would have streamed it chunked.
    expect(Number(comprimida.headers['content-length'])).toBe(comprimida.cuerpo.length);
    const plana = await getCrudo(url, access_token, 'identity');
    expect(plana.headers['x-cache']).toBe('HIT');
    expect(plana.headers['content-encoding']).toBeUndefined();
    expect(zlib.gunzipSync(comprimida.cuerpo).equals(plana.cuerpo)).toBe(true);
    expect(JSON.parse(plana.cuerpo.toString()).items.length).toBeGreaterThan(0);
    expect(comprimida.headers.etag).toBe(plana.headers.etag);
  });

  it('desactivar la cuenta con el CLI (otro proceso) la rechaza aquí en la petición siguiente', async () => {
    const { access_token } = await a.login('recepcion');
    await caliente(access_token, `${a.api}/ppsh/solicitudes?page_size=10`);
    // Asynchronously: this test process also runs the first server, which must keep answering meanwhile.
    const cli = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/users.ts', 'disable', '--username', 'recepcion'],
      {
        cwd: RAIZ,
        env: { ...process.env, DATABASE_URL: `sqlite:${path.join(a.dir, 'tramites.db')}`, LOG_LEVEL: 'silent' },
        stdio: 'ignore',
      },
    );
    expect(await new Promise((r) => cli.once('exit', r))).toBe(0);
    const r = await cliente(access_token).get(`${a.api}/ppsh/solicitudes?page_size=10`);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('CUENTA_INACTIVA');
  }, 90_000);
});

/**
 * The desk's axios client: offline (ErrorRed) versus the server's answer (ErrorApi), the one immediate retry (GETs and
 * dead pooled sockets only, never a timeout or a login), the deadline, kept-alive sockets; the interceptor that renews a refused access token once for every request that got the
 * 401; and document progress events for a real upload and download through the real API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgresoDocumento } from '#shared/bridge/tipos';
import { ClienteApi, ErrorApi, ErrorRed } from '../../main/src/core/api/cliente.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { abrirEscritorio } from './helpers/escritorio.js';
import { casoEn, puesto } from '../sync/helpers/escenario.js';

/** A throwaway HTTP server whose handler the test writes; it counts requests and TCP connections. */
async function servidorFalso(manejar: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void) {
  let peticiones = 0;
  let conexiones = 0;
  const srv = http.createServer((req, res) => manejar(req, res, ++peticiones));
  srv.on('connection', () => conexiones++);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    peticiones: () => peticiones,
    conexiones: () => conexiones,
    async cerrar() {
      srv.closeAllConnections();
      await new Promise<void>((r) => srv.close(() => r()));
    },
  };
}

const json = (res: http.ServerResponse, status: number, cuerpo: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(cuerpo));
};

describe('cliente HTTP (axios)', () => {
  it('separa "sin conexión" de la respuesta del servidor con su código y mensaje', async () => {
    const f = await servidorFalso((req, res) => {
      if (req.url === '/regla') json(res, 422, { error: { code: 'REGLA_NEGOCIO', message: 'No procede', details: 1 } });
      else if (req.url === '/proxy') {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<h1>Bad gateway</h1>');
      } else if (req.url === '/raro') {
        res.writeHead(418);
        res.end('tetera');
      } else json(res, 200, { ok: true });
    });
    const c = new ClienteApi(f.base);
    try {
      await expect(c.pedir('/regla')).rejects.toBeInstanceOf(ErrorApi);
      await expect(c.pedir('/regla')).rejects.toMatchObject({
        status: 422,
        code: 'REGLA_NEGOCIO',
        message: 'No procede',
        details: 1,
      });
      await expect(c.pedir('/proxy')).rejects.toBeInstanceOf(ErrorRed);
      await expect(c.pedir('/raro')).rejects.toMatchObject({ status: 418, code: 'ERROR_INTERNO' });
      expect((await c.json<{ ok: boolean }>('/x')).datos).toEqual({ ok: true });
    } finally {
      await f.cerrar();
    }
    // The port is closed now: nothing listens there.
    await expect(c.pedir('/x')).rejects.toMatchObject({
      name: 'ErrorRed',
      message: 'No se pudo contactar al servidor',
    });
  });

  it('reintenta una sola vez en seguida cuando la conexión cae, y reutiliza la conexión abierta', async () => {
    const f = await servidorFalso((req, res, n) => {
      if (req.url === '/siempre-cae' || (req.url === '/cae-una' && n === 1)) return req.socket.destroy();
      json(res, 200, { n });
    });
    const c = new ClienteApi(f.base);
    try {
      expect((await c.json<{ n: number }>('/cae-una')).datos).toEqual({ n: 2 });
      const antes = f.peticiones();
      await expect(c.pedir('/siempre-cae')).rejects.toBeInstanceOf(ErrorRed);
      expect(f.peticiones() - antes).toBe(2);

      const conexiones = f.conexiones();
      for (let i = 0; i < 5; i++) await c.pedir('/x', { json: { i } });
      expect(f.conexiones() - conexiones).toBe(1);
    } finally {
      await f.cerrar();
    }
  });

  it('corta una petición sin respuesta al vencer su plazo y no la repite (pudo llegar al servidor)', async () => {
    const f = await servidorFalso(() => undefined);
    const c = new ClienteApi(f.base);
    try {
      await expect(c.pedir('/lento', { timeoutMs: 300 })).rejects.toMatchObject({
        name: 'ErrorRed',
        message: 'El servidor no respondió a tiempo',
      });
      await expect(c.pedir('/lento-post', { json: {}, timeoutMs: 300 })).rejects.toBeInstanceOf(ErrorRed);
      expect(f.peticiones()).toBe(2);
    } finally {
      await f.cerrar();
    }
  });

  it('un POST cuya conexión cae no se repite: un login sin respuesta cuenta una sola vez', async () => {
    const logins: string[] = [];
    const f = await servidorFalso((req, res) => {
      if (req.url?.endsWith('/auth/login')) {
        logins.push(req.method!);
        // The server got the password and counted it; the answer is lost on the way back.
        return req.socket.destroy();
      }
      if (req.url === '/post-cae') return req.socket.destroy();
      json(res, 200, {});
    });
    const c = new ClienteApi(f.base);
    const e = abrirEscritorio(`${f.base}/api/v1`);
    try {
      await expect(c.pedir('/post-cae', { json: { a: 1 } })).rejects.toBeInstanceOf(ErrorRed);
      expect(f.peticiones()).toBe(1);
      await expect(e.core['sesion.login']({ username: 'recepcion', password: 'x' })).rejects.toMatchObject({
        name: 'ErrorRed',
      });
      expect(logins).toEqual(['POST']);
    } finally {
      await e.cerrar();
      await f.cerrar();
    }
  });

  it('la repetición de un GET usa lo que queda del mismo plazo: pasado el plazo no se repite', async () => {
    const f = await servidorFalso((req) => req.socket.destroy());
    let ahora = 0;
    // The clock jumps past the deadline while the first try fails: a second try would have no time left.
    const c = new ClienteApi(f.base, () => (ahora += 1000));
    try {
      await expect(c.pedir('/cae', { timeoutMs: 1500 })).rejects.toBeInstanceOf(ErrorRed);
      expect(f.peticiones()).toBe(1);
    } finally {
      await f.cerrar();
    }
  });

  it('sube bytes con Content-Range e informa el progreso hasta el total', async () => {
    const recibido: { rango?: string; largo?: string; bytes: number }[] = [];
    const f = await servidorFalso((req, res) => {
      let bytes = 0;
      req.on('data', (d: Buffer) => (bytes += d.length));
      req.on('end', () => {
        recibido.push({ rango: req.headers['content-range'], largo: req.headers['content-length'], bytes });
        json(res, 200, {});
      });
    });
    const c = new ClienteApi(f.base);
    const pasos: [number, number | null][] = [];
    try {
      const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
      await c.pedir('/archivo', {
        metodo: 'PUT',
        bytes,
        headers: { 'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
        progreso: (n, t) => pasos.push([n, t]),
      });
      expect(recibido).toEqual([
        { rango: `bytes 0-${bytes.length - 1}/${bytes.length}`, largo: String(bytes.length), bytes: bytes.length },
      ]);
      expect(pasos.at(-1)).toEqual([bytes.length, bytes.length]);
      expect(pasos.map((p) => p[0])).toEqual([...pasos.map((p) => p[0])].sort((a, b) => a - b));
    } finally {
      await f.cerrar();
    }
  });
});

describe('renovación del token y progreso de documentos contra el servidor real', () => {
  let s: ServidorDePrueba;
  beforeAll(async () => {
    s = await iniciarServidor();
  });
  afterAll(async () => {
    await s.cerrar();
  });

  it('un token rechazado se renueva una sola vez para todas las peticiones que lo recibieron', async () => {
    // A relay in front of the real API that refuses the first access token it sees, as a server does after a restart
    // with a rotated key; it counts the refreshes that go through.
    let rechazado: string | null = null;
    let renovaciones = 0;
    const relevo = await servidorFalso((req, res) => {
      const partes: Buffer[] = [];
      req.on('data', (d: Buffer) => partes.push(d));
      req.on('end', async () => {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (token && token === rechazado)
          return json(res, 401, { error: { code: 'TOKEN_INVALIDO', message: 'Token vencido o inválido' } });
        if (req.url?.endsWith('/auth/refresh')) renovaciones++;
        const r = await fetch(`${s.url}${req.url}`, {
          method: req.method,
          headers: {
            'content-type': 'application/json',
            ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          },
          body: partes.length ? Buffer.concat(partes) : undefined,
        });
        const cuerpo = Buffer.from(await r.arrayBuffer());
        if (req.url?.endsWith('/auth/login'))
          rechazado = (JSON.parse(cuerpo.toString()) as { access_token: string }).access_token;
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
        res.end(cuerpo);
      });
    });
    const e = abrirEscritorio(`${relevo.base}/api/v1`);
    try {
      await e.core['sesion.login']({ username: 'supervisor', password: PASSWORD_DEMO });
      const cifras = await Promise.all(Array.from({ length: 5 }, () => e.core['tablero.cifras']({})));
      // Without the renewal every call would have shown the local figures alone (servidor null).
      for (const c of cifras) expect(c.servidor).not.toBeNull();
      expect(renovaciones).toBe(1);
    } finally {
      await e.cerrar();
      await relevo.cerrar();
    }
  });

  // Two desks log in and pull the demo caseload first: slow on a loaded machine, hence 90 s.
  it('la subida y la descarga de un documento emiten su progreso en orden y terminan en el total', async () => {
    const recepcion = await puesto(s, 'recepcion');
    const analista = await puesto(s, 'analista');
    try {
      const id = await casoEn(recepcion.core, 'RECIBIDO');
      // Two and a half fragments: the upload goes in three ranges.
      const pdf = Buffer.alloc(2.5 * 1024 * 1024, 0x20);
      pdf.write('%PDF-1.4\n', 0);
      const subida: (ProgresoDocumento & { t: number })[] = [];
      recepcion.core.on('documentos.progreso', (p) => subida.push({ ...p, t: Date.now() }));
      await recepcion.core['ppsh.adjuntarDocumento']({
        id,
        nombre_archivo: 'pasaporte.pdf',
        contenido_base64: pdf.toString('base64'),
        metadatos: { cod_tipo_documento: 1 },
      });
      await recepcion.core['sync.ahora']({});
      expect((await recepcion.core['sync.estado']({})).pendientes).toBe(0);
      comprobarProgreso(subida, 'subida', pdf.length);

      await analista.core['sync.ahora']({});
      const detalle = await analista.core['expedientes.detalle']({ id });
      const doc = detalle.documentos.find((d) => d.nombre_archivo === 'pasaporte.pdf')!;
      const descarga: (ProgresoDocumento & { t: number })[] = [];
      analista.core.on('documentos.progreso', (p) => descarga.push({ ...p, t: Date.now() }));
      const abierto = await analista.core['documentos.abrir']({ id: doc.id });
      expect(Buffer.from(abierto.contenido_base64, 'base64').equals(pdf)).toBe(true);
      comprobarProgreso(descarga, 'descarga', pdf.length);
      expect(descarga.every((p) => p.documento_id === doc.id)).toBe(true);
      expect(subida.every((p) => p.documento_id === doc.id)).toBe(true);
    } finally {
      await recepcion.cerrar();
      await analista.cerrar();
    }
  }, 90_000);
});

function comprobarProgreso(eventos: (ProgresoDocumento & { t: number })[], direccion: string, total: number) {
  expect(eventos.length).toBeGreaterThan(0);
  expect(eventos.every((p) => p.direccion === direccion && p.total === total)).toBe(true);
  const cargados = eventos.map((p) => p.cargados);
  expect(cargados).toEqual([...cargados].sort((a, b) => a - b));
  expect(cargados.at(-1)).toBe(total);
  // Throttled: apart from the last one, at most one event per 100 ms.
  const intermedios = eventos.slice(0, -1);
  for (let i = 1; i < intermedios.length; i++)
    expect(intermedios[i]!.t - intermedios[i - 1]!.t).toBeGreaterThanOrEqual(95);
}

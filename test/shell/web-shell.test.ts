/**
 * The web shell against a real API server: the token, Host and Origin guards, bridge calls and their errors in the
 * shared shape, events over SSE, the renderer served with the CSP, and a close that really frees the port.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../main/src/csp.js';
import { iniciarShellWeb, type ShellWeb } from '../../main/src/web-shell/iniciar.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { peticion } from './peticion.js';

let api: ServidorDePrueba;
let shell: ShellWeb;
let base: string;
let dir: string;

const json = (token: string, cuerpo: unknown, extra: Record<string, string> = {}) => ({
  metodo: 'POST',
  headers: { 'content-type': 'application/json', 'x-tramites-token': token, ...extra },
  cuerpo: JSON.stringify(cuerpo),
});

beforeAll(async () => {
  api = await iniciarServidor();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-web-'));
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Trámites</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secreto.txt'), 'fuera del renderer');
  shell = await iniciarShellWeb({
    apiUrl: api.api,
    dataDir: path.join(dir, 'datos'),
    directorioRenderer: renderer,
    core: { syncAutomatico: false },
  });
  base = shell.url.split('#')[0]!;
});
afterAll(async () => {
  await shell?.cerrar();
  await api?.cerrar();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('shell web', () => {
  it('da una URL en 127.0.0.1 con un token aleatorio de 64 hex en el fragmento', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
    expect(shell.url.endsWith(shell.token)).toBe(true);
  });

  it('sin token o con uno incorrecto responde 401 en la forma de error compartida, y no llama al núcleo', async () => {
    for (const token of ['', 'a'.repeat(64), shell.token.slice(1)]) {
      const r = await peticion(
        base,
        '/puente/sesion.login',
        json(token, { username: 'recepcion', password: PASSWORD_DEMO }),
      );
      expect(r.status).toBe(401);
      expect(r.json()).toEqual({ error: { code: 'NO_AUTENTICADO', message: expect.stringMatching(/token/i) } });
    }
    const estado = await peticion(base, '/puente/sesion.estado', json(shell.token, {}));
    expect(estado.json()).toMatchObject({ estado: 'sin_sesion' });
  });

  it('rechaza un Host ajeno (DNS rebinding) y un Origin ajeno aunque traigan el token', async () => {
    const puerto = new URL(base).port;
    const host = await peticion(
      base,
      '/puente/sesion.estado',
      json(shell.token, {}, { host: `evil.example:${puerto}` }),
    );
    expect(host.status).toBe(403);
    expect(host.json().error.code).toBe('PERMISO_DENEGADO');
    const pagina = await peticion(base, '/', { headers: { host: `evil.example:${puerto}` } });
    expect(pagina.status).toBe(403);
    const origen = await peticion(
      base,
      '/puente/sesion.estado',
      json(shell.token, {}, { origin: 'https://evil.example' }),
    );
    expect(origen.status).toBe(403);
    const propio = await peticion(
      base,
      '/puente/sesion.estado',
      json(shell.token, {}, { host: `localhost:${puerto}`, origin: `http://localhost:${puerto}` }),
    );
    expect(propio.status).toBe(200);
  });

  it('un formulario de otra página (text/plain, sin preflight) no llega al núcleo', async () => {
    const r = await peticion(base, '/puente/sesion.logout', {
      metodo: 'POST',
      headers: { 'content-type': 'text/plain', 'x-tramites-token': shell.token },
      cuerpo: '{}',
    });
    expect(r.status).toBe(415);
    expect(r.json().error.code).toBe('TIPO_NO_SOPORTADO');
  });

  it('llama métodos reales contra la API: login y la bandeja con los casos de demostración', async () => {
    const login = await peticion(
      base,
      '/puente/sesion.login',
      json(shell.token, { username: 'recepcion', password: PASSWORD_DEMO }),
    );
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({ estado: 'activa', usuario: { username: 'recepcion', rol: 'RECEPCION' } });
    const sync = await peticion(base, '/puente/sync.ahora', json(shell.token, {}));
    expect(sync.status).toBe(200);
    const pagina = await peticion(base, '/puente/expedientes.consultar', json(shell.token, { limite: 5 }));
    expect(pagina.status).toBe(200);
    const cuerpo = pagina.json();
    expect(cuerpo.items.length).toBeGreaterThan(0);
    expect(cuerpo.items.length).toBeLessThanOrEqual(5);
  });

  it('los errores cruzan con código estable y mensaje en español: datos inválidos, método desconocido, JSON roto, credenciales', async () => {
    const invalidos = await peticion(base, '/puente/expedientes.consultar', json(shell.token, { limite: 'muchos' }));
    expect(invalidos.status).toBe(422);
    expect(invalidos.json().error).toMatchObject({ code: 'VALIDACION', message: expect.stringContaining('limite') });

    const desconocido = await peticion(base, '/puente/sistema.apagar', json(shell.token, {}));
    expect(desconocido.status).toBe(404);
    expect(desconocido.json().error).toMatchObject({
      code: 'NO_ENCONTRADO',
      message: expect.stringContaining('sistema.apagar'),
    });

    const roto = await peticion(base, '/puente/sesion.estado', { ...json(shell.token, {}), cuerpo: '{"a":' });
    expect(roto.status).toBe(400);
    expect(roto.json().error).toMatchObject({ code: 'PETICION_MALFORMADA', message: expect.stringMatching(/JSON/) });

    // More than a 10 MB document in base64 can be: refused with 413 (the reply still arrives), nothing runs.
    const enorme = await peticion(base, '/puente/ppsh.comentar', {
      ...json(shell.token, {}),
      cuerpo: JSON.stringify({ relleno: 'x'.repeat(17 * 1024 * 1024) }),
    });
    expect(enorme.status).toBe(413);
    expect(enorme.json().error.code).toBe('CUERPO_DEMASIADO_GRANDE');

    const credenciales = await peticion(
      base,
      '/puente/sesion.login',
      json(shell.token, { username: 'analista', password: 'no-es-la-clave' }),
    );
    expect(credenciales.status).toBe(401);
    expect(credenciales.json()).toEqual({
      error: { code: 'CREDENCIALES_INVALIDAS', message: expect.any(String) },
    });

    const get = await peticion(base, '/puente/sesion.estado', { headers: { 'x-tramites-token': shell.token } });
    expect(get.status).toBe(404);
  });

  it('entrega los eventos del núcleo por SSE (sync.estado al sincronizar) y exige el token', async () => {
    expect((await peticion(base, '/puente/eventos?token=otro')).status).toBe(401);

    const recibido = new Promise<{ evento: string; datos: unknown }>((resolve, reject) => {
      const req = http.get(new URL(`/puente/eventos?token=${shell.token}`, base), (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let texto = '';
        res.on('data', (c: Buffer) => {
          texto += c.toString('utf8');
          const m = /event: (sync\.estado)\ndata: (.*)\n\n/.exec(texto);
          if (m) {
            resolve({ evento: m[1]!, datos: JSON.parse(m[2]!) });
            req.destroy();
          } else if (texto.startsWith(': conectado')) void peticion(base, '/puente/sync.ahora', json(shell.token, {}));
        });
      });
      req.on('error', reject);
    });
    const { evento, datos } = await recibido;
    expect(evento).toBe('sync.estado');
    expect(datos).toHaveProperty('pendientes');
  });

  it('sirve el renderer con la CSP estricta y nada fuera de su carpeta', async () => {
    const inicio = await peticion(base, '/');
    expect(inicio.status).toBe(200);
    expect(inicio.headers['content-security-policy']).toBe(CSP);
    expect(inicio.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    expect(inicio.headers['cache-control']).toBe('no-store');
    expect(inicio.texto).toContain('Trámites');
    const js = await peticion(base, '/assets/app.js');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    for (const ruta of ['/../secreto.txt', '/%2e%2e/secreto.txt', '/assets/..%2f..%2fsecreto.txt', '/%00'])
      expect((await peticion(base, ruta)).status, ruta).toBe(404);
  });
});

describe('cerrar el shell web', () => {
  it('termina los flujos SSE abiertos, libera el puerto y cierra el núcleo', async () => {
    const otro = await iniciarShellWeb({
      apiUrl: api.api,
      dataDir: path.join(dir, 'datos-2'),
      directorioRenderer: path.join(dir, 'renderer'),
      core: { syncAutomatico: false },
    });
    const url = new URL(otro.url);
    // Connected (first comment received) before closing, so the close is what ends the stream.
    const { conectado, terminado } = await new Promise<{ conectado: true; terminado: Promise<void> }>(
      (resolve, reject) => {
        http
          .get(new URL(`/puente/eventos?token=${otro.token}`, url), (res) => {
            const terminado = new Promise<void>((fin) => res.on('close', () => fin()));
            res.once('data', () => resolve({ conectado: true, terminado }));
          })
          .on('error', reject);
      },
    );
    expect(conectado).toBe(true);
    await otro.cerrar();
    await terminado;
    // The port is free again: something else can listen on it.
    const s = net.createServer();
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(Number(url.port), '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => s.close(() => resolve()));
    await expect(otro.core['sesion.estado']({})).rejects.toThrow();
    await otro.cerrar();
  });
});

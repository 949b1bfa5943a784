/**
 * Issue 8 item 8, the request edges: `Bearer <token> extra` is refused; X-Forwarded-For cannot buy a fresh login budget;
 * required text must be visible; oversized bodies and files are 413; outside production a missing SECRET_KEY becomes a
 * random key kept in the data folder, never a published one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { formulario, pdfReal, solicitud } from '../helpers/datos.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';

const MAX_SUBIDA = 64 * 1024;
let s: ServidorDePrueba;
let token: string;

beforeAll(async () => {
  s = await iniciarServidor({
    env: {
      RATE_LIMIT_ENABLED: 'true',
      LOGIN_RATE_LIMIT_REQUESTS: '3',
      RATE_LIMIT_REQUESTS: '1000',
      TRUST_PROXY: 'loopback,uniquelocal',
      MAX_UPLOAD_SIZE: String(MAX_SUBIDA),
    },
  });
  token = (await s.login('recepcion')).access_token;
});
afterAll(() => s.cerrar());

describe('cabecera Authorization', () => {
  it.each([
    ['Bearer <token> extra', (t: string) => `Bearer ${t} extra`],
    ['dos espacios', (t: string) => `Bearer  ${t}`],
    ['token y coma', (t: string) => `Bearer ${t},Bearer ${t}`],
    ['sin esquema', (t: string) => t],
  ])('%s: 401 NO_AUTENTICADO', async (_caso, cabecera) => {
    const r = await cliente().get(`${s.api}/auth/me`, { authorization: cabecera(token) });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('NO_AUTENTICADO');
  });

  it('exactamente "Bearer <token>" (el esquema sin distinguir mayúsculas) sí entra', async () => {
    expect((await cliente().get(`${s.api}/auth/me`, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await cliente().get(`${s.api}/auth/me`, { authorization: `bearer ${token}` })).status).toBe(200);
  });
});

describe('límite de inicios de sesión detrás del proxy', () => {
  it('un cliente de la red de la oficina no renueva su cupo inventando X-Forwarded-For', async () => {
    // What nginx forwards for a client at 192.168.10.7 (a private, hence "trusted" range) that wrote its own header.
    const intentos = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        cliente().post(
          `${s.api}/auth/login`,
          { username: 'consulta', password: 'equivocada' },
          { 'x-forwarded-for': `203.0.113.${i + 1}, 192.168.10.7` },
        ),
      ),
    );
    expect(intentos.filter((r) => r.status === 429)).toHaveLength(2);
    // Another real client behind the same proxy keeps its own budget.
    const otro = await cliente().post(
      `${s.api}/auth/login`,
      { username: 'recepcion', password: PASSWORD_DEMO },
      { 'x-forwarded-for': '192.168.10.8' },
    );
    expect(otro.status).toBe(200);
  });
});

describe('texto obligatorio', () => {
  it.each([
    ['NUL', '\u0000'],
    ['espacio de ancho cero', '\u200b'],
    ['unión de ancho cero y espacios', ' \u200d \ufeff '],
  ])('un comentario que solo tiene %s se rechaza con 422', async (_caso, texto) => {
    const c = cliente(token);
    const caso = (await c.post(`${s.api}/ppsh/solicitudes`, solicitud())).body;
    const r = await c.post(`${s.api}/ppsh/solicitudes/${caso.id}/comentarios`, { comentario: texto });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'VALIDACION', message: expect.any(String) });
    const filas = await s.db.selectFrom('ppsh_comentarios').select('id').where('solicitud_id', '=', caso.id).execute();
    expect(filas).toEqual([]);
  });
});

describe('cuerpos demasiado grandes', () => {
  it('un archivo mayor que MAX_UPLOAD_SIZE: 413, por REST y por la subida de sync', async () => {
    const c = cliente(token);
    const caso = (await c.post(`${s.api}/ppsh/solicitudes`, solicitud())).body;
    const grande = Buffer.concat([await pdfReal(), Buffer.alloc(MAX_SUBIDA)]);
    const rest = await c.post(
      `${s.api}/ppsh/solicitudes/${caso.id}/documentos`,
      formulario('grande.pdf', grande, { tipo_documento_texto: 'Pasaporte' }),
    );
    expect(rest.status).toBe(413);
    const sync = await fetch(`${s.api}/sync/archivos/${'a'.repeat(64)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(grande),
    });
    expect(sync.status).toBe(413);
  });

  it('un JSON mayor que el límite del cuerpo: 413', async () => {
    const r = await cliente(token).post(
      `${s.api}/ppsh/solicitudes`,
      solicitud({ descripcion_caso: 'x'.repeat(2_000_000) }),
    );
    expect(r.status).toBe(413);
  });
});

describe('SECRET_KEY fuera de producción', () => {
  it('se genera al azar una vez, se guarda en la carpeta de datos (0600) y se reutiliza', () => {
    const dirs = [1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-clave-')));
    try {
      const cargar = (dir: string) =>
        loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`, ENVIRONMENT: 'development' }).jwt.secret;
      const a = cargar(dirs[0]!);
      expect(a.length).toBeGreaterThanOrEqual(32);
      expect(cargar(dirs[0]!)).toBe(a);
      expect(cargar(dirs[1]!)).not.toBe(a);
      const archivo = path.join(dirs[0]!, 'clave-secreta');
      expect(fs.readFileSync(archivo, 'utf8')).toBe(a);
      expect(fs.statSync(archivo).mode & 0o077).toBe(0);
      expect(fs.readFileSync(new URL('../../server/src/config.ts', import.meta.url), 'utf8')).not.toContain(a);
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});

/** What the server stands on fails under it: Redis stops mid-load, the database is locked, the uploads disk fills up. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente, type Cliente } from '../helpers/http.js';
import { formulario, pdfReal, solicitud, titular } from '../helpers/datos.js';
import { iniciarRedis, type RedisDePrueba } from '../helpers/redis.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { Vigia } from './escenario.js';

describe('Redis se detiene en plena carga', () => {
  let redis: RedisDePrueba;
  let s: ServidorDePrueba;
  beforeAll(async () => {
    redis = await iniciarRedis();
    s = await iniciarServidor({
      // The rate limiter and the catalog cache both live in Redis: the two paths that must survive it.
      env: { REDIS_URL: redis.url, RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_REQUESTS: '100000' },
      redis: await redis.cliente(),
    });
  });
  afterAll(async () => {
    await s?.cerrar();
    await redis?.detener();
  });

  it('ninguna petición falla con 5xx antes, durante ni después, y /health/detailed dice degradado', async () => {
    const token = (await s.login('analista')).access_token;
    const c = cliente(token);
    const rutas = ['/ppsh/catalogos/estados', '/ppsh/solicitudes?page_size=5', '/casos?page_size=5', '/auth/me'];
    const estados: number[] = [];
    let hechas = 0;
    const detenida = (async () => {
      while (hechas < 60) await new Promise((r) => setTimeout(r, 5));
      await redis.detener();
    })();
    await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        for (let j = 0; j < 50; j++) {
          estados.push((await c.get(`${s.api}${rutas[(i + j) % rutas.length]}`)).status);
          hechas++;
        }
      }),
    );
    await detenida;
    expect(estados).toHaveLength(200);
    expect(estados.filter((x) => x !== 200)).toEqual([]);
    const salud = await cliente().get(`${s.url}/health/detailed`);
    expect(salud.body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
  });
});

describe('base de datos y disco', () => {
  let s: ServidorDePrueba;
  let recepcion: Cliente;
  let casoId: string;
  beforeAll(async () => {
    s = await iniciarServidor();
    recepcion = cliente((await s.login('recepcion')).access_token);
    const r = await recepcion.post(
      `${s.api}/ppsh/solicitudes`,
      solicitud({ tipo_solicitud: 'INDIVIDUAL', solicitantes: [titular({ num_documento: 'VE5550001' })] }),
    );
    casoId = r.body.id;
  });
  afterAll(() => s?.cerrar());

  const comentar = () =>
    recepcion.post(`${s.api}/ppsh/solicitudes/${casoId}/comentarios`, { comentario: 'Durante el bloqueo' });

  it('con la base bloqueada por otro proceso: 503 SERVICIO_NO_DISPONIBLE sin escribir nada; al liberarla, vuelve a funcionar', async () => {
    const archivo = s.config.database.kind === 'sqlite' ? s.config.database.file : '';
    const bloqueo = new Database(archivo);
    const vigia = new Vigia(archivo, s.config.uploads.dir);
    try {
      // Another process (a backup, a long migration) holds the write lock past the server's busy timeout.
      bloqueo.prepare('begin exclusive').run();
      const r = await comentar();
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.headers.get('retry-after')).toBeTruthy();
      expect(r.body.error).toMatchObject({
        code: 'SERVICIO_NO_DISPONIBLE',
        message: expect.stringMatching(/base de datos/),
      });
    } finally {
      bloqueo.prepare('rollback').run();
      bloqueo.close();
    }
    expect(vigia.cambios()).toEqual([]);
    vigia.cerrar();
    const despues = await comentar();
    expect(despues.status, JSON.stringify(despues.body)).toBe(201);
  }, 30_000);

  const esRoot = process.getuid?.() === 0;

  /** Mounts a 64 KB tmpfs over the uploads folder (we run as root) for the length of `prueba`. */
  async function conDiscoLleno(prueba: (vigia: Vigia, grande: Buffer, token: string) => Promise<void>) {
    const dir = s.config.uploads.dir;
    fs.mkdirSync(dir, { recursive: true });
    const grande = Buffer.concat([await pdfReal(`Expediente escaneado ${uuidv7()}`), Buffer.alloc(200_000, 0x20)]);
    const token = (await s.login('recepcion')).access_token;
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    const vigia = new Vigia(s.config.database.kind === 'sqlite' ? s.config.database.file : '', dir);
    try {
      await prueba(vigia, grande, token);
      expect(vigia.listarUploads(), 'nada a medias en la carpeta').toBe('');
      expect(vigia.cambios()).toEqual([]);
    } finally {
      vigia.cerrar();
      execFileSync('umount', [dir]);
    }
    const despues = await recepcion.post(
      `${s.api}/ppsh/solicitudes/${casoId}/documentos`,
      formulario('pasaporte.pdf', await pdfReal(`después ${uuidv7()}`), { tipo_documento_texto: 'Pasaporte' }),
    );
    expect(despues.status, JSON.stringify(despues.body)).toBe(201);
  }

  it.skipIf(!esRoot)(
    'disco de documentos lleno (tmpfs de 64 KB): la subida REST es un 503 claro, sin fila ni archivo a medias',
    () =>
      conDiscoLleno(async (_vigia, grande) => {
        const r = await recepcion.post(
          `${s.api}/ppsh/solicitudes/${casoId}/documentos`,
          formulario('escaneo.pdf', grande, { tipo_documento_texto: 'Escaneo' }),
        );
        expect(r.status, JSON.stringify(r.body)).toBe(503);
        expect(r.body.error.message).toMatch(/espacio en disco/);
      }),
  );

  it.skipIf(!esRoot)(
    'disco de documentos lleno: la subida por sincronización (PUT por SHA-256) también es un 503, sin parciales',
    () =>
      conDiscoLleno(async (_vigia, grande, token) => {
        const sha = createHash('sha256').update(grande).digest('hex');
        const put = await fetch(`${s.api}/sync/archivos/${sha}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: new Uint8Array(grande),
        });
        expect(put.status, await put.text()).toBe(503);
      }),
  );
});

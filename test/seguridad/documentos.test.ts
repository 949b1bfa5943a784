/**
 * Issue 8 items 1, 4, 5 and 8 (uploads): a hash is not a capability across offices; a refused upload leaves nothing on
 * disk; identical bytes uploaded at once all succeed; stale temp files are swept at start-up; .docx must be OOXML.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepararBaseDeDatos } from '../../server/src/arranque.js';
import { loadConfig } from '../../server/src/config.js';
import { crearLogger } from '../../server/src/logger.js';
import { formulario, pdfReal, solicitud } from '../helpers/datos.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { comando, empujar } from '../sync-server/ayudas.js';

let s: ServidorDePrueba;
const tokens: Record<string, string> = {};
const token = async (u: string) => (tokens[u] ??= (await s.login(u)).access_token);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under the uploads folder (partials and temp files included). */
const archivosEnDisco = () =>
  fs.existsSync(s.config.uploads.dir)
    ? (fs.readdirSync(s.config.uploads.dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
        .sort()
    : [];

async function casoDe(usuario: string): Promise<string> {
  const r = await cliente(await token(usuario)).post(`${s.api}/ppsh/solicitudes`, solicitud());
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const subirRest = async (usuario: string, caso: string, nombre: string, bytes: Buffer) =>
  cliente(await token(usuario)).post(
    `${s.api}/ppsh/solicitudes/${caso}/documentos`,
    formulario(nombre, bytes, { tipo_documento_texto: 'Pasaporte' }),
  );

const subirSync = async (usuario: string, bytes: Buffer) =>
  fetch(`${s.api}/sync/archivos/${sha(bytes)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await token(usuario)}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });

const adjuntar = (caso: string, bytes: Buffer) =>
  comando('ppsh.adjuntarDocumento', {
    solicitudId: caso,
    documento: { id: uuidv7(), sha256: sha(bytes), nombre_archivo: 'pasaporte.pdf', tipo_documento_texto: 'Pasaporte' },
  });

beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(() => s.cerrar());

describe('un SHA-256 no es una llave entre oficinas', () => {
  it('la oficina 04 no adjunta ni descarga un archivo de la oficina 02 conociendo solo su hash', async () => {
    const bytes = await pdfReal('Pasaporte de la oficina 02');
    expect((await subirRest('recepcion', await casoDe('recepcion'), 'p.pdf', bytes)).status).toBe(201);
    const darien = cliente(await token('recepcion.darien'));

    const estado = await darien.get(`${s.api}/sync/archivos/${sha(bytes)}/estado`);
    expect(estado.body).toEqual({ sha256: sha(bytes), recibidos: 0, completo: false });

    const propio = await casoDe('recepcion.darien');
    const intento = await empujar(s.api, await token('recepcion.darien'), [adjuntar(propio, bytes)]);
    expect(intento.body.resultados[0]).toMatchObject({ status: 'rejected', code: 'NO_ENCONTRADO', reintentable: true });
    const docs = await s.db.selectFrom('ppsh_documentos').select('id').where('solicitud_id', '=', propio).execute();
    expect(docs).toEqual([]);
    expect((await darien.get(`${s.api}/sync/archivos/${sha(bytes)}`)).status).toBe(404);

    // Proving possession (sending the whole bytes) is what makes them hers.
    expect(await (await subirSync('recepcion.darien', bytes)).json()).toMatchObject({ completo: true });
    const despues = await empujar(s.api, await token('recepcion.darien'), [adjuntar(propio, bytes)]);
    expect(despues.body.resultados[0]).toMatchObject({ status: 'applied' });
  });

  it('quien ya ve un documento con ese hash en su oficina puede reutilizarlo sin volver a subirlo', async () => {
    const bytes = await pdfReal('Cédula compartida en la oficina 02');
    expect((await subirRest('recepcion', await casoDe('recepcion'), 'c.pdf', bytes)).status).toBe(201);
    const analista = cliente(await token('analista'));
    expect((await analista.get(`${s.api}/sync/archivos/${sha(bytes)}/estado`)).body).toMatchObject({ completo: true });
    const r = await empujar(s.api, await token('recepcion'), [adjuntar(await casoDe('recepcion'), bytes)]);
    expect(r.body.resultados[0]).toMatchObject({ status: 'applied' });
  });
});

describe('una subida rechazada no deja nada en disco', () => {
  it('rol sin permiso, otra oficina, caso inexistente y caso cerrado: 403/404/409 y el disco igual', async () => {
    const propio = await casoDe('recepcion');
    const cerrado = await casoDe('recepcion');
    await s.db.updateTable('ppsh_solicitudes').set({ estado_actual: 'ARCHIVADO' }).where('id', '=', cerrado).execute();
    const otraOficina = await casoDe('recepcion.darien');
    const antes = archivosEnDisco();
    const intentos = [
      { usuario: 'consulta', caso: propio, status: 403 },
      { usuario: 'recepcion', caso: otraOficina, status: 404 },
      { usuario: 'recepcion', caso: uuidv7(), status: 404 },
      { usuario: 'recepcion', caso: cerrado, status: 409 },
    ];
    for (const [i, x] of intentos.entries()) {
      const r = await subirRest(x.usuario, x.caso, 'x.pdf', await pdfReal(`rechazado ${i} ${uuidv7()}`));
      expect(r.status, `${x.usuario} → ${x.status}`).toBe(x.status);
      expect(r.body.error.message).toBeTruthy();
    }
    expect(archivosEnDisco()).toEqual(antes);
    const filas = await s.db.selectFrom('archivos').select('sha256').execute();
    expect(filas.every((f) => antes.some((a) => a.endsWith(f.sha256)))).toBe(true);
  });
});

describe('subidas concurrentes', () => {
  it('diez subidas simultáneas de los mismos bytes: todas 201, un solo archivo, ningún .tmp', async () => {
    const caso = await casoDe('recepcion');
    const bytes = await pdfReal(`concurrente ${uuidv7()}`);
    const r = await Promise.all(Array.from({ length: 10 }, () => subirRest('recepcion', caso, 'd.pdf', bytes)));
    expect(r.map((x) => x.status)).toEqual(Array(10).fill(201));
    const enDisco = archivosEnDisco();
    expect(enDisco.filter((f) => f.includes(sha(bytes)))).toHaveLength(1);
    expect(enDisco.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('.docx', () => {
  /** A stored (uncompressed) ZIP with these entries, as a real archiver writes it. */
  function zip(entradas: Record<string, string>): Buffer {
    const locales: Buffer[] = [];
    const centrales: Buffer[] = [];
    let offset = 0;
    for (const [nombre, contenido] of Object.entries(entradas)) {
      const n = Buffer.from(nombre);
      const datos = Buffer.from(contenido);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(crc32(datos), 14);
      local.writeUInt32LE(datos.length, 18);
      local.writeUInt32LE(datos.length, 22);
      local.writeUInt16LE(n.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt32LE(crc32(datos), 16);
      central.writeUInt32LE(datos.length, 20);
      central.writeUInt32LE(datos.length, 24);
      central.writeUInt16LE(n.length, 28);
      central.writeUInt32LE(offset, 42);
      locales.push(local, n, datos);
      centrales.push(central, n);
      offset += 30 + n.length + datos.length;
    }
    const directorio = Buffer.concat(centrales);
    const fin = Buffer.alloc(22);
    fin.writeUInt32LE(0x06054b50, 0);
    fin.writeUInt16LE(centrales.length / 2, 8);
    fin.writeUInt16LE(centrales.length / 2, 10);
    fin.writeUInt32LE(directorio.length, 12);
    fin.writeUInt32LE(offset, 16);
    return Buffer.concat([...locales, directorio, fin]);
  }

  it('un ZIP que solo contiene word/ no pasa por .docx; un paquete OOXML sí', async () => {
    const caso = await casoDe('recepcion');
    const falso = zip({ 'word/': '', 'word/malware.exe': 'MZ' });
    const r = await subirRest('recepcion', caso, 'carta.docx', falso);
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('ARCHIVO_NO_PERMITIDO');
    const real = zip({
      '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
      '_rels/.rels': '<?xml version="1.0"?><Relationships/>',
      'word/document.xml': '<?xml version="1.0"?><w:document/>',
    });
    expect((await subirRest('recepcion', caso, 'carta.docx', real)).status).toBe(201);
  });
});

describe('archivos temporales abandonados', () => {
  it('al arrancar se borran los *.tmp viejos que dejó un kill -9 y las subidas abandonadas, no lo reciente ni los archivos', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-tmp-'));
    try {
      const uploads = path.join(dir, 'uploads');
      const sub = path.join(uploads, 'ab', 'cd');
      fs.mkdirSync(sub, { recursive: true });
      const viejo = path.join(sub, 'abcd1234.9f8e7d.tmp');
      const reciente = path.join(sub, 'abcd1234.0a1b2c.tmp');
      const archivo = path.join(sub, 'abcd1234');
      const parciales = path.join(uploads, '.parciales');
      fs.mkdirSync(parciales);
      const parcialAbandonado = path.join(parciales, 'abcd1234.usuario-1');
      const parcialDeAyer = path.join(parciales, 'abcd1234.usuario-2');
      for (const f of [viejo, reciente, archivo, parcialAbandonado, parcialDeAyer]) fs.writeFileSync(f, 'x');
      const hace = (horas: number) => new Date(Date.now() - horas * 3600_000);
      for (const f of [viejo, archivo, parcialDeAyer]) fs.utimesSync(f, hace(1), hace(24));
      fs.utimesSync(parcialAbandonado, hace(8 * 24), hace(8 * 24));
      const config = loadConfig({
        DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
        UPLOAD_DIR: uploads,
        DEMO: 'false',
        LOG_LEVEL: 'silent',
      });
      const db = await prepararBaseDeDatos(config, crearLogger('silent'));
      await db.destroy();
      expect([viejo, reciente, archivo].map((f) => fs.existsSync(f))).toEqual([false, true, true]);
      expect([parcialAbandonado, parcialDeAyer].map((f) => fs.existsSync(f))).toEqual([false, true]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

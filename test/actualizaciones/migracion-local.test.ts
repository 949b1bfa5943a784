/**
 * An update must not cost a desk its unsynced work. A desk store is brought back to the schema of the last released
 * desk (every table copied column by column, FTS index included), then opened by today's core: the migrations run,
 * and the pending commands, the rejected ones and the cached documents are all still there, and the desk syncs after.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRACIONES_LOCALES } from '../../main/src/core/store/migrations/index.js';
import { createCore } from '../../main/src/core/core.js';
import { opcionesEscritorio } from '../core/helpers/escritorio.js';
import { pdfReal } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, puesto } from '../sync/helpers/escenario.js';

/** Schema of the desks in the offices today (release 0.1.0): the migrations after it are what an update applies. */
const ESQUEMA_PUBLICADO = 4;

/** Rewrites the store file as a desk of schema `version` would hold it, with the same rows. */
function volverAlEsquema(archivo: string, version: number): void {
  const viejo = `${archivo}.viejo`;
  const destino = new Database(viejo);
  destino.unsafeMode(true); // FTS5 shadow tables are copied as they are
  for (const m of MIGRACIONES_LOCALES.slice(0, version)) for (const s of m.sql) destino.exec(s);
  destino.pragma(`user_version = ${version}`);
  destino.exec(`attach database '${archivo.replace(/'/g, "''")}' as actual`);
  const tablas = destino
    .prepare(
      `select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%' collate nocase`,
    )
    .pluck()
    .all() as string[];
  const columnas = (esquema: string, tabla: string) =>
    (destino.prepare(`pragma ${esquema}.table_xinfo(${tabla})`).all() as { name: string; hidden: number }[])
      .filter((c) => c.hidden === 0) // generated columns are recomputed
      .map((c) => c.name);
  destino.transaction(() => {
    for (const t of tablas) {
      const comunes = columnas('main', t).filter((c) => columnas('actual', t).includes(c));
      destino.exec(`delete from main."${t}"`);
      const lista = comunes.map((c) => `"${c}"`).join(', ');
      destino.exec(`insert into main."${t}" (${lista}) select ${lista} from actual."${t}"`);
    }
  })();
  destino.exec('detach database actual');
  destino.close();
  for (const sufijo of ['', '-wal', '-shm']) fs.rmSync(`${archivo}${sufijo}`, { force: true });
  fs.renameSync(viejo, archivo);
}

describe('actualizar la app conserva el trabajo local', () => {
  let s: ServidorDePrueba;
  beforeAll(async () => {
    s = await iniciarServidor();
  });
  afterAll(() => s.cerrar());

  it('comandos pendientes, rechazados y documentos en caché sobreviven a todas las migraciones y el escritorio sincroniza', async () => {
    const p = await puesto(s, 'analista');
    try {
      // A refusal recorded before the update: someone else changed the case on the server while she worked offline.
      // (Not a role change: that ends her sessions on the server, and the desk would lock instead of syncing.)
      const rechazado = await casoEn(p.core, 'EN_REVISION', 0);
      p.red.cortar();
      await s.db
        .updateTable('ppsh_solicitudes')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', rechazado)
        .execute();
      await p.core['ppsh.cambiarEstado']({ id: rechazado, cambio: { estado_nuevo: 'EN_VERIFICACION' } });
      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1 });

      // A document opened online stays cached; offline, a comment and an attachment wait in the outbox.
      const conDocumento = await casoEn(p.core, 'EN_REVISION', 1);
      const adjunto = await pdfReal('Certificado de salud');
      await p.core['ppsh.adjuntarDocumento']({
        id: conDocumento,
        nombre_archivo: 'salud.pdf',
        contenido_base64: adjunto.toString('base64'),
        metadatos: { cod_tipo_documento: 8 },
      });
      await p.core['sync.ahora']({});
      const [documento] = (await p.core['expedientes.detalle']({ id: conDocumento })).documentos;
      const abierto = await p.core['documentos.abrir']({ id: documento!.id });
      p.red.cortar();
      await p.core['ppsh.comentar']({
        id: conDocumento,
        comentario: { comentario: 'Revisado sin red', es_interno: true },
      });
      await p.core['ppsh.adjuntarDocumento']({
        id: conDocumento,
        nombre_archivo: 'pasaporte.pdf',
        contenido_base64: (await pdfReal('Pasaporte notariado')).toString('base64'),
        metadatos: { cod_tipo_documento: 3 },
      });
      const antes = {
        sync: await p.core['sync.estado']({}),
        fallidos: await p.core['conflictos.listar']({}),
        cache: await p.core['documentos.cache']({}),
        detalle: await p.core['expedientes.detalle']({ id: conDocumento }),
      };
      expect(antes.sync.pendientes).toBe(2);
      await p.core.cerrar();

      volverAlEsquema(p.core.archivo, ESQUEMA_PUBLICADO);
      const viejo = new Database(p.core.archivo, { readonly: true });
      expect(viejo.pragma('user_version', { simple: true })).toBe(ESQUEMA_PUBLICADO);
      viejo.close();

      // The updated app opens the old store: every later migration runs, nothing is lost.
      p.core = createCore(opcionesEscritorio(p.dir, p.red.api));
      const db = new Database(p.core.archivo, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRACIONES_LOCALES.length);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      await p.core['sesion.desbloquear']({ password: 'demo2026' });
      expect(await p.core['sync.estado']({})).toMatchObject({ pendientes: 2, fallidos: 1 });
      expect(await p.core['conflictos.listar']({})).toEqual(antes.fallidos);
      expect(await p.core['documentos.cache']({})).toEqual(antes.cache);
      expect(await p.core['documentos.abrir']({ id: documento!.id })).toEqual(abierto);
      const despues = await p.core['expedientes.detalle']({ id: conDocumento });
      expect(despues.comentarios).toEqual(antes.detalle.comentarios);
      expect(despues.documentos).toEqual(antes.detalle.documentos);
      const titular = despues.solicitantes.find((x) => x.es_titular)!;
      const busqueda = await p.core['expedientes.consultar']({ buscar: String(titular.primer_apellido) });
      expect(busqueda.items.map((i) => i.id)).toContain(conDocumento);

      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1 });
      const comentarios = await s.db
        .selectFrom('ppsh_comentarios')
        .select('comentario')
        .where('solicitud_id', '=', conDocumento)
        .execute();
      expect(comentarios.map((c) => c.comentario)).toContain('Revisado sin red');
      const documentos = await s.db
        .selectFrom('ppsh_documentos')
        .select('nombre_archivo')
        .where('solicitud_id', '=', conDocumento)
        .execute();
      expect(documentos.map((d) => d.nombre_archivo)).toEqual(expect.arrayContaining(['salud.pdf', 'pasaporte.pdf']));
    } finally {
      await s.db.updateTable('usuarios').set({ rol: 'ANALISTA' }).where('username', '=', 'analista').execute();
      await p.cerrar();
    }
  });
});

/**
 * The manual's restore procedure (§9) under real desks: the real core over its SQLite store, a real API over its SQLite
 * file, IT's ops CLI taking the backup and restoring it (docs/sync.md "Restore", docs/operations.md "Restaurar").
 * - what the desk had confirmed after the backup comes back to the server (registrations with their applicants and
 *   their numbers, comments), before the work she did offline meanwhile; the mirror equals the server; she is told;
 * - no number issued before the restore is issued again; a number someone else now holds is replaced and reported;
 * - writes after the restore that carry the head past the desk's cursor still reset it: no stale row, no missed change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { EstadoSync } from '#shared/bridge/tipos';
import { titular } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { comando, empujar, solicitudOffline } from '../sync-server/ayudas.js';
import { casoEn, puesto, type Puesto } from './helpers/escenario.js';
import { filasDelServidor, leerStore } from './helpers/espejo-y-servidor.js';
import { respaldar, restaurar } from './helpers/restauracion.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(() => s?.cerrar());

type Persona = Parameters<Puesto['core']['ppsh.registrar']>[0]['solicitantes'][number];
const persona = (nombre: string, documento: string) =>
  titular({ primer_nombre: nombre, num_documento: documento }) as Persona;

/** The desk's whole store equals what the server gives its user, row by row; nothing unsettled is left. */
async function igualAlServidor(p: Puesto) {
  const store = leerStore(p.core.archivo);
  expect(store.integridad).toBe('ok');
  expect(store.outbox).toBe(0);
  expect(store.sucias).toBe(0);
  expect(store.filas).toEqual(await filasDelServidor(s, p.usuario));
}

const numeroEnServidor = async (id: string) =>
  (await s.db.selectFrom('ppsh_solicitudes').select('num_expediente').where('id', '=', id).executeTakeFirst())
    ?.num_expediente;

/** Another officer's desk (an HTTP client pushing as the desk would): writes the restore will lose, or that come after. */
async function comentarDesdeOtro(token: string, solicitudId: string, texto: string) {
  const id = uuidv7();
  const r = await empujar(s.api, token, [
    comando('ppsh.comentar', { solicitudId, comentario: { id, comentario: texto } }),
  ]);
  expect(r.body.resultados[0].status).toBe('applied');
  return id;
}

describe('servidor restaurado de un respaldo', () => {
  it('lo confirmado después del respaldo vuelve al servidor con sus números, antes de lo hecho sin conexión, y la oficial lo ve', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      const respaldo = await respaldar(s);
      const cabezaRespaldo = Number(
        (await s.db.selectFrom('sync_contador').select('seq').executeTakeFirstOrThrow()).seq,
      );

      // After the backup: three registrations (one family of two), two comments and a state change, all confirmed.
      const casos = [];
      for (const [i, personas] of [
        [persona('Ana', 'RST-0001')],
        [
          persona('Berta', 'RST-0002'),
          { ...persona('Carla', 'RST-0003'), es_titular: false, parentesco_titular: 'HIJO' as const },
        ],
        [persona('Dora', 'RST-0004')],
      ].entries())
        casos.push(
          await p.core['ppsh.registrar']({
            cod_causa_humanitaria: i + 1,
            tipo_solicitud: personas.length > 1 ? 'GRUPAL' : 'INDIVIDUAL',
            solicitantes: personas,
          }),
        );
      const comentarios = [
        await p.core['ppsh.comentar']({ id: casos[0]!.id, comentario: { comentario: 'Trajo el pasaporte' } }),
        await p.core['ppsh.comentar']({ id: casos[1]!.id, comentario: { comentario: 'Familia de dos' } }),
      ];
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0, recuperacion: null });
      const numeros = await Promise.all(casos.map((c) => numeroEnServidor(c.id)));
      expect(numeros.every((n) => /^PPSH-\d{4}-\d{6}$/.test(String(n)))).toBe(true);
      // Shown at the desk, printed on the receipts.
      for (const [i, c] of casos.entries())
        expect((await p.core['expedientes.detalle']({ id: c.id })).solicitud.num_expediente).toBe(numeros[i]);

      // The link drops; she keeps working on a case the restore is about to lose.
      p.red.cortar();
      const sinConexion = await p.core['ppsh.comentar']({
        id: casos[2]!.id,
        comentario: { comentario: 'Llamó el abogado (sin conexión)' },
      });

      s = (await restaurar(s, respaldo)).servidor;
      expect(Number((await s.db.selectFrom('sync_contador').select('seq').executeTakeFirstOrThrow()).seq)).toBe(
        cabezaRespaldo,
      );
      expect(await numeroEnServidor(casos[0]!.id)).toBeUndefined();

      p.red.restablecer();
      const estado = await p.core['sync.ahora']({});
      expect(estado).toMatchObject({ pendientes: 0, fallidos: 0, ultimo_error: null });

      // Everything she had confirmed is back, with the numbers on the receipts; her offline comment too.
      for (const [i, c] of casos.entries()) expect(await numeroEnServidor(c.id)).toBe(numeros[i]);
      const personas = await s.db
        .selectFrom('ppsh_solicitantes')
        .select('num_documento')
        .where(
          'solicitud_id',
          'in',
          casos.map((c) => c.id),
        )
        .orderBy('num_documento')
        .execute();
      expect(personas.map((x) => x.num_documento)).toEqual(['RST-0001', 'RST-0002', 'RST-0003', 'RST-0004']);
      const ids = [...comentarios, sinConexion].map((c) => c.mutationId);
      const enServidor = await s.db
        .selectFrom('ppsh_comentarios')
        .select(['comentario', 'solicitud_id'])
        .where(
          'solicitud_id',
          'in',
          casos.map((c) => c.id),
        )
        .orderBy('comentario')
        .execute();
      expect(ids).toHaveLength(3);
      expect(enServidor).toEqual([
        { comentario: 'Familia de dos', solicitud_id: casos[1]!.id },
        { comentario: 'Llamó el abogado (sin conexión)', solicitud_id: casos[2]!.id },
        { comentario: 'Trajo el pasaporte', solicitud_id: casos[0]!.id },
      ]);
      await igualAlServidor(p);

      // She is told what was sent again, in the status bar's state, and it survives a restart until she dismisses it.
      const aviso: EstadoSync['recuperacion'] = {
        fecha: expect.any(String) as unknown as string,
        mensaje: expect.stringMatching(/restaurado/) as unknown as string,
        reenviados: 5,
        aceptados: 5,
        pendientes: 0,
        rechazados: [],
        renumerados: [],
      };
      expect(estado.recuperacion).toEqual(aviso);
      await p.reiniciar();
      await p.core['sesion.login']({ username: 'recepcion', password: 'demo2026' });
      expect((await p.core['sync.estado']({})).recuperacion).toEqual(aviso);
      expect((await p.core['sync.cerrarAviso']({})).recuperacion).toBeNull();
      expect((await p.core['sync.estado']({})).recuperacion).toBeNull();

      // The next registration never gets a number issued before the restore.
      const nuevo = await p.core['ppsh.registrar']({
        cod_causa_humanitaria: 1,
        solicitantes: [persona('Eva', 'RST-0005')],
      });
      await p.core['sync.ahora']({});
      const valor = (n: unknown) => Number(String(n).slice(-6));
      expect(valor(await numeroEnServidor(nuevo.id))).toBeGreaterThan(Math.max(...numeros.map(valor)));
    } finally {
      await p.cerrar();
    }
  });

  it('un número que otro recibió tras la restauración se reemplaza, y la oficial sabe qué recibo reimprimir', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      const respaldo = await respaldar(s);
      const caso = await p.core['ppsh.registrar']({
        cod_causa_humanitaria: 2,
        solicitantes: [persona('Flor', 'RST-0006')],
      });
      await p.core['sync.ahora']({});
      const impreso = await numeroEnServidor(caso.id);
      p.red.cortar();

      // A restore onto a new server (the live database lost, so its counters unknown) that moves no counter
      // (--margen 0): the next case registered elsewhere gets the printed number.
      s = (await restaurar(s, respaldo, { margen: 0, perdida: true })).servidor;
      const { access_token } = await s.login('recepcion');
      const otro = solicitudOffline();
      const r = await empujar(s.api, access_token, [comando('ppsh.registrar', otro)]);
      expect(r.body.resultados[0].result.num_expediente).toBe(impreso);

      p.red.restablecer();
      const estado = await p.core['sync.ahora']({});
      const nuevo = await numeroEnServidor(caso.id);
      expect(nuevo).toMatch(/^PPSH-\d{4}-\d{6}$/);
      expect(nuevo).not.toBe(impreso);
      expect(estado.recuperacion).toMatchObject({
        reenviados: 1,
        aceptados: 1,
        renumerados: [{ id: caso.id, referencia: caso.referencia_provisional, anterior: impreso, nuevo }],
      });
      expect((await p.core['expedientes.detalle']({ id: caso.id })).solicitud.num_expediente).toBe(nuevo);
      await igualAlServidor(p);
    } finally {
      await p.cerrar();
    }
  });

  it('aunque otras escrituras lleven la cabeza más allá de su cursor, el escritorio se reinicia: sin filas viejas ni cambios perdidos', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      const caso = await casoEn(p.core, 'RECIBIDO');
      const respaldo = await respaldar(s);
      // Written from another desk after the backup and received by this one: the restore loses it.
      const perdido = await comentarDesdeOtro((await s.login('analista')).access_token, caso, 'Se perderá');
      await p.core['sync.ahora']({});
      expect(leerStore(p.core.archivo).filas.ppsh_comentarios?.[perdido]).toBeDefined();
      const cursor = Number((await s.db.selectFrom('sync_contador').select('seq').executeTakeFirstOrThrow()).seq);
      p.red.cortar();

      s = (await restaurar(s, respaldo)).servidor;
      // The office keeps working on the restored server until its head is past this desk's cursor.
      const analista = (await s.login('analista')).access_token;
      const nuevos: string[] = [];
      while (Number((await s.db.selectFrom('sync_contador').select('seq').executeTakeFirstOrThrow()).seq) <= cursor + 5)
        nuevos.push(await comentarDesdeOtro(analista, caso, `Después de restaurar ${nuevos.length + 1}`));

      p.red.restablecer();
      const estado = await p.core['sync.ahora']({});
      expect(estado).toMatchObject({ pendientes: 0, fallidos: 0, ultimo_error: null });
      const filas = leerStore(p.core.archivo).filas.ppsh_comentarios ?? {};
      expect(filas[perdido]).toBeUndefined();
      expect(nuevos.filter((id) => !filas[id])).toEqual([]);
      await igualAlServidor(p);
      // Nothing of hers was lost: she is told so.
      expect(estado.recuperacion).toMatchObject({ reenviados: 0, rechazados: [], renumerados: [] });
    } finally {
      await p.cerrar();
    }
  });
});

/** Caseload search through the terms index: accents, word order, partial documents and numbers, edits reindexed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente, type Cliente } from '../helpers/http.js';
import { solicitud, titular } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let s: ServidorDePrueba;
let recepcion: Cliente;
let caso: { id: string; num_expediente: string; solicitantes: { id: string }[] };

const buscar = async (texto: string) =>
  (await recepcion.get(`${s.api}/ppsh/solicitudes?page_size=100&buscar=${encodeURIComponent(texto)}`)).body.items.map(
    (i: { id: string }) => i.id,
  );

beforeAll(async () => {
  s = await iniciarServidor({ demo: false });
  const { crearUsuariosDemo } = await import('../../server/src/demo/cargar.js');
  await crearUsuariosDemo(s.db, 'demo2026');
  recepcion = cliente((await s.login('recepcion')).access_token);
  const cuerpo = solicitud({
    tipo_solicitud: 'INDIVIDUAL',
    solicitantes: [
      titular({
        primer_nombre: 'Ñandú',
        primer_apellido: 'Núñez-Ibáñez',
        tipo_documento: 'CEDULA',
        num_documento: '8-123-4567',
        pais_emisor: 'PAN',
      }),
    ],
  });
  caso = (await recepcion.post(`${s.api}/ppsh/solicitudes`, cuerpo)).body;
  await recepcion.post(
    `${s.api}/ppsh/solicitudes`,
    solicitud({
      tipo_solicitud: 'INDIVIDUAL',
      solicitantes: [titular({ primer_apellido: 'Castillo', num_documento: 'AB7654321' })],
    }),
  );
});
afterAll(() => s.cerrar());

describe('búsqueda de expedientes', () => {
  it('sin tildes ni mayúsculas, por el comienzo de cualquier nombre y en cualquier orden', async () => {
    expect(await buscar('NUNEZ')).toEqual([caso.id]);
    expect(await buscar('ibañ')).toEqual([caso.id]);
    expect(await buscar('ibanez nandu')).toEqual([caso.id]);
    expect(await buscar('nunez castillo')).toEqual([]);
  });

  it('por parte del número de documento, con o sin guiones', async () => {
    expect(await buscar('8-123-4567')).toEqual([caso.id]);
    expect(await buscar('4567')).toEqual([caso.id]);
    expect(await buscar('123-45')).toEqual([caso.id]);
    expect(await buscar('765432')).not.toContain(caso.id);
  });

  it('por el número de expediente completo o por su final', async () => {
    expect(await buscar(caso.num_expediente)).toEqual([caso.id]);
    expect(await buscar(caso.num_expediente.slice(-6))).toEqual([caso.id]);
  });

  it('los comodines de SQL escritos por el usuario no son comodines', async () => {
    expect(await buscar('nu%ez')).toEqual([]);
    expect(await buscar('_')).toHaveLength(2);
  });

  it('al corregir el nombre, el índice sigue al dato', async () => {
    const r = await recepcion.patch(`${s.api}/ppsh/solicitantes/${caso.solicitantes[0]!.id}`, {
      primer_apellido: 'Quintero',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await buscar('nunez')).toEqual([]);
    expect(await buscar('quinter')).toEqual([caso.id]);
  });
});

describe('bandeja con muchos resultados', () => {
  let g: ServidorDePrueba;
  let token: string;
  beforeAll(async () => {
    g = await iniciarServidor();
    const { cargarDemo } = await import('../../server/src/demo/cargar.js');
    await cargarDemo(g.db, { casos: 1500, semilla: 7, uploadDir: g.config.uploads.dir });
    token = (await g.login('admin')).access_token;
  });
  afterAll(() => g.cerrar());

  it('cuenta hasta 1000 y avisa que hay más', async () => {
    const r = await cliente(token).get(`${g.api}/ppsh/solicitudes?page_size=10`);
    expect(r.body).toMatchObject({ total: 1000, total_es_minimo: true, pages: 100 });
    const pocos = await cliente(token).get(`${g.api}/ppsh/solicitudes?page_size=10&agencia=03`);
    expect(pocos.body.total_es_minimo).toBe(false);
    expect(pocos.body.total).toBeLessThan(1000);
  });

  it('una búsqueda amplia devuelve exactamente la página que da ordenar todas las coincidencias', async () => {
    const { terminosDeBusqueda } = await import('#shared/texto');
    const todas = await g.db
      .selectFrom('ppsh_solicitudes')
      .select(['id', 'fecha_solicitud', 'texto_busqueda'])
      .execute();
    const esperado = todas
      .filter((c) => terminosDeBusqueda(c.texto_busqueda).some((t) => t.startsWith('ppsh2')))
      .sort((x, y) =>
        x.fecha_solicitud === y.fecha_solicitud
          ? x.id < y.id
            ? 1
            : -1
          : x.fecha_solicitud < y.fecha_solicitud
            ? 1
            : -1,
      )
      .map((c) => c.id);
    expect(esperado.length).toBeGreaterThan(1000);
    for (const page of [1, 3]) {
      const r = await cliente(token).get(`${g.api}/ppsh/solicitudes?buscar=ppsh2&page_size=25&page=${page}`);
      expect(r.body.total_es_minimo).toBe(true);
      expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(esperado.slice((page - 1) * 25, page * 25));
    }
  });
});

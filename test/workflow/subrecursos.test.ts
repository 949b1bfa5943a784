/**
 * The reference's template-editing sub-resources over HTTP: /workflow/etapas, /preguntas and /conexiones create, read,
 * update and delete one part of a template; each edit is validated as a whole-template save and changes that part in
 * place, an id of an older version names its part in the newest, and a template that cases run on gets a new version
 * instead of changing under them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConexionRespuesta, EtapaRespuesta, PreguntaRespuesta } from '#shared/workflow/schemas';
import { cliente, type Cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let srv: ServidorDePrueba;
let admin: Cliente;
let recepcion: Cliente;
let n = 0;

interface Parte {
  id: string;
  codigo: string;
  nombre: string;
}

/** A two-stage template without cases yet: ACTIVO (cases can start on it) or BORRADOR (built part by part). */
async function crearPlantilla(estado: 'ACTIVO' | 'BORRADOR' = 'ACTIVO') {
  const r = await admin.post(`${srv.api}/workflow/workflows`, {
    codigo: `SUBRECURSOS_${++n}`,
    nombre: 'Trámite editado por partes',
    perfiles_creadores: ['RECEPCIONISTA'],
    estado,
    etapas: [
      {
        codigo: 'INICIO',
        nombre: 'Inicio',
        orden: 1,
        perfiles_permitidos: ['RECEPCIONISTA'],
        es_etapa_inicial: true,
        preguntas: [{ codigo: 'NOMBRE', pregunta: 'Nombre', tipo_pregunta: 'RESPUESTA_TEXTO', es_obligatoria: true }],
      },
      { codigo: 'FIN', nombre: 'Fin', orden: 3, perfiles_permitidos: ['ANALISTA'], es_etapa_final: true },
    ],
    conexiones: [{ etapa_origen: 'INICIO', etapa_destino: 'FIN' }],
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; codigo: string; etapas: Parte[]; conexiones: { id: string }[] };
}

const etapa = (p: { etapas: Parte[] }, codigo: string) => p.etapas.find((e) => e.codigo === codigo)!;
const plantillaActual = async (id: string) => (await admin.get(`${srv.api}/workflow/workflows/${id}`)).body;

beforeAll(async () => {
  srv = await iniciarServidor({ demo: true });
  admin = cliente((await srv.login('admin')).access_token);
  recepcion = cliente((await srv.login('recepcion')).access_token);
});
afterAll(() => srv?.cerrar());

describe('etapas, preguntas y conexiones como recursos', () => {
  it('en borrador, agrega una etapa con su pregunta, la conecta por ids de etapa y activa la plantilla completa', async () => {
    const p = await crearPlantilla('BORRADOR');
    const alta = await admin.post(`${srv.api}/workflow/etapas`, {
      workflow_id: p.id,
      codigo: 'REVISION',
      nombre: 'Revisión',
      orden: 2,
      perfiles_permitidos: ['ANALISTA'],
      preguntas: [{ codigo: 'OK', pregunta: '¿Conforme?', tipo_pregunta: 'LISTA', opciones: ['SI', 'NO'] }],
    });
    expect(alta.status).toBe(201);
    expect(alta.body).toMatchObject({ codigo: 'REVISION', nombre: 'Revisión', workflow_id: p.id });
    // The declared response schemas (strict) describe what the routes really send.
    EtapaRespuesta.parse(alta.body);
    const conexion = await admin.post(`${srv.api}/workflow/conexiones`, {
      workflow_id: p.id,
      etapa_origen_id: alta.body.id,
      etapa_destino: 'FIN',
      tipo_conexion: 'CONDICIONAL',
      condicion: { pregunta: 'OK', valor: 'SI' },
    });
    expect(conexion.status).toBe(201);
    expect(conexion.body).toMatchObject({ etapa_origen: 'REVISION', etapa_destino: 'FIN', workflow_id: p.id });
    ConexionRespuesta.parse(conexion.body);

    const guardada = await plantillaActual(p.id);
    expect(guardada.etapas.map((e: Parte) => e.codigo)).toEqual(['INICIO', 'REVISION', 'FIN']);
    expect(guardada.conexiones).toHaveLength(2);
    const leida = await admin.get(`${srv.api}/workflow/conexiones/${conexion.body.id}`);
    expect(leida.body).toMatchObject({ condicion: { pregunta: 'OK', valor: 'SI' }, tipo_conexion: 'CONDICIONAL' });

    // REVISION has an exit but no way in: a draft may be so, an active template may not.
    const activar = await admin.put(`${srv.api}/workflow/workflows/${p.id}`, { estado: 'ACTIVO' });
    expect(activar.status).toBe(422);
    expect(activar.body.error.message).toContain('La etapa REVISION no es alcanzable desde la etapa inicial INICIO');
    await admin.post(`${srv.api}/workflow/conexiones`, {
      workflow_id: p.id,
      etapa_origen: 'INICIO',
      etapa_destino: 'REVISION',
      es_predeterminada: true,
    });
    const activa = await admin.put(`${srv.api}/workflow/workflows/${p.id}`, { estado: 'ACTIVO' });
    expect(activa.status).toBe(200);
    expect(activa.body.estado).toBe('ACTIVO');
  });

  it('en una plantilla activa cada paso debe dejarla completa', async () => {
    const p = await crearPlantilla();
    const r = await admin.post(`${srv.api}/workflow/etapas`, {
      workflow_id: p.id,
      codigo: 'SUELTA',
      nombre: 'Suelta',
      orden: 2,
      perfiles_permitidos: ['ANALISTA'],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('La etapa SUELTA no es final y no tiene ninguna salida');
  });

  it('una edición que deja la plantilla inválida se rechaza con el motivo y no cambia nada', async () => {
    const p = await crearPlantilla();
    const r = await admin.put(`${srv.api}/workflow/etapas/${etapa(p, 'INICIO').id}`, { es_etapa_inicial: false });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('Plantilla inválida');
    expect(etapa(await plantillaActual(p.id), 'INICIO').id).toBe(etapa(p, 'INICIO').id);
    const repetida = await admin.post(`${srv.api}/workflow/etapas`, {
      workflow_id: p.id,
      codigo: 'FIN',
      nombre: 'Otra',
      orden: 9,
      perfiles_permitidos: ['ANALISTA'],
    });
    expect(repetida.status).toBe(409);
  });

  it('actualiza una etapa y una pregunta; null en un campo obligatorio lo conserva, en uno opcional lo vacía', async () => {
    const p = await crearPlantilla();
    const inicio = etapa(p, 'INICIO');
    await admin.put(`${srv.api}/workflow/etapas/${inicio.id}`, { descripcion: 'Datos del titular' });
    // The reference's clients send the whole update model: untouched fields arrive as null.
    const r = await admin.put(`${srv.api}/workflow/etapas/${inicio.id}`, {
      nombre: 'Datos iniciales',
      descripcion: null,
      orden: null,
      perfiles_permitidos: null,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ codigo: 'INICIO', nombre: 'Datos iniciales', orden: 1, es_etapa_inicial: true });
    expect(r.body.descripcion).toBeNull();

    const pregunta = (await plantillaActual(p.id)).etapas[0].preguntas[0];
    const q = await admin.put(`${srv.api}/workflow/preguntas/${pregunta.id}`, {
      pregunta: 'Nombre completo',
      texto_ayuda: 'Como en el pasaporte',
      es_obligatoria: null,
    });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({
      codigo: 'NOMBRE',
      pregunta: 'Nombre completo',
      texto_ayuda: 'Como en el pasaporte',
      es_obligatoria: false,
    });
    expect((await admin.get(`${srv.api}/workflow/preguntas/${q.body.id}`)).body.pregunta).toBe('Nombre completo');
    PreguntaRespuesta.parse(q.body);
    EtapaRespuesta.parse(r.body);
  });

  it('una edición en el lugar conserva los ids; un id de una versión anterior nombra su parte en la más reciente', async () => {
    const p = await crearPlantilla();
    const fin = etapa(p, 'FIN');
    await admin.put(`${srv.api}/workflow/etapas/${etapa(p, 'INICIO').id}`, { nombre: 'Primero' });
    expect((await admin.get(`${srv.api}/workflow/etapas/${fin.id}`)).body).toMatchObject({ id: fin.id, nombre: 'Fin' });
    // A case runs on 1.0: the next edit goes to a copy (1.1) with ids of its own.
    expect((await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_id: p.id })).status).toBe(201);
    const editada = await admin.put(`${srv.api}/workflow/etapas/${fin.id}`, { nombre: 'Cierre' });
    expect(editada.body).toMatchObject({ codigo: 'FIN', nombre: 'Cierre' });
    expect(editada.body.id).not.toBe(fin.id);
    // The 1.0 row reads as it is; an edit by its id goes on in 1.1.
    expect((await admin.get(`${srv.api}/workflow/etapas/${fin.id}`)).body).toMatchObject({ id: fin.id, nombre: 'Fin' });
    const otra = await admin.put(`${srv.api}/workflow/etapas/${etapa(p, 'INICIO').id}`, { nombre: 'Datos' });
    expect(otra.body.workflow_id).toBe(editada.body.workflow_id);
    const nueva = await plantillaActual(editada.body.workflow_id);
    expect([etapa(nueva, 'INICIO').nombre, etapa(nueva, 'FIN').nombre]).toEqual(['Datos', 'Cierre']);
  });

  it('quitar una etapa quita sus conexiones; quitar una conexión y una pregunta', async () => {
    const p = await crearPlantilla('BORRADOR');
    const extra = await admin.post(`${srv.api}/workflow/etapas`, {
      workflow_id: p.id,
      codigo: 'EXTRA',
      nombre: 'Extra',
      orden: 2,
      perfiles_permitidos: ['ANALISTA'],
      preguntas: [{ codigo: 'NOTA', pregunta: 'Nota', tipo_pregunta: 'RESPUESTA_LARGA' }],
    });
    const c = await admin.post(`${srv.api}/workflow/conexiones`, {
      workflow_id: p.id,
      etapa_origen: 'INICIO',
      etapa_destino: 'EXTRA',
    });
    await admin.post(`${srv.api}/workflow/conexiones`, {
      workflow_id: p.id,
      etapa_origen: 'EXTRA',
      etapa_destino: 'FIN',
    });
    expect((await plantillaActual(p.id)).conexiones).toHaveLength(3);

    expect((await admin.delete(`${srv.api}/workflow/conexiones/${c.body.id}`)).status).toBe(204);
    expect((await plantillaActual(p.id)).conexiones).toHaveLength(2);
    const nota = extra.body.preguntas[0];
    expect((await admin.delete(`${srv.api}/workflow/preguntas/${nota.id}`)).status).toBe(204);
    expect(etapa(await plantillaActual(p.id), 'EXTRA')).toMatchObject({ preguntas: [] });
    expect((await admin.delete(`${srv.api}/workflow/etapas/${extra.body.id}`)).status).toBe(204);
    const final = await plantillaActual(p.id);
    expect(final.etapas.map((e: Parte) => e.codigo)).toEqual(['INICIO', 'FIN']);
    expect(final.conexiones).toMatchObject([{ etapa_origen: 'INICIO', etapa_destino: 'FIN' }]);
    expect((await admin.get(`${srv.api}/workflow/etapas/${extra.body.id}`)).status).toBe(404);
  });

  it('en una plantilla con trámites, editar una parte crea la versión siguiente y el trámite sigue en la suya', async () => {
    const p = await crearPlantilla();
    const caso = await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_id: p.id });
    expect(caso.status).toBe(201);
    const r = await admin.put(`${srv.api}/workflow/etapas/${etapa(p, 'FIN').id}`, { nombre: 'Cierre' });
    expect(r.status).toBe(200);
    expect(r.body.workflow_id).not.toBe(p.id);
    const nueva = await plantillaActual(r.body.workflow_id);
    expect(nueva).toMatchObject({ codigo: p.codigo, version_plantilla: '1.1', estado: 'ACTIVO' });
    const vieja = await plantillaActual(p.id);
    expect(vieja).toMatchObject({ version_plantilla: '1.0', estado: 'INACTIVO' });
    expect(etapa(vieja, 'FIN').nombre).toBe('Fin');
    // A second edit by the old id goes on from the newest version, not from 1.0 again.
    const segunda = await admin.put(`${srv.api}/workflow/etapas/${etapa(p, 'INICIO').id}`, { nombre: 'Primero' });
    expect(segunda.body.workflow_id).toBe(r.body.workflow_id);
    expect(etapa(await plantillaActual(r.body.workflow_id), 'FIN').nombre).toBe('Cierre');
    const sigue = await recepcion.get(`${srv.api}/workflow/instancias/${caso.body.id}`);
    expect(sigue.body.workflow).toMatchObject({ id: p.id, version_plantilla: '1.0' });
  });

  it('las plantillas sembradas se editan por partes (lo guardado vuelve a pasar la validación de entrada)', async () => {
    const sembradas = (await admin.get(`${srv.api}/workflow/workflows?estado=ACTIVO`)).body as { id: string }[];
    expect(sembradas.length).toBeGreaterThan(0);
    for (const w of sembradas) {
      const p = await plantillaActual(w.id);
      const r = await admin.put(`${srv.api}/workflow/etapas/${p.etapas[0].id}`, { nombre: p.etapas[0].nombre });
      expect(r.status, `${p.codigo}: ${JSON.stringify(r.body)}`).toBe(200);
    }
  });

  it('solo el administrador edita; los demás leen', async () => {
    const p = await crearPlantilla();
    const supervisor = cliente((await srv.login('supervisor')).access_token);
    const r = await supervisor.put(`${srv.api}/workflow/etapas/${etapa(p, 'FIN').id}`, { nombre: 'X' });
    expect(r.status).toBe(403);
    expect((await supervisor.get(`${srv.api}/workflow/etapas/${etapa(p, 'FIN').id}`)).body.nombre).toBe('Fin');
  });

  it('campos de la referencia con otro nombre reciben un mensaje que dice cuál usar', async () => {
    const p = await crearPlantilla();
    const r = await admin.post(`${srv.api}/workflow/conexiones`, {
      workflow_id: p.id,
      etapa_origen_codigo: 'INICIO',
      etapa_destino: 'FIN',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('etapa_origen_codigo (use etapa_origen');
  });
});

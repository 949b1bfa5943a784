/**
 * Template validation on save, over HTTP: a broken template is refused with a message that names the problem, and a
 * template that cases already run on gets a new version instead of changing under them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowNuevo } from '#shared/workflow/schemas';
import { plantillaTresEtapas } from '../helpers/datos.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

type Entrada = Omit<WorkflowNuevo, 'etapas' | 'conexiones'> & { etapas: object[]; conexiones: object[] };
let srv: ServidorDePrueba;
let admin: ReturnType<typeof cliente>;
let n = 0;

/** A valid three-stage template; tests break one thing at a time. */
function plantilla(cambiar: (p: Entrada) => void = () => {}): Entrada {
  const p = plantillaTresEtapas(`PRUEBA_${++n}`) as unknown as Entrada;
  cambiar(p);
  return p;
}

const rechazo = async (p: Entrada) => {
  const r = await admin.post(`${srv.api}/workflow/workflows`, p);
  expect(r.status).toBe(422);
  expect(r.body.error.code).toBe('VALIDACION');
  return r.body.error.message as string;
};

beforeAll(async () => {
  srv = await iniciarServidor({ demo: true });
  admin = cliente((await srv.login('admin')).access_token);
});
afterAll(() => srv?.cerrar());

describe('validación de plantillas al guardar', () => {
  it('una plantilla correcta se crea con sus etapas y conexiones por código', async () => {
    const r = await admin.post(`${srv.api}/workflow/workflows`, plantilla());
    expect(r.status).toBe(201);
    expect(r.body.etapas.map((e: { codigo: string }) => e.codigo)).toEqual(['INICIO', 'REVISION', 'FIN']);
    expect(r.body.conexiones[0]).toMatchObject({
      etapa_origen: 'INICIO',
      etapa_destino: 'REVISION',
      condicion: { pregunta: 'OK', valor: 'SI' },
    });
  });

  it('sin etapa inicial', async () => {
    expect(
      await rechazo(plantilla((p) => ((p.etapas[0] as { es_etapa_inicial: boolean }).es_etapa_inicial = false))),
    ).toContain('no tiene etapa inicial');
  });

  it('con dos etapas iniciales', async () => {
    expect(
      await rechazo(plantilla((p) => ((p.etapas[1] as { es_etapa_inicial: boolean }).es_etapa_inicial = true))),
    ).toContain('2 etapas iniciales (INICIO, REVISION)');
  });

  it('con una etapa inalcanzable', async () => {
    const m = await rechazo(
      plantilla((p) =>
        p.etapas.push({
          codigo: 'HUERFANA',
          nombre: 'Huérfana',
          orden: 4,
          perfiles_permitidos: ['ANALISTA'],
          es_etapa_final: true,
        }),
      ),
    );
    expect(m).toContain('La etapa HUERFANA no es alcanzable desde la etapa inicial INICIO');
  });

  it('con una etapa no final sin salida', async () => {
    const m = await rechazo(plantilla((p) => (p.conexiones = p.conexiones.slice(0, 2))));
    expect(m).toContain('La etapa REVISION no es final y no tiene ninguna salida');
  });

  it('con una condición sobre una pregunta que no existe o un valor fuera de sus opciones', async () => {
    expect(
      await rechazo(
        plantilla(
          (p) => ((p.conexiones[0] as { condicion: object }).condicion = { pregunta: 'NO_EXISTE', valor: 'SI' }),
        ),
      ),
    ).toContain('La conexión INICIO → REVISION se refiere a la pregunta inexistente NO_EXISTE');
    expect(
      await rechazo(
        plantilla((p) => ((p.conexiones[0] as { condicion: object }).condicion = { pregunta: 'OK', valor: 'TALVEZ' })),
      ),
    ).toContain('espera TALVEZ en OK, que solo admite SI, NO');
  });

  it('con una conexión hacia una etapa inexistente', async () => {
    expect(
      await rechazo(plantilla((p) => p.conexiones.push({ etapa_origen: 'REVISION', etapa_destino: 'NADA' }))),
    ).toContain('usa la etapa inexistente NADA');
  });

  it('con una validacion_regex catastrófica', async () => {
    const m = await rechazo(
      plantilla(
        (p) =>
          ((p.etapas[0] as { preguntas: object[] }).preguntas = [
            { codigo: 'X', pregunta: 'x', tipo_pregunta: 'RESPUESTA_TEXTO', validacion_regex: '^(a+)+$' },
          ]),
      ),
    );
    expect(m).toContain(
      'La pregunta INICIO.X tiene una validacion_regex rechazada: no se permiten repeticiones anidadas',
    );
  });

  it('solo el administrador edita plantillas', async () => {
    const supervisor = cliente((await srv.login('supervisor')).access_token);
    const r = await supervisor.post(`${srv.api}/workflow/workflows`, plantilla());
    expect(r.status).toBe(403);
  });

  it('una plantilla con trámites en curso no cambia: el cambio crea la versión 1.1 y el trámite sigue en la 1.0', async () => {
    const creada = (await admin.post(`${srv.api}/workflow/workflows`, plantilla())).body;
    const recepcion = cliente((await srv.login('recepcion')).access_token);
    const caso = (await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_id: creada.id })).body;
    const nueva = plantilla((p) => (p.codigo = creada.codigo));
    const r = await admin.put(`${srv.api}/workflow/workflows/${creada.id}`, {
      nombre: 'Trámite de prueba v2',
      etapas: nueva.etapas,
      conexiones: nueva.conexiones,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      codigo: creada.codigo,
      version_plantilla: '1.1',
      estado: 'ACTIVO',
      nombre: 'Trámite de prueba v2',
    });
    expect(r.body.id).not.toBe(creada.id);
    const vieja = (await admin.get(`${srv.api}/workflow/workflows/${creada.id}`)).body;
    expect(vieja).toMatchObject({ version_plantilla: '1.0', estado: 'INACTIVO' });
    expect(vieja.etapas.map((e: { id: string }) => e.id)).toEqual(creada.etapas.map((e: { id: string }) => e.id));
    const sigue = await recepcion.post(`${srv.api}/workflow/instancias/${caso.id}/transicion`, {
      respuestas: { OK: 'SI' },
    });
    expect(sigue.body).toMatchObject({ etapa_actual_codigo: 'REVISION', workflow: { version_plantilla: '1.0' } });
    const otro = (await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_codigo: creada.codigo })).body;
    expect(otro.workflow.version_plantilla).toBe('1.1');
  });

  it('una plantilla inactiva no inicia trámites', async () => {
    const creada = (await admin.post(`${srv.api}/workflow/workflows`, plantilla())).body;
    expect((await admin.put(`${srv.api}/workflow/workflows/${creada.id}`, { estado: 'INACTIVO' })).body.estado).toBe(
      'INACTIVO',
    );
    const recepcion = cliente((await srv.login('recepcion')).access_token);
    const r = await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_id: creada.id });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('solo se inician trámites con plantillas ACTIVAS');
  });

  it('las plantillas sembradas por migración pasan la validación y están activas', async () => {
    const lista = (await admin.get(`${srv.api}/workflow/workflows?estado=ACTIVO`)).body.map(
      (w: { codigo: string }) => w.codigo,
    );
    expect(lista).toEqual(
      expect.arrayContaining(['PPSH_COMPLETO', 'VISA_TURISTA_SIMPLE', 'RESIDENCIA_TEMPORAL', 'SOLICITUD_RESIDENCIA']),
    );
  });
});

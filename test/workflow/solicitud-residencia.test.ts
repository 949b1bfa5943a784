/**
 * The SOLICITUD_RESIDENCIA template (docs/workflow.md) end to end over HTTP, on a real server and SQLite file: both
 * branches, the loop back through CORRECCION_DOCUMENTOS, and every rule the engine enforces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

const archivo = (nombre: string) => [{ nombre, sha256: 'a'.repeat(64), tamano_bytes: 1000 }];
const DATOS = {
  NOMBRE_COMPLETO: 'María José Núñez',
  NUMERO_PASAPORTE: 'VE1234567',
  FECHA_NACIMIENTO: '1990-04-12',
  EMAIL: 'maria.nunez@example.com',
  TELEFONO: '+50760001234',
};
const DOCUMENTOS = {
  PASAPORTE: archivo('pasaporte.pdf'),
  FOTOGRAFIA: archivo('foto.jpg'),
  ANTECEDENTES_PENALES: archivo('antecedentes.pdf'),
  CERTIFICADO_SALUD: archivo('salud.pdf'),
  SOLVENCIA_ECONOMICA: archivo('banco.pdf'),
};

let srv: ServidorDePrueba;
let recepcion: ReturnType<typeof cliente>;
let analista: ReturnType<typeof cliente>;
let supervisor: ReturnType<typeof cliente>;
let url: (p: string) => string;

beforeAll(async () => {
  srv = await iniciarServidor();
  url = (p) => `${srv.api}${p}`;
  const token = async (u: string) => cliente((await srv.login(u)).access_token);
  [recepcion, analista, supervisor] = await Promise.all([token('recepcion'), token('analista'), token('supervisor')]);
});
afterAll(() => srv?.cerrar());

async function iniciar() {
  const r = await recepcion.post(url('/workflow/instancias'), {
    workflow_codigo: 'SOLICITUD_RESIDENCIA',
    prioridad: 'ALTA',
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}
const transicion = (c: ReturnType<typeof cliente>, id: string, body: object) =>
  c.post(url(`/workflow/instancias/${id}/transicion`), body);

/** Takes a fresh case to REVISION_PRELIMINAR with valid data and documents. */
async function hastaRevisionPreliminar() {
  const id = await iniciar();
  expect((await transicion(recepcion, id, { respuestas: DATOS })).status).toBe(200);
  expect((await transicion(recepcion, id, { respuestas: DOCUMENTOS })).status).toBe(200);
  return id;
}

describe('SOLICITUD_RESIDENCIA de punta a punta', () => {
  it('recepción inicia el trámite con número WF y queda en DATOS_PERSONALES', async () => {
    const r = await recepcion.post(url('/workflow/instancias'), { workflow_codigo: 'SOLICITUD_RESIDENCIA' });
    expect(r.status).toBe(201);
    expect(r.body.num_expediente).toMatch(/^WF-SOLICITUD_RESIDENCIA-\d{4}-\d{6}$/);
    expect(r.body).toMatchObject({ estado: 'INICIADO', etapa_actual_codigo: 'DATOS_PERSONALES', cod_agencia: '02' });
    expect(r.body.acciones).toMatchObject({ puede_responder: true, puede_transicionar: true });
  });

  it('el analista no actúa en DATOS_PERSONALES: su perfil no está permitido', async () => {
    const id = await iniciar();
    const r = await transicion(analista, id, { respuestas: DATOS });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('PERMISO_DENEGADO');
    expect(r.body.error.message).toContain('DATOS_PERSONALES');
  });

  it('falta una pregunta obligatoria: la transición se rechaza nombrándola', async () => {
    const id = await iniciar();
    const { EMAIL: _email, ...sinEmail } = DATOS;
    const r = await transicion(recepcion, id, { respuestas: sinEmail });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDACION');
    expect(r.body.error.details.errores).toEqual([
      expect.objectContaining({ pregunta: 'EMAIL', motivo: 'OBLIGATORIA' }),
    ]);
  });

  it('una respuesta que no cumple validacion_regex se rechaza con el mensaje de la plantilla', async () => {
    const id = await iniciar();
    const r = await transicion(recepcion, id, { respuestas: { ...DATOS, NOMBRE_COMPLETO: 'R2-D2' } });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('El nombre solo admite letras y espacios');
    expect(r.body.error.details.errores[0]).toMatchObject({ pregunta: 'NOMBRE_COMPLETO', motivo: 'FORMATO' });
  });

  it('un archivo con extensión no permitida se rechaza', async () => {
    const id = await iniciar();
    await transicion(recepcion, id, { respuestas: DATOS });
    const r = await transicion(recepcion, id, { respuestas: { ...DOCUMENTOS, FOTOGRAFIA: archivo('foto.exe') } });
    expect(r.status).toBe(422);
    expect(r.body.error.details.errores[0]).toMatchObject({ pregunta: 'FOTOGRAFIA', motivo: 'ARCHIVO' });
  });

  it('guardar respuestas parciales no avanza y actualiza el titular del expediente', async () => {
    const id = await iniciar();
    const r = await recepcion.post(url(`/workflow/instancias/${id}/respuestas`), {
      respuestas: { NOMBRE_COMPLETO: DATOS.NOMBRE_COMPLETO },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ etapa_actual_codigo: 'DATOS_PERSONALES', nombre_titular: 'María José Núñez' });
    expect(r.body.respuestas.DATOS_PERSONALES).toEqual({ NOMBRE_COMPLETO: 'María José Núñez' });
  });

  it('una transición que la condición no permite se rechaza con TRANSICION_NO_PERMITIDA', async () => {
    const id = await hastaRevisionPreliminar();
    const r = await transicion(analista, id, {
      etapa_destino: 'REVISION_FINAL',
      respuestas: { DOCUMENTOS_COMPLETOS: 'NO', OBSERVACIONES_REVISION: 'Falta el certificado de salud' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('TRANSICION_NO_PERMITIDA');
    expect(r.body.error.message).toContain('DOCUMENTOS_COMPLETOS = SI');
    expect(r.body.error.details.destinos_posibles).toEqual(['CORRECCION_DOCUMENTOS']);
  });

  it('no hay conexión directa de DATOS_PERSONALES a REVISION_FINAL', async () => {
    const id = await iniciar();
    const r = await transicion(recepcion, id, { etapa_destino: 'REVISION_FINAL', respuestas: DATOS });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe('No hay conexión DATOS_PERSONALES → REVISION_FINAL');
  });

  it('rama de corrección: NO exige observaciones (mostrar_si), vuelve a revisión y termina APROBADO', async () => {
    const id = await hastaRevisionPreliminar();

    const sinObservaciones = await transicion(analista, id, { respuestas: { DOCUMENTOS_COMPLETOS: 'NO' } });
    expect(sinObservaciones.status).toBe(422);
    expect(sinObservaciones.body.error.details.errores[0]).toMatchObject({
      pregunta: 'OBSERVACIONES_REVISION',
      motivo: 'OBLIGATORIA',
    });

    const correccion = await transicion(analista, id, {
      respuestas: { DOCUMENTOS_COMPLETOS: 'NO', OBSERVACIONES_REVISION: 'El certificado de salud está vencido' },
    });
    expect(correccion.status).toBe(200);
    expect(correccion.body).toMatchObject({ etapa_actual_codigo: 'CORRECCION_DOCUMENTOS', estado: 'EN_PROGRESO' });

    const vuelta = await transicion(recepcion, id, {
      respuestas: { DOCUMENTOS_CORREGIDOS: archivo('salud-2026.pdf') },
    });
    expect(vuelta.body.etapa_actual_codigo).toBe('REVISION_PRELIMINAR');

    const final = await transicion(analista, id, { respuestas: { DOCUMENTOS_COMPLETOS: 'SI' } });
    expect(final.body).toMatchObject({ etapa_actual_codigo: 'REVISION_FINAL', pendiente_validacion: true });
    expect(final.body.acciones.puede_transicionar).toBe(false);

    const porAnalista = await transicion(analista, id, {
      respuestas: { DECISION_FINAL: 'APROBAR', NUMERO_RESOLUCION: 'RES-2026-0042' },
    });
    expect(porAnalista.status).toBe(403);
    expect(porAnalista.body.error.message).toContain('requiere validación');

    const sinNumero = await transicion(supervisor, id, { respuestas: { DECISION_FINAL: 'APROBAR' } });
    expect(sinNumero.status).toBe(422);
    expect(sinNumero.body.error.details.errores[0].pregunta).toBe('NUMERO_RESOLUCION');

    const numeroMalo = await transicion(supervisor, id, {
      respuestas: { DECISION_FINAL: 'APROBAR', NUMERO_RESOLUCION: 'res 42' },
    });
    expect(numeroMalo.status).toBe(422);
    expect(numeroMalo.body.error.message).toContain('Número de resolución');

    const aprobado = await transicion(supervisor, id, {
      respuestas: { DECISION_FINAL: 'APROBAR', NUMERO_RESOLUCION: 'RES-2026-0042' },
      comentario: 'Cumple todos los requisitos',
    });
    expect(aprobado.status).toBe(200);
    expect(aprobado.body).toMatchObject({
      etapa_actual_codigo: 'APROBADO',
      estado: 'COMPLETADO',
      pendiente_validacion: false,
    });
    expect(aprobado.body.fecha_fin).toBeTruthy();

    const historial = await supervisor.get(url(`/workflow/instancias/${id}/historial`));
    expect(historial.body.map((h: { tipo_cambio: string }) => h.tipo_cambio)).toEqual([
      ...Array(6).fill('TRANSICION'),
      'INICIO',
    ]);
    expect(
      historial.body
        .map(
          (h: { datos_adicionales: { etapa_destino?: string } | null }) => h.datos_adicionales?.etapa_destino ?? null,
        )
        .reverse(),
    ).toEqual([
      null,
      'CARGA_DOCUMENTOS',
      'REVISION_PRELIMINAR',
      'CORRECCION_DOCUMENTOS',
      'REVISION_PRELIMINAR',
      'REVISION_FINAL',
      'APROBADO',
    ]);
    const comentarios = await supervisor.get(url(`/workflow/instancias/${id}/comentarios`));
    expect(comentarios.body[0].comentario).toBe('Cumple todos los requisitos');

    const despues = await transicion(supervisor, id, { respuestas: {} });
    expect(despues.status).toBe(409);
    expect(despues.body.error.code).toBe('EDICION_NO_PERMITIDA');
  });

  it('rama directa: SI en revisión preliminar y RECHAZAR en la final, sin número de resolución', async () => {
    const id = await hastaRevisionPreliminar();
    expect(
      (await transicion(analista, id, { respuestas: { DOCUMENTOS_COMPLETOS: 'SI' } })).body.etapa_actual_codigo,
    ).toBe('REVISION_FINAL');
    const r = await transicion(supervisor, id, { respuestas: { DECISION_FINAL: 'RECHAZAR' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ etapa_actual_codigo: 'RECHAZADO', estado: 'COMPLETADO' });
  });

  it('REQUIERE_MAS_INFORMACION en la revisión final devuelve el trámite a corrección', async () => {
    const id = await hastaRevisionPreliminar();
    await transicion(analista, id, { respuestas: { DOCUMENTOS_COMPLETOS: 'SI' } });
    const r = await transicion(supervisor, id, { respuestas: { DECISION_FINAL: 'REQUIERE_MAS_INFORMACION' } });
    expect(r.body).toMatchObject({ etapa_actual_codigo: 'CORRECCION_DOCUMENTOS', pendiente_validacion: false });
  });

  it('consulta no inicia trámites y otra oficina no ve el expediente', async () => {
    const consulta = cliente((await srv.login('consulta')).access_token);
    const r = await consulta.post(url('/workflow/instancias'), { workflow_codigo: 'SOLICITUD_RESIDENCIA' });
    expect(r.status).toBe(403);
    const id = await iniciar();
    const darien = cliente((await srv.login('recepcion.darien')).access_token);
    expect((await darien.get(url(`/workflow/instancias/${id}`))).status).toBe(404);
  });

  it('cada paso queda en audit_log', async () => {
    const id = await iniciar();
    const filas = await srv.db
      .selectFrom('audit_log')
      .select('accion')
      .where('entidad', '=', 'workflow_instancias')
      .where('entidad_id', '=', id)
      .execute();
    expect(filas.map((f) => f.accion)).toContain('CREAR');
  });
});

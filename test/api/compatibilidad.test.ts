/**
 * The reference's API surface that clients of the existing system use (docs/compatibilidad.md), against a real server
 * and SQLite file: its entry points, its key and page names beside ours, its query-parameter commands, and the
 * messages that tell such a client what to send where we differ on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaludPpsh } from '../../server/src/modules/raiz/routes.js';
import { cliente, type Cliente } from '../helpers/http.js';
import { formulario, pdfReal, solicitud } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let s: ServidorDePrueba;
let recepcion: Cliente;
let analista: Cliente;
let supervisor: Cliente;
let admin: Cliente;
let analistaId: string;
let supervisorId: string;

async function registrar() {
  const r = await recepcion.post(`${s.api}/ppsh/solicitudes`, solicitud());
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; solicitantes: { id: string }[] };
}

async function mover(c: Cliente, id: string, estado_nuevo: string) {
  const r = await c.post(`${s.api}/ppsh/solicitudes/${id}/cambiar-estado`, { estado_nuevo });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

beforeAll(async () => {
  s = await iniciarServidor();
  const como = async (usuario: string) => {
    const sesion = await s.login(usuario);
    return { c: cliente(sesion.access_token), id: sesion.user.id };
  };
  recepcion = (await como('recepcion')).c;
  ({ c: analista, id: analistaId } = await como('analista'));
  ({ c: supervisor, id: supervisorId } = await como('supervisor'));
  admin = (await como('admin')).c;
});
afterAll(() => s.cerrar());

describe('puntos de entrada de la referencia', () => {
  it('GET / dice qué servicio es, su versión, dónde están documentos y salud y qué módulos sirve, sin secretos', async () => {
    const r = await cliente().get(`${s.url}/`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      message: 'Sistema de Trámites Migratorios de Panamá',
      service: 'tramites-api',
      status: 'running',
      docs: '/docs',
      health: '/health',
      modules: {
        ppsh: '✅ Disponible en /api/v1/ppsh',
        workflow: '✅ Disponible en /api/v1/workflow',
        sim_ft: '❌ No disponible',
      },
    });
    const salud = await cliente().get(`${s.url}/health`);
    expect(r.body.version).toBe(salud.body.version);
    const texto = JSON.stringify(r.body);
    for (const secreto of [s.config.jwt.secret, s.dir, 'sqlite:']) expect(texto).not.toContain(secreto);
    expect((await cliente().get(`${s.url}${r.body.docs}/`)).status).toBe(200);
  });

  it('GET /api/v1/ppsh/health responde sin sesión con la forma de la referencia', async () => {
    const r = await cliente().get(`${s.api}/ppsh/health`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'healthy', module: 'PPSH', database: 'connected' });
    SaludPpsh.parse(r.body);
  });

  it('GET /api/v1/ppsh/health sin base de datos responde 503 con el sobre de error', async () => {
    const otro = await iniciarServidor({ demo: false });
    try {
      await otro.db.destroy();
      const r = await cliente().get(`${otro.api}/ppsh/health`);
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'SERVICIO_NO_DISPONIBLE' });
    } finally {
      await otro.cerrar().catch(() => undefined);
    }
  });
});

describe('nombres de la referencia junto a los nuestros', () => {
  it('las claves id_solicitud, id_solicitante, id_documento, id_comentario, id_historial, id_entrevista acompañan a id', async () => {
    const sol = await registrar();
    const detalle = (await analista.get(`${s.api}/ppsh/solicitudes/${sol.id}`)).body;
    expect(detalle.id_solicitud).toBe(sol.id);
    expect(detalle.solicitantes[0]).toMatchObject({ id_solicitante: detalle.solicitantes[0].id, id_solicitud: sol.id });
    const doc = await recepcion.post(
      `${s.api}/ppsh/solicitudes/${sol.id}/documentos`,
      formulario('Pasaporte.pdf', await pdfReal(), { cod_tipo_documento: '3' }),
    );
    expect(doc.body).toMatchObject({ id_documento: doc.body.id, id_solicitud: sol.id });
    const com = await analista.post(`${s.api}/ppsh/solicitudes/${sol.id}/comentarios`, { comentario: 'Revisado' });
    expect(com.body).toMatchObject({ id_comentario: com.body.id, id_solicitud: sol.id });
    const hist = (await analista.get(`${s.api}/ppsh/solicitudes/${sol.id}/historial`)).body;
    expect(hist[0]).toMatchObject({ id_historial: hist[0].id, id_solicitud: sol.id });
  });

  it('las páginas llevan total_pages; las estadísticas, los nombres de la referencia con los mismos valores', async () => {
    const pagina = (await analista.get(`${s.api}/ppsh/solicitudes?page_size=2`)).body;
    expect(pagina.total_pages).toBe(Math.ceil(pagina.total / 2));
    expect(pagina.total_pages).toBe(pagina.pages);
    expect(pagina.items[0].id_solicitud).toBe(pagina.items[0].id);

    const e = (await supervisor.get(`${s.api}/ppsh/estadisticas`)).body;
    expect(e.total_solicitudes).toBeGreaterThan(0);
    expect(e.solicitudes_aprobadas).toBe(e.aprobadas);
    expect(e.solicitudes_rechazadas).toBe(e.rechazadas);
    expect(e.solicitudes_en_proceso).toBe(e.en_proceso);
    const recibido = e.por_estado.find((x: { cod_estado: string }) => x.cod_estado === 'RECIBIDO');
    expect(recibido.total_solicitudes).toBe(recibido.total);
    expect(recibido.total).toBeGreaterThan(0);
    expect(recibido.promedio_dias).toEqual(expect.any(Number));
    const sumados = e.por_estado.reduce((a: number, x: { total_solicitudes: number }) => a + x.total_solicitudes, 0);
    expect(sumados).toBe(e.total_solicitudes);
  });

  it('las listas de workflow aceptan skip y limit', async () => {
    const todas = (await admin.get(`${s.api}/workflow/workflows`)).body as { id: string }[];
    expect(todas.length).toBeGreaterThan(2);
    const ventana = (await admin.get(`${s.api}/workflow/workflows?skip=1&limit=2`)).body as { id: string }[];
    expect(ventana.map((w) => w.id)).toEqual(todas.slice(1, 3).map((w) => w.id));
    const desde = (await admin.get(`${s.api}/workflow/workflows?skip=1`)).body as { id: string }[];
    expect(desde.map((w) => w.id)).toEqual(todas.slice(1).map((w) => w.id));

    for (let i = 0; i < 3; i++)
      expect(
        (await recepcion.post(`${s.api}/workflow/instancias`, { workflow_codigo: 'VISA_TURISTA_SIMPLE' })).status,
      ).toBe(201);
    const completa = (await recepcion.get(`${s.api}/workflow/instancias?page_size=100`)).body;
    const r = (await recepcion.get(`${s.api}/workflow/instancias?skip=1&limit=2`)).body;
    expect(r.items.map((i: { id: string }) => i.id)).toEqual(
      completa.items.slice(1, 3).map((i: { id: string }) => i.id),
    );
    expect(r).toMatchObject({ page_size: 2, total: completa.total, total_pages: Math.ceil(completa.total / 2) });
    const mezcla = await recepcion.get(`${s.api}/workflow/instancias?skip=1&page=2`);
    expect(mezcla.status).toBe(422);
    expect(mezcla.body.error.message).toContain('no con ambos');
  });

  it('una plantilla se crea con version "2.0" y conexiones por etapa_origen_codigo; en PUT, version es el contador', async () => {
    const base = (await admin.get(`${s.api}/workflow/workflows?codigo=VISA_TURISTA_SIMPLE`)).body[0];
    const detalle = (await admin.get(`${s.api}/workflow/workflows/${base.id}`)).body;
    const nueva = await admin.post(`${s.api}/workflow/workflows`, {
      codigo: 'COPIA_COMPATIBLE',
      nombre: 'Copia',
      version: '2.0',
      perfiles_creadores: ['RECEPCIONISTA'],
      etapas: detalle.etapas.map((e: Record<string, unknown>) => ({
        codigo: e.codigo,
        nombre: e.nombre,
        orden: e.orden,
        perfiles_permitidos: e.perfiles_permitidos,
        es_etapa_inicial: e.es_etapa_inicial,
        es_etapa_final: e.es_etapa_final,
      })),
      // The reference's names for a connection's ends in a whole template.
      conexiones: detalle.conexiones.map((c: Record<string, unknown>) => ({
        etapa_origen_codigo: c.etapa_origen,
        etapa_destino_codigo: c.etapa_destino,
      })),
    });
    expect(nueva.status, JSON.stringify(nueva.body)).toBe(201);
    expect(nueva.body).toMatchObject({ version_plantilla: '2.0', version: 1 });
    expect(nueva.body.conexiones.map((c: { etapa_origen: string }) => c.etapa_origen)).toEqual(
      detalle.conexiones.map((c: { etapa_origen: string }) => c.etapa_origen),
    );
    const put = await admin.put(`${s.api}/workflow/workflows/${nueva.body.id}`, { version: '2.1' });
    expect(put.status).toBe(422);
    expect(put.body.error.message).toContain('version_plantilla');
  });
});

describe('asignar y verificar por parámetros de consulta', () => {
  it('asigna con ?user_id_asignado= como la referencia, o con el cuerpo; distintos en ambos → 422', async () => {
    const sol = await registrar();
    const q = await supervisor.post(`${s.api}/ppsh/solicitudes/${sol.id}/asignar?user_id_asignado=${analistaId}`);
    expect(q.status, JSON.stringify(q.body)).toBe(200);
    expect(q.body.user_id_asignado).toBe(analistaId);
    const ambos = await supervisor.post(`${s.api}/ppsh/solicitudes/${sol.id}/asignar?user_id_asignado=${analistaId}`, {
      user_id_asignado: supervisorId,
    });
    expect(ambos.status).toBe(422);
    expect(ambos.body.error.message).toContain('user_id_asignado llegó en el cuerpo JSON y en la consulta');
    expect((await analista.get(`${s.api}/ppsh/solicitudes/${sol.id}`)).body.user_id_asignado).toBe(analistaId);
    const nada = await supervisor.post(`${s.api}/ppsh/solicitudes/${sol.id}/asignar`);
    expect(nada.status).toBe(422);
    const iguales = await supervisor.post(
      `${s.api}/ppsh/solicitudes/${sol.id}/asignar?user_id_asignado=${analistaId}`,
      { user_id_asignado: analistaId },
    );
    expect(iguales.status).toBe(200);
  });

  it('verifica un documento con ?estado=&observaciones=', async () => {
    const sol = await registrar();
    const doc = await recepcion.post(
      `${s.api}/ppsh/solicitudes/${sol.id}/documentos`,
      formulario('Pasaporte.pdf', await pdfReal(), { cod_tipo_documento: '3' }),
    );
    await mover(recepcion, sol.id, 'EN_REVISION');
    const r = await analista.patch(
      `${s.api}/ppsh/documentos/${doc.body.id}/verificar?estado=VERIFICADO&observaciones=${encodeURIComponent('Copia conforme')}`,
      {},
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ estado_verificacion: 'VERIFICADO', observaciones: 'Copia conforme' });
  });
});

describe('lo que la referencia aceptaba y nosotros no: el mensaje dice qué enviar', () => {
  it('una fecha y hora sin zona horaria nombra la forma aceptada', async () => {
    const sol = await registrar();
    await mover(recepcion, sol.id, 'EN_REVISION');
    await mover(analista, sol.id, 'EN_VERIFICACION');
    await mover(analista, sol.id, 'EN_EVALUACION');
    const manana = new Date(Date.now() + 86_400_000).toISOString();
    const e = await analista.post(`${s.api}/ppsh/solicitudes/${sol.id}/entrevistas`, { fecha_programada: manana });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    expect(e.body.id_entrevista).toBe(e.body.id);
    const r = await analista.put(`${s.api}/ppsh/entrevistas/${e.body.id}`, { fecha_realizada: '2026-03-01T08:00:00' });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('use una fecha con zona horaria, p. ej. 2026-03-01T08:00:00-05:00');
  });

  it('un PUT que cambiaba el estado de un trámite dice que avanza por transición', async () => {
    const t = await recepcion.post(`${s.api}/workflow/instancias`, { workflow_codigo: 'VISA_TURISTA_SIMPLE' });
    const r = await recepcion.put(`${s.api}/workflow/instancias/${t.body.id}`, { estado: 'EN_PROGRESO' });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('avanza con POST /api/v1/workflow/instancias/{id}/transicion');
  });

  it('un campo que la referencia aceptaba en PUT dice dónde va ahora', async () => {
    const sol = await registrar();
    const r = await recepcion.put(`${s.api}/ppsh/solicitudes/${sol.id}`, {
      prioridad: 'BAJA',
      user_id_asignado: analistaId,
      num_resolucion: 'RES-1',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain(
      'user_id_asignado (la asignación se hace con POST /api/v1/ppsh/solicitudes/{id}/asignar)',
    );
    expect(r.body.error.message).toContain('num_resolucion (la resolución se registra al cambiar el estado');
  });
});

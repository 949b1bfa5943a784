/**
 * The whole PPSH story over HTTP against a real server and SQLite file: the counter registers a family, an analyst takes
 * the case to a dictamen, the supervisor approves; every forbidden move is refused and writes nothing.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumarAnios, fechaPanama } from '#shared/calendario';
import { cliente, type Cliente } from '../helpers/http.js';
import { formulario, pdfReal, solicitud } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let s: ServidorDePrueba;
let recepcion: Cliente;
let analista: Cliente;
let supervisor: Cliente;
let consulta: Cliente;
let darien: Cliente;
let id: string;

/** Rows a refused action must not have touched. */
async function huella() {
  const [sol, hist, audit] = await Promise.all([
    s.db
      .selectFrom('ppsh_solicitudes')
      .select(['version', 'estado_actual'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
    s.db
      .selectFrom('ppsh_estado_historial')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('solicitud_id', '=', id)
      .executeTakeFirstOrThrow(),
    s.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { ...sol, historial: Number(hist.n), auditoria: Number(audit.n) };
}

async function moverYEsperar(c: Cliente, estado_nuevo: string, extra: Record<string, unknown> = {}) {
  const r = await c.post(`${s.api}/ppsh/solicitudes/${id}/cambiar-estado`, { estado_nuevo, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.estado_actual).toBe(estado_nuevo);
  return r.body;
}

async function rechazado(
  c: Cliente,
  estado_nuevo: string,
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
) {
  const antes = await huella();
  const r = await c.post(`${s.api}/ppsh/solicitudes/${id}/cambiar-estado`, { estado_nuevo, ...extra });
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(/[a-záéíóúñ]/i);
  expect(await huella()).toEqual(antes);
}

beforeAll(async () => {
  s = await iniciarServidor();
  const como = async (usuario: string) => cliente((await s.login(usuario)).access_token);
  recepcion = await como('recepcion');
  analista = await como('analista');
  supervisor = await como('supervisor');
  consulta = await como('consulta');
  darien = await como('recepcion.darien');
});
afterAll(() => s.cerrar());

describe('historia de una solicitud PPSH', () => {
  it('recepción registra una solicitud familiar con un dependiente menor de edad', async () => {
    const r = await recepcion.post(`${s.api}/ppsh/solicitudes`, solicitud());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    expect(r.body.num_expediente).toMatch(new RegExp(`^PPSH-${fechaPanama().slice(0, 4)}-\\d{6}$`));
    expect(r.body.estado_actual).toBe('RECIBIDO');
    expect(r.body.cod_agencia).toBe('02');
    expect(r.body.nombre_titular).toBe('María José Pérez Gómez');
    expect(r.body.solicitantes).toHaveLength(2);
    expect(r.body.solicitantes.find((p: { es_titular: boolean }) => !p.es_titular).parentesco_titular).toBe('HIJO');
    expect(r.body.transiciones_disponibles).toEqual(['EN_REVISION', 'CANCELADO']);
    const h = await recepcion.get(`${s.api}/ppsh/solicitudes/${id}/historial`);
    expect(h.body).toHaveLength(1);
    expect(h.body[0]).toMatchObject({ estado_anterior: null, estado_nuevo: 'RECIBIDO' });
  });

  it('recepción adjunta un PDF real que se guarda por su SHA-256 y se descarga idéntico', async () => {
    const pdf = await pdfReal();
    const r = await recepcion.post(
      `${s.api}/ppsh/solicitudes/${id}/documentos`,
      formulario('Pasaporte María.pdf', pdf, { cod_tipo_documento: '3' }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      nombre_archivo: 'Pasaporte María.pdf',
      extension: 'pdf',
      mime_type: 'application/pdf',
      es_obligatorio: true,
      estado_verificacion: 'PENDIENTE',
    });
    expect(r.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const descarga = await fetch(`${s.api}/ppsh/documentos/${r.body.id}/archivo`, {
      headers: { authorization: `Bearer ${(await s.login('analista')).access_token}` },
    });
    expect(descarga.status).toBe(200);
    expect(descarga.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await descarga.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('recepción pasa el expediente a revisión pero no puede verificarlo', async () => {
    await moverYEsperar(recepcion, 'EN_REVISION');
    await rechazado(recepcion, 'EN_VERIFICACION', 403, 'PERMISO_DENEGADO');
  });

  it('un salto que la máquina de estados no tiene se rechaza con 409 y no escribe nada', async () => {
    await rechazado(analista, 'APROBADO', 409, 'TRANSICION_NO_PERMITIDA', { num_resolucion: 'RES-1' });
    await rechazado(analista, 'RECIBIDO', 409, 'TRANSICION_NO_PERMITIDA');
  });

  it('el analista verifica el documento y lleva el caso por verificación, evaluación y entrevista', async () => {
    const det = await analista.get(`${s.api}/ppsh/solicitudes/${id}`);
    const doc = det.body.documentos[0];
    const v = await analista.patch(`${s.api}/ppsh/documentos/${doc.id}/verificar`, {
      estado: 'VERIFICADO',
      observaciones: 'Copia conforme',
    });
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({
      estado_verificacion: 'VERIFICADO',
      verificado_por: expect.any(String),
      fecha_verificacion: expect.any(String),
    });
    await moverYEsperar(analista, 'EN_VERIFICACION');
    await moverYEsperar(analista, 'EN_EVALUACION');
    const manana = new Date(Date.now() + 86_400_000).toISOString();
    const e = await analista.post(`${s.api}/ppsh/solicitudes/${id}/entrevistas`, {
      fecha_programada: manana,
      lugar: 'Oficina Central, ventanilla 4',
    });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    await moverYEsperar(analista, 'EN_ENTREVISTA');
    const res = await analista.put(`${s.api}/ppsh/entrevistas/${e.body.id}`, {
      asistio: true,
      resultado: 'FAVORABLE',
      acta_entrevista: 'La solicitante confirma los hechos.',
    });
    expect(res.body).toMatchObject({ asistio: true, resultado: 'FAVORABLE' });
  });

  it('un dictamen sin detalle se rechaza; con detalle queda en el historial', async () => {
    await rechazado(analista, 'CON_DICTAMEN_FAV', 422, 'VALIDACION');
    await rechazado(analista, 'CON_DICTAMEN_FAV', 422, 'VALIDACION', {
      tipo_dictamen: 'DESFAVORABLE',
      dictamen_detalle: 'x',
    });
    await moverYEsperar(analista, 'CON_DICTAMEN_FAV', {
      tipo_dictamen: 'FAVORABLE',
      dictamen_detalle: 'Causa acreditada con documentos',
    });
    await moverYEsperar(analista, 'EN_APROBACION');
    const h = await analista.get(`${s.api}/ppsh/solicitudes/${id}/historial`);
    expect(h.body.find((x: { estado_nuevo: string }) => x.estado_nuevo === 'CON_DICTAMEN_FAV')).toMatchObject({
      es_dictamen: true,
      tipo_dictamen: 'FAVORABLE',
    });
  });

  it('solo la jefatura aprueba, y con número de resolución', async () => {
    await rechazado(analista, 'APROBADO', 403, 'PERMISO_DENEGADO', { num_resolucion: 'RES-PPSH-2026-001' });
    await rechazado(recepcion, 'APROBADO', 403, 'PERMISO_DENEGADO', { num_resolucion: 'RES-PPSH-2026-001' });
    await rechazado(supervisor, 'APROBADO', 422, 'VALIDACION');
    const hoy = fechaPanama();
    const r = await moverYEsperar(supervisor, 'APROBADO', { num_resolucion: 'RES-PPSH-2026-001' });
    expect(r).toMatchObject({
      num_resolucion: 'RES-PPSH-2026-001',
      fecha_resolucion: hoy,
      fecha_vencimiento_permiso: sumarAnios(hoy, 2),
    });
  });

  it('el historial registra cada cambio con quién y cuántos días estuvo en el estado anterior', async () => {
    const h = await consulta.get(`${s.api}/ppsh/solicitudes/${id}/historial`);
    expect(h.body.map((x: { estado_nuevo: string }) => x.estado_nuevo)).toEqual([
      'RECIBIDO',
      'EN_REVISION',
      'EN_VERIFICACION',
      'EN_EVALUACION',
      'EN_ENTREVISTA',
      'CON_DICTAMEN_FAV',
      'EN_APROBACION',
      'APROBADO',
    ]);
    expect(h.body.slice(1).every((x: { dias_en_estado_anterior: number }) => x.dias_en_estado_anterior === 0)).toBe(
      true,
    );
  });

  it('consulta ve el expediente pero no registra ni ve comentarios internos', async () => {
    await supervisor.post(`${s.api}/ppsh/solicitudes/${id}/comentarios`, {
      comentario: 'Revisar antecedentes del cónyuge',
      es_interno: true,
    });
    await supervisor.post(`${s.api}/ppsh/solicitudes/${id}/comentarios`, {
      comentario: 'Resolución lista para notificar',
      es_interno: false,
    });
    const c = await consulta.get(`${s.api}/ppsh/solicitudes/${id}/comentarios`);
    expect(c.body.map((x: { comentario: string }) => x.comentario)).toEqual(['Resolución lista para notificar']);
    const a = await analista.get(`${s.api}/ppsh/solicitudes/${id}/comentarios`);
    expect(a.body.some((x: { es_interno: boolean }) => x.es_interno)).toBe(true);
    const r = await consulta.post(`${s.api}/ppsh/solicitudes`, solicitud());
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('PERMISO_DENEGADO');
  });

  it('otra oficina (Darién) no ve el expediente', async () => {
    const r = await darien.get(`${s.api}/ppsh/solicitudes/${id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NO_ENCONTRADO');
    const lista = await darien.get(`${s.api}/ppsh/solicitudes?page_size=100`);
    expect(lista.body.items.every((x: { cod_agencia: string }) => x.cod_agencia === '04')).toBe(true);
  });

  it('recepción registra el pago con el monto del catálogo, no el que envía el cliente', async () => {
    const r = await recepcion.post(`${s.api}/ppsh/solicitudes/${id}/pagos`, {
      tipo_concepto: 'PPSH_INICIAL',
      metodo_pago: 'CHEQUE',
      num_cheque: '000123',
      num_recibo: 'R-1',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ monto_usd: '800.00', estado_tesoreria: 'PAGADO' });
    const malo = await recepcion.post(`${s.api}/ppsh/solicitudes/${id}/pagos`, {
      tipo_concepto: 'PPSH_INICIAL',
      metodo_pago: 'CHEQUE',
      monto_usd: '1.00',
    });
    expect(malo.status).toBe(422);
  });

  it('cada escritura deja su huella en audit_log con el usuario, la oficina y el request id', async () => {
    const filas = await s.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entidad', '=', 'ppsh_solicitudes')
      .where('entidad_id', '=', id)
      .orderBy('fecha')
      .execute();
    expect(filas.map((f) => f.accion)).toContain('CREAR');
    expect(filas.filter((f) => f.accion === 'CAMBIAR_ESTADO')).toHaveLength(7);
    const aprobacion = filas.filter((f) => f.accion === 'CAMBIAR_ESTADO').at(-1)!;
    expect(aprobacion).toMatchObject({ username: 'supervisor', cod_agencia: '02' });
    expect(JSON.parse(aprobacion.antes!).estado_actual).toBe('EN_APROBACION');
    expect(JSON.parse(aprobacion.despues!).estado_actual).toBe('APROBADO');
    expect(aprobacion.request_id).toMatch(/\S/);
  });

  it('veinte registros simultáneos reciben números distintos y consecutivos', async () => {
    const respuestas = await Promise.all(
      Array.from({ length: 20 }, () => recepcion.post(`${s.api}/ppsh/solicitudes`, solicitud())),
    );
    expect(respuestas.every((r) => r.status === 201)).toBe(true);
    const numeros = respuestas.map((r) => Number(r.body.num_expediente.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numeros).size).toBe(20);
    expect(numeros.at(-1)! - numeros[0]!).toBe(19);
  });
});

/**
 * Workflow trámites at an offline desk: started, answered and moved through stages with the server's own engine and
 * messages, then synced; a step the server refuses rolls back. Real API server over a temp SQLite file, real desk
 * stores in temp dirs, each desk behind a cable the test unplugs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/src/core/core.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { consulta, puesto } from './helpers/escenario.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

const PLANTILLA = 'SOLICITUD_RESIDENCIA';
const DATOS = { NOMBRE_COMPLETO: 'Lucía Fernández', NUMERO_PASAPORTE: 'PA778899', FECHA_NACIMIENTO: '1990-04-12' };

/** The error a desk call fails with (code and Spanish message). */
async function rechazo(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = (await p.then(
    () => {
      throw new Error('se esperaba un rechazo');
    },
    (x: unknown) => x,
  )) as { code: string; message: string };
  return { code: e.code, message: e.message };
}

/** The same step through the server's REST API, on a case of its own: what the server says to it. */
async function rechazoDelServidor(usuario: string, respuestas: Record<string, string>) {
  const api = cliente((await s.login(usuario)).access_token);
  const nuevo = await api.post(`${s.api}/workflow/instancias`, { workflow_codigo: PLANTILLA });
  expect(nuevo.status).toBe(201);
  const r = await api.post(`${s.api}/workflow/instancias/${nuevo.body.id}/transicion`, { respuestas });
  return { code: r.body.error.code as string, message: r.body.error.message as string };
}

const pdf = (nombre: string) => [{ nombre: `${nombre}.pdf`, tamano_bytes: 1000 }];
const DOCUMENTOS = {
  PASAPORTE: pdf('pasaporte'),
  FOTOGRAFIA: [{ nombre: 'foto.jpg', tamano_bytes: 1000 }],
  ANTECEDENTES_PENALES: pdf('antecedentes'),
  CERTIFICADO_SALUD: pdf('salud'),
  SOLVENCIA_ECONOMICA: pdf('solvencia'),
};

const tramiteEnServidor = (id: string) =>
  s.db.selectFrom('workflow_instancias').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const etapaEnEscritorio = async (core: Core, id: string) =>
  (await core['workflow.detalle']({ id })).etapa_actual?.codigo;

describe('un trámite de workflow en un puesto fronterizo sin conexión', () => {
  it('se inicia, se responde y avanza offline con las reglas del servidor; al reconectar recibe su número WF', async () => {
    const recepcion = await puesto(s, 'recepcion');
    try {
      recepcion.red.cortar();
      const nuevo = await recepcion.core['workflow.iniciar']({ workflow_codigo: PLANTILLA });
      const referencia = nuevo.referencia_provisional!;
      expect((await consulta(recepcion.core, { buscar: referencia })).items).toMatchObject([
        { id: nuevo.id, tipo: 'WORKFLOW', workflow_codigo: PLANTILLA, numero: referencia, pendiente_sync: true },
      ]);

      await recepcion.core['workflow.responder']({ id: nuevo.id, respuestas: DATOS });
      const enDatos = await recepcion.core['workflow.detalle']({ id: nuevo.id });
      expect(enDatos.etapa_actual?.preguntas.map((p) => p.codigo)).toEqual([
        'NOMBRE_COMPLETO',
        'NUMERO_PASAPORTE',
        'FECHA_NACIMIENTO',
        'EMAIL',
        'TELEFONO',
      ]);
      expect(enDatos.respuestas.DATOS_PERSONALES).toMatchObject(DATOS);
      expect(enDatos.acciones).toMatchObject({ puede_responder: true, puede_transicionar: true });
      expect(enDatos.nombre_titular).toBe('Lucía Fernández');

      // A required answer missing and a malformed one: refused at the desk, word for word as the server refuses them.
      const sinCorreo = await rechazo(recepcion.core['workflow.transicionar']({ id: nuevo.id, transicion: {} }));
      expect(sinCorreo).toEqual({ code: 'VALIDACION', message: 'Falta responder EMAIL: Correo electrónico' });
      const correoMalo = await rechazo(
        recepcion.core['workflow.transicionar']({ id: nuevo.id, transicion: { respuestas: { EMAIL: 'lucia@' } } }),
      );
      expect(correoMalo).toEqual({ code: 'VALIDACION', message: 'Correo electrónico inválido' });
      expect(await rechazoDelServidor('recepcion', DATOS)).toEqual(sinCorreo);
      expect(await rechazoDelServidor('recepcion', { ...DATOS, EMAIL: 'lucia@' })).toEqual(correoMalo);
      expect(await etapaEnEscritorio(recepcion.core, nuevo.id)).toBe('DATOS_PERSONALES');

      await recepcion.core['workflow.transicionar']({
        id: nuevo.id,
        transicion: { respuestas: { EMAIL: 'lucia@correo.pa' }, comentario: 'Datos tomados en ventanilla' },
      });
      const avanzado = await recepcion.core['workflow.detalle']({ id: nuevo.id });
      expect(avanzado).toMatchObject({
        etapa_actual: { codigo: 'CARGA_DOCUMENTOS' },
        estado: { codigo: 'EN_PROGRESO' },
        comandos_pendientes: 3,
      });
      expect(avanzado.historial.map((h) => h.tipo_cambio)).toEqual(['INICIO', 'TRANSICION']);

      recepcion.red.restablecer();
      expect(await recepcion.core['sync.ahora']({})).toMatchObject({ conectado: true, pendientes: 0, fallidos: 0 });

      const servidor = await tramiteEnServidor(nuevo.id);
      expect(servidor).toMatchObject({
        num_expediente: expect.stringMatching(/^WF-SOLICITUD_RESIDENCIA-\d{4}-\d{6}$/),
        referencia_provisional: referencia,
        etapa_actual_codigo: 'CARGA_DOCUMENTOS',
        nombre_titular: 'Lucía Fernández',
        documento_titular: 'PA778899',
      });
      const visto = await recepcion.core['workflow.detalle']({ id: nuevo.id });
      expect(visto).toMatchObject({
        numero: servidor.num_expediente,
        num_expediente: servidor.num_expediente,
        comandos_pendientes: 0,
        pendiente_sync: false,
      });
      expect(visto.instancia.version).toBe(servidor.version);
      expect(visto.respuestas.DATOS_PERSONALES).toEqual({ ...DATOS, EMAIL: 'lucia@correo.pa' });
      // The server's history and comment replaced the desk's own copies, one of each.
      expect(visto.historial.map((h) => h.tipo_cambio)).toEqual(['INICIO', 'TRANSICION']);
      expect(visto.comentarios.map((c) => c.comentario)).toEqual(['Datos tomados en ventanilla']);
      // Both the server's number and the provisional reference find the case.
      for (const buscar of [referencia, servidor.num_expediente!, 'lucia fernandez'])
        expect((await consulta(recepcion.core, { buscar })).items.map((i) => i.id)).toContain(nuevo.id);
    } finally {
      await recepcion.cerrar();
    }
  });

  it('un paso que el servidor rechaza (el rol cambió sin conexión) se deshace y queda en la lista con el motivo del servidor', async () => {
    const recepcion = await puesto(s, 'recepcion');
    try {
      const { id } = await recepcion.core['workflow.iniciar']({ workflow_codigo: PLANTILLA });
      await recepcion.core['workflow.responder']({ id, respuestas: DATOS });
      await recepcion.core['sync.ahora']({});
      const antes = await recepcion.core['workflow.detalle']({ id });

      recepcion.red.cortar();
      // While the post was offline, IT made this officer an analyst: the desk still thinks RECEPCION.
      await s.db.updateTable('usuarios').set({ rol: 'ANALISTA' }).where('username', '=', 'recepcion').execute();
      await recepcion.core['workflow.transicionar']({
        id,
        transicion: { respuestas: { EMAIL: 'lucia@correo.pa' } },
      });
      await recepcion.core['workflow.comentar']({ id, comentario: { comentario: 'Pasaporte visto en original' } });
      expect(await etapaEnEscritorio(recepcion.core, id)).toBe('CARGA_DOCUMENTOS');

      recepcion.red.restablecer();
      // A role change ends her sessions on the server: the desk locks and she signs in again; the queued step stays.
      await recepcion.core['sync.ahora']({});
      expect(await recepcion.core['sesion.estado']({})).toMatchObject({ estado: 'bloqueada' });
      await recepcion.core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      expect(await recepcion.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1 });

      const despues = await recepcion.core['workflow.detalle']({ id });
      expect(despues.etapa_actual?.codigo).toBe('DATOS_PERSONALES');
      expect(despues.instancia.version).toBe(antes.instancia.version);
      expect(despues.respuestas).toEqual(antes.respuestas);
      expect(despues.historial).toHaveLength(antes.historial.length);
      // Refusing one step does not drop the next.
      expect(despues.comentarios.map((c) => c.comentario)).toContain('Pasaporte visto en original');
      const [rechazado] = await recepcion.core['conflictos.listar']({});
      expect(rechazado).toMatchObject({
        estado: 'rechazado',
        code: 'PERMISO_DENEGADO',
        nombre: 'workflow.transicionar',
        message: 'Su rol (ANALISTA) no actúa en la etapa DATOS_PERSONALES (perfiles: CIUDADANO, RECEPCIONISTA)',
      });
      expect((await tramiteEnServidor(id)).etapa_actual_codigo).toBe('DATOS_PERSONALES');
    } finally {
      await s.db.updateTable('usuarios').set({ rol: 'RECEPCION' }).where('username', '=', 'recepcion').execute();
      await recepcion.cerrar();
    }
  });

  it('en revisión preliminar, la pregunta condicionada aparece con la respuesta NO y la conexión sigue la condición', async () => {
    const recepcion = await puesto(s, 'recepcion');
    const analista = await puesto(s, 'analista');
    try {
      const { id } = await recepcion.core['workflow.iniciar']({ workflow_codigo: PLANTILLA });
      await recepcion.core['workflow.transicionar']({
        id,
        transicion: { respuestas: { ...DATOS, EMAIL: 'lucia@correo.pa' } },
      });
      await recepcion.core['workflow.transicionar']({ id, transicion: { respuestas: DOCUMENTOS } });
      await recepcion.core['sync.ahora']({});
      await analista.core['sync.ahora']({});

      analista.red.cortar();
      const enRevision = await analista.core['workflow.detalle']({ id });
      expect(enRevision.etapa_actual?.codigo).toBe('REVISION_PRELIMINAR');
      expect(enRevision.etapa_actual?.preguntas.map((p) => p.codigo)).toEqual(['DOCUMENTOS_COMPLETOS']);
      expect(enRevision.acciones).toMatchObject({ puede_responder: true, puede_transicionar: true });

      await analista.core['workflow.responder']({ id, respuestas: { DOCUMENTOS_COMPLETOS: 'NO' } });
      const conNo = await analista.core['workflow.detalle']({ id });
      expect(conNo.etapa_actual?.preguntas.map((p) => p.codigo)).toEqual([
        'DOCUMENTOS_COMPLETOS',
        'OBSERVACIONES_REVISION',
      ]);
      expect(conNo.acciones.destinos_posibles.map((d) => d.etapa)).toEqual(['CORRECCION_DOCUMENTOS']);
      expect(
        await rechazo(analista.core['workflow.transicionar']({ id, transicion: { etapa_destino: 'REVISION_FINAL' } })),
      ).toMatchObject({
        code: 'VALIDACION',
        message: 'Falta responder OBSERVACIONES_REVISION: Qué debe corregir el solicitante',
      });
      expect(
        await rechazo(
          analista.core['workflow.transicionar']({
            id,
            transicion: { etapa_destino: 'REVISION_FINAL', respuestas: { OBSERVACIONES_REVISION: 'Foto borrosa' } },
          }),
        ),
      ).toMatchObject({ code: 'TRANSICION_NO_PERMITIDA' });
      await analista.core['workflow.transicionar']({
        id,
        transicion: { respuestas: { OBSERVACIONES_REVISION: 'Foto borrosa' } },
      });
      expect(await etapaEnEscritorio(analista.core, id)).toBe('CORRECCION_DOCUMENTOS');

      analista.red.restablecer();
      expect(await analista.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
      expect((await tramiteEnServidor(id)).etapa_actual_codigo).toBe('CORRECCION_DOCUMENTOS');
      expect((await analista.core['workflow.detalle']({ id })).respuestas.REVISION_PRELIMINAR).toEqual({
        DOCUMENTOS_COMPLETOS: 'NO',
        OBSERVACIONES_REVISION: 'Foto borrosa',
      });
    } finally {
      await recepcion.cerrar();
      await analista.cerrar();
    }
  });
});

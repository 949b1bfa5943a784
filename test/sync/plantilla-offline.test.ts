/**
 * A trámite started offline keeps the template version the desk started it on, as running cases keep theirs
 * (docs/workflow.md "Versiones"): a newer version published before the desk syncs does not refuse it, and its answers
 * then apply on its own graph. A template truly retired (archived) is refused saying what to do, and the answers given
 * to that start are refused naming the refused start, never with a bare NO_ENCONTRADO. Real desk, real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantillaTresEtapas } from '../helpers/datos.js';
import { cliente, type Cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { puesto, type Puesto } from './helpers/escenario.js';

let s: ServidorDePrueba;
let admin: Cliente;
let p: Puesto;
beforeAll(async () => {
  s = await iniciarServidor();
  admin = cliente((await s.login('admin')).access_token);
});
afterAll(async () => {
  await p?.cerrar();
  await s.cerrar();
});

/** A template the office uses (one case already runs on it, so an edit makes a new version), synced to the desk. */
async function plantillaEnUso(codigo: string) {
  const creada = await admin.post(`${s.api}/workflow/workflows`, plantillaTresEtapas(codigo));
  expect(creada.status).toBe(201);
  const recepcion = cliente((await s.login('recepcion')).access_token);
  expect((await recepcion.post(`${s.api}/workflow/instancias`, { workflow_id: creada.body.id })).status).toBe(201);
  p ??= await puesto(s, 'recepcion');
  await p.core['sync.ahora']({});
  return creada.body as { id: string; etapas: { id: string }[] };
}

describe('un trámite iniciado sin conexión y la versión de su plantilla', () => {
  it('se acepta en la versión que el escritorio tenía activa aunque se publique otra, y sus respuestas se aplican', async () => {
    const v1 = await plantillaEnUso('OFF_VERSION');
    p.red.cortar();
    const { id } = await p.core['workflow.iniciar']({ workflow_codigo: 'OFF_VERSION' });
    await p.core['workflow.transicionar']({ id, transicion: { respuestas: { OK: 'SI' } } });
    // Meanwhile the administrator publishes 1.1, whose first stage asks something else.
    const nueva = plantillaTresEtapas('OFF_VERSION');
    nueva.etapas[0]!.preguntas![0]!.codigo = 'CONFORME';
    nueva.conexiones[0]!.condicion = { pregunta: 'CONFORME', valor: 'SI' };
    const r = await admin.put(`${s.api}/workflow/workflows/${v1.id}`, {
      etapas: nueva.etapas,
      conexiones: nueva.conexiones,
    });
    expect(r.body).toMatchObject({ version_plantilla: '1.1', estado: 'ACTIVO' });
    p.red.restablecer();

    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
    const caso = await s.db
      .selectFrom('workflow_instancias')
      .innerJoin('workflow_etapas', 'workflow_etapas.id', 'workflow_instancias.etapa_actual_id')
      .select(['workflow_instancias.workflow_id', 'workflow_etapas.codigo', 'workflow_instancias.num_expediente'])
      .where('workflow_instancias.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(caso).toMatchObject({ workflow_id: v1.id, codigo: 'REVISION' });
    expect(caso.num_expediente).toMatch(/^WF-OFF_VERSION-\d{4}-\d{6}$/);
  });

  it('una plantilla archivada se rechaza diciendo qué hacer; sus respuestas se rechazan nombrando ese inicio', async () => {
    const v1 = await plantillaEnUso('OFF_ARCHIVADA');
    p.red.cortar();
    const inicio = await p.core['workflow.iniciar']({ workflow_codigo: 'OFF_ARCHIVADA' });
    const respuestas = await p.core['workflow.responder']({ id: inicio.id, respuestas: { OK: 'NO' } });
    expect((await admin.delete(`${s.api}/workflow/workflows/${v1.id}`)).status).toBe(204);
    p.red.restablecer();

    expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 2 });
    const lista = await p.core['conflictos.listar']({});
    const motivoInicio =
      'La plantilla OFF_ARCHIVADA (versión 1.0) fue retirada (ARCHIVADO) y ya no inicia trámites; este trámite ' +
      'iniciado sin conexión no se registró. Consulte al administrador qué plantilla usar ahora y descarte este inicio.';
    expect(lista.filter((c) => [inicio.mutationId, respuestas.mutationId].includes(c.mutationId))).toMatchObject([
      { mutationId: inicio.mutationId, estado: 'rechazado', code: 'REGLA_NEGOCIO', message: motivoInicio },
      {
        mutationId: respuestas.mutationId,
        estado: 'rechazado',
        code: 'REGLA_NEGOCIO',
        message:
          `No se aplicó porque el inicio del trámite ${inicio.referencia_provisional} fue rechazado por el servidor ` +
          `(${motivoInicio}). Resuélvalo primero en Conflictos y rechazos; después rehaga este cambio`,
      },
    ]);
    expect(
      await s.db.selectFrom('workflow_instancias').select('id').where('id', '=', inicio.id).executeTakeFirst(),
    ).toBeUndefined();
  });
});

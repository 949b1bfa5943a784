/** Workflow cases (trámites) through sync: started and moved on offline, fed to their office's desks only. */
import { v7 as uuidv7 } from 'uuid';
import { expect, test } from 'vitest';
import type { ArgsComando } from '#shared/sync/protocolo';
import { comando, empujar, pullCompleto, servidorCompartido } from './ayudas.js';

const { servidor, token } = servidorCompartido();

const DATOS = { NOMBRE_COMPLETO: 'Ana Lucía Rojas', NUMERO_PASAPORTE: 'CO9876543', FECHA_LLEGADA: '2026-12-20' };

function tramiteOffline(): ArgsComando<'workflow.iniciar'> {
  return {
    id: uuidv7(),
    referencia_provisional: `WF-PROV-${uuidv7().slice(-6)}`,
    workflow_codigo: 'VISA_TURISTA_SIMPLE',
  };
}

test('un trámite iniciado sin conexión recibe su número, avanza por comandos y solo llega a los escritorios de su oficina', async () => {
  const recepcion = await token('recepcion');
  const { cursor: panama } = await pullCompleto(servidor().api, recepcion);
  const { cursor: darien } = await pullCompleto(servidor().api, await token('recepcion.darien'));
  const t = tramiteOffline();
  const comentarioId = uuidv7();

  const r = await empujar(servidor().api, recepcion, [
    comando('workflow.iniciar', t),
    comando('workflow.responder', { instanciaId: t.id, respuestas: { NOMBRE_COMPLETO: DATOS.NOMBRE_COMPLETO } }),
    comando('workflow.transicionar', { instanciaId: t.id, transicion: { respuestas: DATOS } }),
    comando('workflow.comentar', {
      instanciaId: t.id,
      comentario: { id: comentarioId, comentario: 'Viajero en ventanilla' },
    }),
  ]);
  expect(r.body.resultados.map((x: { status: string }) => x.status)).toEqual([
    'applied',
    'applied',
    'applied',
    'applied',
  ]);
  expect(r.body.resultados[0].result).toMatchObject({
    tabla: 'workflow_instancias',
    id: t.id,
    num_expediente: expect.stringMatching(/^WF-VISA_TURISTA_SIMPLE-\d{4}-\d{6}$/),
  });

  const propios = (await pullCompleto(servidor().api, recepcion, panama)).cambios;
  const caso = propios.find((c) => c.tabla === 'workflow_instancias' && c.id === t.id)!;
  expect(caso.fila).toMatchObject({
    etapa_actual_codigo: 'DOCS',
    referencia_provisional: t.referencia_provisional,
    cod_agencia: '02',
  });
  expect(caso.fila).not.toHaveProperty('texto_busqueda');
  for (const tabla of [
    'workflow_respuestas_etapa',
    'workflow_respuestas',
    'workflow_historial',
    'workflow_comentarios',
  ])
    expect(propios.some((c) => c.tabla === tabla)).toBe(true);

  const ajenos = (await pullCompleto(servidor().api, await token('recepcion.darien'), darien)).cambios;
  expect(ajenos.filter((c) => c.tabla.startsWith('workflow_'))).toEqual([]);
});

test('las plantillas de trámite son catálogos: llegan a todas las oficinas en la primera sincronización', async () => {
  const { cambios } = await pullCompleto(servidor().api, await token('recepcion.darien'));
  const plantillas = cambios.filter((c) => c.tabla === 'workflows').map((c) => c.fila!.codigo);
  expect(plantillas).toEqual(expect.arrayContaining(['VISA_TURISTA_SIMPLE', 'PPSH_COMPLETO', 'SOLICITUD_RESIDENCIA']));
  expect(cambios.some((c) => c.tabla === 'workflow_etapas')).toBe(true);
  expect(cambios.some((c) => c.tabla === 'workflow_conexiones')).toBe(true);
});

test('responder sobre una etapa que el trámite ya dejó atrás es un conflicto, no respuestas archivadas en otra etapa', async () => {
  const recepcion = await token('recepcion');
  const t = tramiteOffline();
  await empujar(servidor().api, recepcion, [comando('workflow.iniciar', t)]);
  // Moved on from another desk: what a desk did itself it has seen (docs/sync.md, "Follow-up commands").
  await empujar(servidor().api, recepcion, [
    {
      ...comando('workflow.transicionar', { instanciaId: t.id, transicion: { respuestas: DATOS } }, { baseVersion: 1 }),
      clientId: 'otro-escritorio',
    },
  ]);
  const tarde = await empujar(servidor().api, recepcion, [
    comando(
      'workflow.responder',
      { instanciaId: t.id, respuestas: { NOMBRE_COMPLETO: 'Otro Nombre' } },
      { baseVersion: 1 },
    ),
  ]);
  expect(tarde.body.resultados[0]).toMatchObject({
    status: 'conflict',
    serverRow: { tabla: 'workflow_instancias', id: t.id, version: 2, fila: { etapa_actual_codigo: 'DOCS' } },
  });
});

/**
 * One visit (or more) per registered route, as officers use them: a PPSH case through its life, a workflow template
 * and a trámite through theirs, the unified caseload, the approval queue, reports and exports, sync and sessions.
 * List reads go once as an office user and once as ADMIN (office-scoped and all-offices queries differ).
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { formulario, pdfReal, plantillaTresEtapas, reportesDeError, solicitud } from '../helpers/datos.js';
import type { ClaveRuta, Recorrido } from './recorrido.js';

/** Routes that answer without touching the database, and why (the coverage check accepts no statement from them). */
export const SIN_BASE_DE_DATOS: Partial<Record<ClaveRuta, string>> = {
  'GET /health': 'liveness: responde sin consultar la base',
  'GET /openapi.json': 'documento generado al arrancar',
  'GET /': 'presentación del servicio: nombre, versión y enlaces',
  'GET /api/v1/ppsh/health': 'solo comprueba que la base responde (select 1), como /health/detailed',
};

const RANGO = { desde: '2025-01-01', hasta: '2026-12-31' };

export async function visitarTodo(r: Recorrido): Promise<void> {
  const pedir = r.pedir.bind(r);
  const api = (ruta: string) => `/api/v1${ruta}` as const;

  // Sessions
  await pedir(`POST ${api('/auth/login')}`, { json: { username: 'recepcion', password: 'mala' }, estado: 401 });
  const sesion = await pedir(`POST ${api('/auth/login')}`, { json: { username: 'consulta', password: 'demo2026' } });
  await pedir(`GET ${api('/auth/me')}`, { como: 'analista' });
  const nueva = await pedir(`POST ${api('/auth/refresh')}`, { json: { refresh_token: sesion.refresh_token } });
  await pedir(`POST ${api('/auth/logout')}`, { token: nueva.access_token });
  // Her sessions (recepcion.darien: no later visit logs in as her, her password changes here)
  const otra = await pedir(`POST ${api('/auth/login')}`, {
    json: { username: 'recepcion.darien', password: 'demo2026' },
  });
  await pedir(`POST ${api('/auth/logout')}`, { json: { refresh_token: otra.refresh_token } });
  const escritorio = await pedir(`POST ${api('/auth/login')}`, {
    json: { username: 'recepcion.darien', password: 'demo2026', dispositivo: 'Ventanilla 1' },
  });
  const aqui = await pedir(`POST ${api('/auth/login')}`, {
    json: { username: 'recepcion.darien', password: 'demo2026' },
  });
  const sesiones = await pedir(`GET ${api('/auth/sesiones')}`, { token: aqui.access_token });
  const ajena = sesiones.sesiones.find((x: { actual: boolean }) => !x.actual).id as string;
  await pedir(`POST ${api('/auth/sesiones/cerrar')}`, {
    token: aqui.access_token,
    json: { password: 'demo2026', id: ajena },
  });
  await pedir(`POST ${api('/auth/sesiones/cerrar')}`, { token: aqui.access_token, json: { password: 'demo2026' } });
  await pedir(`GET ${api('/auth/avisos')}`, { token: escritorio.access_token, estado: 401 });
  const cambio = await pedir(`POST ${api('/auth/cambiar-password')}`, {
    token: aqui.access_token,
    json: { actual: 'demo2026', nueva: 'la ventanilla de Darién de noche' },
  });
  const avisos = await pedir(`GET ${api('/auth/avisos')}`, { token: cambio.access_token });
  await pedir(`POST ${api('/auth/avisos/leidos')}`, {
    token: cambio.access_token,
    json: { ids: avisos.avisos.map((a: { id: string }) => a.id) },
  });

  // Catalogs
  for (const c of ['agencias', 'secciones', 'paises', 'sexos', 'estados-civiles'])
    await pedir(`GET ${api(`/catalogos/${c}`)}` as ClaveRuta, { como: 'analista', query: { activos_solo: 'false' } });
  for (const c of ['causas-humanitarias', 'estados', 'tipos-documento', 'conceptos-pago'])
    await pedir(`GET ${api(`/ppsh/catalogos/${c}`)}` as ClaveRuta, {
      como: 'analista',
      query: { activos_solo: 'true' },
    });

  // A PPSH case through its life
  const caso = await pedir(`POST ${api('/ppsh/solicitudes')}`, { como: 'recepcion', json: solicitud() });
  const id = { id: caso.id as string };
  for (const como of ['recepcion', 'admin'])
    await pedir(`GET ${api('/ppsh/solicitudes')}`, {
      como,
      query: {
        buscar: 'pérez',
        causa_humanitaria: '4',
        asignado_a: caso.solicitantes[0].id,
        ...{ fecha_desde: RANGO.desde, fecha_hasta: RANGO.hasta },
        agencia: '02',
        page: '2',
        page_size: '5',
      },
    });
  await pedir(`GET ${api('/ppsh/solicitudes/{id}')}`, { como: 'recepcion', params: id });
  await pedir(`PUT ${api('/ppsh/solicitudes/{id}')}`, {
    como: 'recepcion',
    params: id,
    json: { observaciones_generales: 'Llamó el abogado', version: 1 },
  });
  await pedir(`PATCH ${api('/ppsh/solicitantes/{id}')}`, {
    como: 'recepcion',
    params: { id: caso.solicitantes[0].id },
    json: { telefono: '+507-6999-0000' },
  });
  const pasaporte = await pdfReal();
  const doc = await pedir(`POST ${api('/ppsh/solicitudes/{id}/documentos')}`, {
    como: 'recepcion',
    params: id,
    form: formulario('pasaporte.pdf', pasaporte, { cod_tipo_documento: '3' }),
  });
  await pedir(`POST ${api('/ppsh/solicitudes/{id}/cambiar-estado')}`, {
    como: 'recepcion',
    params: id,
    json: { estado_nuevo: 'EN_REVISION' },
  });
  await pedir(`PATCH ${api('/ppsh/documentos/{id}/verificar')}`, {
    como: 'analista',
    params: { id: doc.id },
    json: { estado: 'VERIFICADO' },
  });
  await pedir(`GET ${api('/ppsh/documentos/{id}/archivo')}`, { como: 'analista', params: { id: doc.id } });
  const entrevista = await pedir(`POST ${api('/ppsh/solicitudes/{id}/entrevistas')}`, {
    como: 'analista',
    params: id,
    json: { fecha_programada: new Date(Date.now() + 86_400_000).toISOString(), lugar: 'Sala 2' },
  });
  await pedir(`PUT ${api('/ppsh/entrevistas/{id}')}`, {
    como: 'analista',
    params: { id: entrevista.id },
    json: { resultado: 'FAVORABLE', asistio: true },
  });
  await pedir(`GET ${api('/ppsh/solicitudes/{id}/entrevistas')}`, { como: 'analista', params: id });
  const analista = await pedir(`GET ${api('/auth/me')}`, { como: 'analista' });
  await pedir(`POST ${api('/ppsh/solicitudes/{id}/asignar')}`, {
    como: 'supervisor',
    params: id,
    json: { user_id_asignado: analista.id },
  });
  // The reference's query-parameter form of the same two commands.
  await pedir(`POST ${api('/ppsh/solicitudes/{id}/asignar')}`, {
    como: 'supervisor',
    params: id,
    query: { user_id_asignado: analista.id },
  });
  await pedir(`PATCH ${api('/ppsh/documentos/{id}/verificar')}`, {
    como: 'analista',
    params: { id: doc.id },
    query: { estado: 'VERIFICADO', observaciones: 'Legible' },
  });
  await pedir(`POST ${api('/ppsh/solicitudes/{id}/comentarios')}`, {
    como: 'analista',
    params: id,
    json: { comentario: 'Revisar antecedentes' },
  });
  await pedir(`GET ${api('/ppsh/solicitudes/{id}/comentarios')}`, { como: 'analista', params: id });
  await pedir(`POST ${api('/ppsh/solicitudes/{id}/pagos')}`, {
    como: 'recepcion',
    params: id,
    json: { tipo_concepto: 'PPSH_INICIAL', metodo_pago: 'EFECTIVO' },
  });
  await pedir(`GET ${api('/ppsh/solicitudes/{id}/pagos')}`, { como: 'recepcion', params: id });
  await pedir(`GET ${api('/ppsh/solicitudes/{id}/historial')}`, { como: 'analista', params: id });
  for (const como of ['analista', 'admin'])
    await pedir(`GET ${api('/ppsh/estadisticas')}`, { como, query: como === 'admin' ? { agencia: '04' } : {} });

  // A workflow template through its life, and a trámite on a demo template
  const plantilla = await pedir(`POST ${api('/workflow/workflows')}`, { como: 'admin', json: plantillaDePrueba() });
  const wf = { id: plantilla.id as string };
  await pedir(`GET ${api('/workflow/workflows')}`, {
    como: 'analista',
    query: { categoria: 'Pruebas', codigo: plantilla.codigo, activo: 'true' },
  });
  await pedir(`GET ${api('/workflow/workflows/{id}')}`, { como: 'analista', params: wf });
  await pedir(`PUT ${api('/workflow/workflows/{id}')}`, {
    como: 'admin',
    params: wf,
    json: { descripcion: 'Plantilla de prueba revisada' },
  });
  const tramite = await pedir(`POST ${api('/workflow/instancias')}`, {
    como: 'recepcion',
    json: { workflow_codigo: plantilla.codigo, nombre_titular: 'Ana Lucía Rojas', documento_titular: 'CO9876543' },
  });
  const t = { id: tramite.id as string };
  for (const como of ['recepcion', 'admin'])
    await pedir(`GET ${api('/workflow/instancias')}`, {
      como,
      query: {
        workflow_id: wf.id,
        creado_por: tramite.creado_por_user_id,
        asignado_a: analista.id,
        page: '1',
        page_size: '10',
      },
    });
  await pedir(`GET ${api('/workflow/instancias/{id}')}`, { como: 'recepcion', params: t });
  await pedir(`POST ${api('/workflow/instancias/{id}/respuestas')}`, {
    como: 'recepcion',
    params: t,
    json: { respuestas: { OK: 'SI' } },
  });
  await pedir(`POST ${api('/workflow/instancias/{id}/transicion')}`, {
    como: 'recepcion',
    params: t,
    json: { respuestas: { OK: 'SI' }, comentario: 'Documentos conformes' },
  });
  await pedir(`PUT ${api('/workflow/instancias/{id}')}`, {
    como: 'admin',
    params: t,
    json: { asignado_a_user_id: analista.id, prioridad: 'ALTA' },
  });
  await pedir(`POST ${api('/workflow/instancias/{id}/comentarios')}`, {
    como: 'analista',
    params: t,
    json: { comentario: 'Revisión pendiente', es_notificacion: true },
  });
  await pedir(`GET ${api('/workflow/instancias/{id}/comentarios')}`, { como: 'analista', params: t });
  await pedir(`GET ${api('/workflow/instancias/{id}/historial')}`, { como: 'analista', params: t });
  // The reference's paging names on both workflow lists.
  const saltar = { skip: '0', limit: '10' };
  await pedir(`GET ${api('/workflow/workflows')}`, { como: 'analista', query: saltar });
  await pedir(`GET ${api('/workflow/instancias')}`, { como: 'recepcion', query: saltar });
  await visitarPartesDePlantilla(r);

  // The unified caseload (the UNION of both kinds), the approval queue, reports and exports
  for (const como of ['recepcion', 'admin']) {
    await pedir(`GET ${api('/casos')}`, {
      como,
      query: {
        buscar: 'rojas',
        asignado_a: analista.id,
        mios: 'false',
        ...{ fecha_desde: RANGO.desde, fecha_hasta: RANGO.hasta },
        vencido: 'false',
        abiertos: 'true',
        agencia: '02',
        page: '1',
        page_size: '10',
      },
    });
    await pedir(`GET ${api('/casos')}`, { como, query: { mios: 'true', vencido: 'true', estado: 'EN_REVISION' } });
    await pedir(`GET ${api('/casos/cola-aprobacion')}`, {
      como: como === 'admin' ? 'admin' : 'supervisor',
      query: { agencia: '02', page: '1', page_size: '10' },
    });
    await pedir(`GET ${api('/casos/exportar')}`, {
      como,
      query: {
        buscar: 'rojas',
        asignado_a: analista.id,
        agencia: '02',
        ...{ fecha_desde: RANGO.desde, fecha_hasta: RANGO.hasta },
        mios: 'false',
        vencido: 'false',
        abiertos: 'true',
        estado: 'EN_REVISION',
      },
    });
  }
  for (const como of ['supervisor', 'admin']) {
    await pedir(`GET ${api('/reportes/resumen')}`, { como, query: { ...RANGO, agencia: '02' } });
    await pedir(`GET ${api('/reportes/resumen/exportar')}`, { como, query: { ...RANGO, agencia: '02' } });
  }
  await pedir(`DELETE ${api('/workflow/workflows/{id}')}`, { como: 'admin', params: wf });

  // Sync: pull (first page, a later page, a stale cursor), bytes, push (the command list is walked in its own test)
  for (const como of ['recepcion', 'admin'])
    await pedir(`GET ${api('/sync/pull')}`, { como, query: { cursor: '0', limit: '500', contar: 'true' } });
  await pedir(`GET ${api('/sync/pull')}`, { como: 'consulta', query: { cursor: '02p:5', limit: '50' } });
  const pdf = await pdfReal('Documento sincronizado');
  const sha = createHash('sha256').update(pdf).digest('hex');
  await pedir(`GET ${api('/sync/archivos/{sha256}/estado')}`, { como: 'recepcion', params: { sha256: sha } });
  await pedir(`PUT ${api('/sync/archivos/{sha256}')}`, {
    como: 'recepcion',
    params: { sha256: sha },
    bytes: pdf,
    headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes 0-${pdf.length - 1}/${pdf.length}` },
  });
  const delCaso = createHash('sha256').update(pasaporte).digest('hex');
  await pedir(`GET ${api('/sync/archivos/{sha256}')}`, { como: 'recepcion', params: { sha256: delCaso } });
  await pedir(`POST ${api('/sync/push')}`, {
    como: 'recepcion',
    json: {
      clientId: 'recorrido-tsql',
      comandos: [
        {
          mutationId: uuidv7(),
          clientId: 'recorrido-tsql',
          name: 'ppsh.comentar',
          args: { solicitudId: caso.id, comentario: { id: uuidv7(), comentario: 'Desde el escritorio' } },
        },
      ],
    },
  });

  // Operations
  await pedir(`POST ${api('/errores')}`, { como: 'recepcion', json: reportesDeError() });
  await pedir('GET /health');
  await pedir('GET /health/detailed');
  await pedir('GET /metrics');
  await pedir('GET /openapi.json');
  await pedir('GET /');
  await pedir(`GET ${api('/ppsh/health')}`);
}

/** The reference's template sub-resources, on a draft of its own: each edit is a whole-template save. */
async function visitarPartesDePlantilla(r: Recorrido): Promise<void> {
  const pedir = r.pedir.bind(r);
  const api = (ruta: string) => `/api/v1${ruta}` as const;
  const borrador = await pedir(`POST ${api('/workflow/workflows')}`, {
    como: 'admin',
    json: { ...plantillaDePrueba(), estado: 'BORRADOR' },
  });
  const etapa = await pedir(`POST ${api('/workflow/etapas')}`, {
    como: 'admin',
    json: { workflow_id: borrador.id, codigo: 'EXTRA', nombre: 'Extra', orden: 4, perfiles_permitidos: ['ANALISTA'] },
  });
  await pedir(`GET ${api('/workflow/etapas/{id}')}`, { como: 'analista', params: { id: etapa.id } });
  const editada = await pedir(`PUT ${api('/workflow/etapas/{id}')}`, {
    como: 'admin',
    params: { id: etapa.id },
    json: { nombre: 'Extra revisada' },
  });
  const pregunta = await pedir(`POST ${api('/workflow/preguntas')}`, {
    como: 'admin',
    json: { etapa_id: editada.id, codigo: 'NOTA', pregunta: 'Nota', tipo_pregunta: 'RESPUESTA_LARGA' },
  });
  await pedir(`GET ${api('/workflow/preguntas/{id}')}`, { como: 'analista', params: { id: pregunta.id } });
  await pedir(`PUT ${api('/workflow/preguntas/{id}')}`, {
    como: 'admin',
    params: { id: pregunta.id },
    json: { pregunta: 'Nota del analista' },
  });
  const conexion = await pedir(`POST ${api('/workflow/conexiones')}`, {
    como: 'admin',
    json: { workflow_id: borrador.id, etapa_origen: 'REVISION', etapa_destino: 'EXTRA' },
  });
  await pedir(`GET ${api('/workflow/conexiones/{id}')}`, { como: 'analista', params: { id: conexion.id } });
  const movida = await pedir(`PUT ${api('/workflow/conexiones/{id}')}`, {
    como: 'admin',
    params: { id: conexion.id },
    json: { nombre: 'A revisión extra' },
  });
  await pedir(`DELETE ${api('/workflow/conexiones/{id}')}`, { como: 'admin', params: { id: movida.id } });
  const actual = await pedir(`GET ${api('/workflow/preguntas/{id}')}`, { como: 'admin', params: { id: pregunta.id } });
  await pedir(`DELETE ${api('/workflow/preguntas/{id}')}`, { como: 'admin', params: { id: actual.id } });
  const ultima = await pedir(`GET ${api('/workflow/etapas/{id}')}`, { como: 'admin', params: { id: etapa.id } });
  await pedir(`DELETE ${api('/workflow/etapas/{id}')}`, { como: 'admin', params: { id: ultima.id } });
}

function plantillaDePrueba() {
  return {
    ...plantillaTresEtapas(`TSQL_${uuidv7().slice(-6).toUpperCase()}`, { requiere_validacion: true }),
    categoria: 'Pruebas',
  };
}

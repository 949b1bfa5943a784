/**
 * The permission matrix, derived: every REST operation of the server's route table and every sync command, by every
 * role, on rows of the officer's own office and of another office. Nothing here lists cells by hand; the expectations
 * come from the route table's declared permission, shared/src/roles.ts and the office of the target row.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, tienePermiso, type Permiso, type Rol } from '#shared/roles';
import { z } from 'zod';
import { COMANDOS, NOMBRES_COMANDO, type ArgsComando, type NombreComando } from '#shared/sync/protocolo';
import { prng } from '../../server/src/demo/generador.js';
import { cliente } from '../helpers/http.js';
import { formulario, pdfReal, solicitud, titular } from '../helpers/datos.js';
import { OFICINA_AJENA, OFICINA_PROPIA, iniciarEscenario, type Escenario, type Oficina } from './escenario.js';
import { Generador, operacionesDe, type Operacion } from './fuzzer.js';

/** The rows an operation may name, in one office: a fresh open case with a titular, a document and an interview. */
interface Objetivo {
  solicitud: string;
  solicitante: string;
  documento: string;
  sha256: string;
  entrevista: string;
  instancia: string;
  analista: string;
}

let esc: Escenario;
let doc: Parameters<typeof operacionesDe>[0];
const objetivos = {} as Record<Oficina, Objetivo>;
/** Parts of the first template by collection (etapas, preguntas, conexiones): every office reads the same ones. */
const partesDePlantilla: Record<string, string> = {};
const OFICINAS = [OFICINA_PROPIA, OFICINA_AJENA] as const;

async function prepararOficina(oficina: Oficina): Promise<Objetivo> {
  const recepcion = cliente(esc.token('RECEPCION', oficina));
  const caso = await recepcion.post(
    `${esc.s.api}/ppsh/solicitudes`,
    solicitud({
      tipo_solicitud: 'INDIVIDUAL',
      solicitantes: [titular({ num_documento: `VE${oficina}${Date.now() % 1e6}` })],
    }),
  );
  expect(caso.status, JSON.stringify(caso.body)).toBe(201);
  const bytes = await pdfReal(`Pasaporte de la oficina ${oficina}`);
  const documento = await recepcion.post(
    `${esc.s.api}/ppsh/solicitudes/${caso.body.id}/documentos`,
    formulario('pasaporte.pdf', bytes, { tipo_documento_texto: 'Pasaporte' }),
  );
  expect(documento.status, JSON.stringify(documento.body)).toBe(201);
  const entrevista = await cliente(esc.token('ANALISTA', oficina)).post(
    `${esc.s.api}/ppsh/solicitudes/${caso.body.id}/entrevistas`,
    { fecha_programada: new Date(Date.now() + 7 * 86_400_000).toISOString(), lugar: 'Sala 1' },
  );
  expect(entrevista.status, JSON.stringify(entrevista.body)).toBe(201);
  const tramite = await recepcion.post(`${esc.s.api}/workflow/instancias`, { workflow_codigo: 'SOLICITUD_RESIDENCIA' });
  expect(tramite.status, JSON.stringify(tramite.body)).toBe(201);
  const analista = await esc.s.db
    .selectFrom('usuarios')
    .select('id')
    .where('username', '=', `hostil.analista.${oficina}`)
    .executeTakeFirstOrThrow();
  return {
    solicitud: caso.body.id,
    solicitante: caso.body.solicitantes[0].id,
    documento: documento.body.id,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    entrevista: entrevista.body.id,
    instancia: tramite.body.id,
    analista: analista.id,
  };
}

beforeAll(async () => {
  esc = await iniciarEscenario();
  doc = (await (await fetch(`${esc.s.url}/openapi.json`)).json()) as typeof doc;
  for (const o of OFICINAS) objetivos[o] = await prepararOficina(o);
  const parte = async (tabla: 'workflow_etapas' | 'workflow_preguntas' | 'workflow_conexiones') =>
    (await esc.s.db.selectFrom(tabla).select('id').where('activo', '=', 1).executeTakeFirstOrThrow()).id;
  partesDePlantilla.etapas = await parte('workflow_etapas');
  partesDePlantilla.preguntas = await parte('workflow_preguntas');
  partesDePlantilla.conexiones = await parte('workflow_conexiones');
}, 120_000);
afterAll(() => esc?.cerrar());

/** Which row a path parameter names, by the collection before it. */
const COLECCION: Record<string, keyof Objetivo> = {
  solicitudes: 'solicitud',
  solicitantes: 'solicitante',
  documentos: 'documento',
  entrevistas: 'entrevista',
  instancias: 'instancia',
  archivos: 'sha256',
};

function rellenarRuta(ruta: string, o: Objetivo, workflow: string): { ruta: string; nombraOficina: boolean } {
  let nombraOficina = false;
  const r = ruta.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_m, coleccion: string, _p) => {
    const campo = COLECCION[coleccion];
    if (campo) nombraOficina = true;
    return `/${coleccion}/${campo ? o[campo] : (partesDePlantilla[coleccion] ?? workflow)}`;
  });
  return { ruta: r, nombraOficina };
}

const ID_O_HASH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}/g;
const sinIds = (status: number, texto: string) =>
  `${status} ${texto.replace(ID_O_HASH, '<id>').replace(/"requestId":"[^"]*"/, '')}`;

/** The same request with every id and hash in the path replaced by one nobody has. */
async function respuestaSinFila(camino: string, init: RequestInit): Promise<string> {
  const inexistente = camino.replace(ID_O_HASH, (x) => (x.length === 64 ? 'e'.repeat(64) : uuidv7()));
  const r = await fetch(`${esc.s.api}${inexistente}`, init);
  return sinIds(r.status, await r.text());
}

describe('matriz de permisos REST (tabla de rutas × rol × oficina)', () => {
  it('cada denegación no escribe nada; el permiso declarado se cumple; otra oficina nunca se ve; lo permitido responde', async () => {
    const problemas: string[] = [];
    const generadores = {
      [OFICINA_PROPIA]: new Generador(prng(8), [esc.ids[OFICINA_PROPIA]]),
      [OFICINA_AJENA]: new Generador(prng(8), [esc.ids[OFICINA_AJENA]]),
    };
    const operaciones = new Map(operacionesDe(doc).map((op) => [`${op.metodo} ${op.ruta}`, op]));
    // Deleting a template changes what later cells see: deletions go last.
    const rutas = esc.s.app.api.rutas
      .filter((r) => !r.publica && r.path !== '/auth/logout')
      .sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    const workflow = esc.workflows[0]!;
    const pdfMatriz = await pdfReal('Documento de la matriz de permisos');
    let celdas = 0;
    for (const ruta of rutas)
      for (const rol of ROLES)
        for (const oficina of OFICINAS) {
          const op = operaciones.get(`${ruta.method.toUpperCase()} /api/v1${ruta.path}`) as Operacion;
          const { ruta: camino, nombraOficina } = rellenarRuta(ruta.path, objetivos[oficina], workflow);
          const init: RequestInit = {
            method: ruta.method.toUpperCase(),
            headers: { authorization: `Bearer ${esc.token(rol, OFICINA_PROPIA)}` },
          };
          if (op.cuerpo?.tipo === 'json') {
            init.body = JSON.stringify(generadores[oficina].valor(op.cuerpo.esquema, 0));
            (init.headers as Record<string, string>)['content-type'] = 'application/json';
          } else if (op.cuerpo?.tipo === 'multipart')
            init.body = formulario('matriz.pdf', pdfMatriz, {
              tipo_documento_texto: 'Pasaporte',
            });
          else if (ruta.method === 'put') init.body = new Uint8Array(pdfMatriz);
          esc.vigia.marcar();
          const r = await fetch(`${esc.s.api}${camino}`, init);
          const texto = await r.text();
          const celda = `${ruta.method.toUpperCase()} ${ruta.path} como ${rol} sobre la oficina ${oficina} → ${r.status} ${texto.slice(0, 160)}`;
          celdas++;
          if (r.status >= 500) problemas.push(`5xx: ${celda}`);
          if (r.status >= 400) {
            const cambios = esc.vigia.cambios();
            if (cambios.length) problemas.push(`una denegación cambió ${cambios.join(' y ')}: ${celda}`);
          }
          if (ruta.permiso && !tienePermiso(rol, ruta.permiso) && r.status !== 403)
            problemas.push(`sin el permiso ${ruta.permiso} debía ser 403: ${celda}`);
          const ajena = oficina === OFICINA_AJENA && nombraOficina && !tienePermiso(rol, 'todas_las_oficinas');
          // Another office's row must be indistinguishable from a row that does not exist.
          if (ajena && r.status < 400 && (await respuestaSinFila(camino, init)) !== sinIds(r.status, texto))
            problemas.push(`vio o cambió otra oficina: ${celda}`);
          const lecturaPermitida =
            ruta.method === 'get' &&
            (oficina === OFICINA_PROPIA || !nombraOficina) &&
            (!ruta.permiso || tienePermiso(rol, ruta.permiso));
          if (lecturaPermitida && rol === 'ADMIN' && r.status !== 200) problemas.push(`ADMIN no pudo leer: ${celda}`);
          if (lecturaPermitida && r.status !== 200 && r.status !== 403)
            problemas.push(`lectura permitida que no respondió: ${celda}`);
        }
    expect(celdas).toBe(rutas.length * ROLES.length * OFICINAS.length);
    expect(problemas, problemas.slice(0, 20).join('\n')).toEqual([]);
  }, 180_000);
});

/**
 * A valid command per name, on the target office's rows, with the permission roles.ts gives the action (the same one
 * the REST endpoint and the desk check). Commands whose outcome also depends on the workflow template or the state
 * machine (workflow.*, ppsh.cambiarEstado, ppsh.registrarResultadoEntrevista) are held only to the office and no-write rules.
 */
const COMANDOS_VALIDOS: Partial<{
  [N in NombreComando]: { permiso: Permiso; args: (o: Objetivo, oficina: Oficina) => ArgsComando<N> };
}> = {
  'ppsh.registrar': {
    permiso: 'solicitud.crear',
    args: () =>
      ({
        ...solicitud({
          tipo_solicitud: 'INDIVIDUAL',
          solicitantes: [titular({ num_documento: `VE${uuidv7().slice(-7)}` })],
        }),
        id: uuidv7(),
        referencia_provisional: `PROV-${uuidv7().slice(-6)}`,
      }) as ArgsComando<'ppsh.registrar'>,
  },
  'ppsh.editar': {
    permiso: 'solicitud.editar',
    args: (o) => ({ solicitudId: o.solicitud, cambios: { observaciones_generales: `Revisado ${uuidv7()}` } }),
  },
  'ppsh.editarSolicitante': {
    permiso: 'solicitud.editar',
    args: (o) => ({ solicitanteId: o.solicitante, cambios: { telefono: '+507-6000-9999' } }),
  },
  'ppsh.asignar': {
    permiso: 'solicitud.asignar',
    args: (o) => ({ solicitudId: o.solicitud, user_id_asignado: o.analista }),
  },
  'ppsh.comentar': {
    permiso: 'comentario.crear',
    args: (o) => ({ solicitudId: o.solicitud, comentario: { id: uuidv7(), comentario: 'Nota', es_interno: true } }),
  },
  'ppsh.adjuntarDocumento': {
    permiso: 'documento.subir',
    args: (o) => ({
      solicitudId: o.solicitud,
      documento: { id: uuidv7(), sha256: o.sha256, nombre_archivo: 'copia.pdf', tipo_documento_texto: 'Pasaporte' },
    }),
  },
  'ppsh.verificarDocumento': {
    permiso: 'documento.verificar',
    args: (o) => ({ documentoId: o.documento, verificacion: { estado: 'VERIFICADO' } }),
  },
  'ppsh.programarEntrevista': {
    permiso: 'entrevista.gestionar',
    args: (o) => ({
      solicitudId: o.solicitud,
      entrevista: { id: uuidv7(), fecha_programada: new Date(Date.now() + 9 * 86_400_000).toISOString() },
    }),
  },
  'ppsh.registrarPago': {
    permiso: 'pago.registrar',
    args: (o) => ({
      solicitudId: o.solicitud,
      pago: { id: uuidv7(), tipo_concepto: conceptoPago, metodo_pago: 'EFECTIVO' },
    }),
  },
};
let conceptoPago = '';
/** Cells answered "retry later": none may be, every cell's outcome is deterministic (asserted on its own below). */
const reintentables: string[] = [];

describe('matriz de comandos de sincronización (lista de comandos × rol × oficina)', () => {
  it('lo permitido se aplica, lo demás se rechaza sin tocar ninguna fila (salvo el resultado guardado)', async () => {
    conceptoPago = (await esc.s.db.selectFrom('ppsh_conceptos_pago').select('cod_concepto').executeTakeFirstOrThrow())
      .cod_concepto;
    const g = new Generador(prng(9), [esc.ids[OFICINA_PROPIA]]);
    const problemas: string[] = [];
    for (const nombre of NOMBRES_COMANDO)
      for (const rol of ROLES as readonly Rol[])
        for (const oficina of OFICINAS) {
          const def = COMANDOS_VALIDOS[nombre];
          const o = objetivos[oficina];
          const args = def
            ? (def.args as (o: Objetivo, of: Oficina) => unknown)(o, oficina)
            : g.valor(z.toJSONSchema(COMANDOS[nombre], { unrepresentable: 'any', io: 'input' }) as never, 0);
          // Generated args name rows of the target office wherever the schema has an id field.
          const conIds = JSON.parse(
            JSON.stringify(args).replace(
              /"(solicitudId|instanciaId|documentoId|entrevistaId|solicitanteId)":"[^"]*"/g,
              (_m, k: string) => `"${k}":"${o[k.replace('Id', '') as keyof Objetivo] ?? o.solicitud}"`,
            ),
          );
          const antes = esc.vigia.huella(['sync_mutaciones']);
          const r = await cliente(esc.token(rol, OFICINA_PROPIA)).post(`${esc.s.api}/sync/push`, {
            clientId: `matriz-${rol}`,
            comandos: [{ mutationId: uuidv7(), clientId: `matriz-${rol}`, name: nombre, args: conIds }],
          });
          const res = r.body?.resultados?.[0];
          const celda = `${nombre} como ${rol} sobre la oficina ${oficina} → ${r.status} ${JSON.stringify(res ?? r.body).slice(0, 200)}`;
          if (r.status !== 200 || !res) {
            problemas.push(`push no respondió 200: ${celda}`);
            continue;
          }
          const ajena = oficina === OFICINA_AJENA && nombre !== 'ppsh.registrar' && rol !== 'ADMIN';
          if (ajena && res.status === 'applied') problemas.push(`se aplicó sobre otra oficina: ${celda}`);
          if (res.status !== 'applied' && esc.vigia.huella(['sync_mutaciones']) !== antes)
            problemas.push(`un comando no aplicado cambió filas: ${celda}`);
          if (res.reintentable) reintentables.push(celda);
          if (!def) continue;
          const permitido = tienePermiso(rol, def.permiso) && (oficina === OFICINA_PROPIA || rol === 'ADMIN' || !ajena);
          if (permitido && res.status !== 'applied') problemas.push(`permitido y no se aplicó: ${celda}`);
          if (!permitido && res.status === 'applied') problemas.push(`no permitido y se aplicó: ${celda}`);
          if (!tienePermiso(rol, def.permiso) && res.code !== 'PERMISO_DENEGADO' && oficina === OFICINA_PROPIA)
            problemas.push(`sin permiso debía ser PERMISO_DENEGADO: ${celda}`);
        }
    expect(problemas, problemas.slice(0, 20).join('\n')).toEqual([]);
  }, 180_000);

  it('ninguna celda queda como reintentable: un caso de otra oficina es un rechazo guardado (issue 8, ítems 1 y 6)', () => {
    expect(reintentables, reintentables.join('\n')).toEqual([]);
  });
});

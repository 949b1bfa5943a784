/**
 * The permission matrix, PINNED BY HAND: who may do what (role × action) and who moves which PPSH state, written below
 * from the README's role table ("qué hace") and its "Quién mueve cada estado" (docs/decisiones.md §2, §3 and §6 say the
 * same in detail). Nothing here reads shared/src/roles.ts, the state table of shared/src/ppsh/estados.ts or the
 * permission a route declares: a grant changed there fails a cell here, and the change needs a deliberate edit of
 * MATRIZ, MOVIMIENTOS or RUTAS. Every route of the server's route table must have its line in RUTAS.
 *
 * Around the grants, the same walk checks what no table can grant: another office's row answers exactly like a row that
 * does not exist (only ADMIN sees every office), a refused request writes nothing, nothing answers 5xx.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Rol } from '#shared/roles';
import { z } from 'zod';
import { COMANDOS, NOMBRES_COMANDO, type ArgsComando, type NombreComando } from '#shared/sync/protocolo';
import { prng } from '../../server/src/demo/generador.js';
import { cliente, type Respuesta } from '../helpers/http.js';
import { formulario, pdfReal, plantillaTresEtapas, solicitud, titular } from '../helpers/datos.js';
import { OFICINA_AJENA, OFICINA_PROPIA, iniciarEscenario, type Escenario, type Oficina } from './escenario.js';
import { Generador, operacionesDe, type Operacion } from './fuzzer.js';

/** The README's five roles, in its order. A sixth role in roles.ts fails the first test until it gets its column. */
const COLUMNAS = ['RECEPCION', 'ANALISTA', 'SUPERVISOR', 'ADMIN', 'CONSULTA'] as const satisfies readonly Rol[];
const fila = (...si: [boolean, boolean, boolean, boolean, boolean]) =>
  Object.fromEntries(COLUMNAS.map((rol, i) => [rol, si[i]])) as Record<Rol, boolean>;
const S = true;
const N = false;

/**
 * Role × action, by hand. README: RECEPCION registra en ventanilla, completa trámites y entrega; ANALISTA revisa,
 * verifica, entrevista y dictamina; SUPERVISOR aprueba, rechaza o devuelve y asigna; ADMIN es TI (usuarios y
 * plantillas) y ve todas las oficinas; CONSULTA solo lee. decisiones.md §6: asignan SUPERVISOR y ADMIN.
 */
const MATRIZ = {
  //                                   RECEPCION ANALISTA SUPERVISOR ADMIN CONSULTA
  'ver expedientes': /*             */ fila(S, S, S, S, S),
  'ver pagos': /*                   */ fila(S, S, S, S, S),
  'ver comentarios internos': /*    */ fila(S, S, S, S, N),
  'registrar expediente': /*        */ fila(S, S, N, S, N),
  'editar expediente': /*           */ fila(S, S, N, S, N),
  'corregir solicitante': /*        */ fila(S, S, N, S, N),
  asignar: /*                       */ fila(N, N, S, S, N),
  'subir documento': /*             */ fila(S, S, N, S, N),
  'verificar documento': /*         */ fila(N, S, S, S, N),
  'programar entrevista': /*        */ fila(N, S, S, S, N),
  comentar: /*                      */ fila(S, S, S, S, N),
  'registrar pago': /*              */ fila(S, N, N, S, N),
  'ver estadísticas y reportes': /* */ fila(N, S, S, S, S),
  'cola de aprobación': /*          */ fila(N, N, S, S, N),
  'editar plantillas': /*           */ fila(N, N, N, S, N),
  'ver otras oficinas': /*          */ fila(N, N, N, S, N),
} satisfies Record<string, Record<Rol, boolean>>;
type Accion = keyof typeof MATRIZ;
const puede = (rol: Rol, accion: Accion) => MATRIZ[accion][rol];

/** What a route is, for the walk: an action of MATRIZ, or open to every officer for the reason given. */
type Uso = Accion | 'su propia sesión' | 'catálogo' | 'perfil de la plantilla (docs/workflow.md)' | 'escritorio';
const RUTAS: Record<string, Uso> = {
  'GET /auth/me': 'su propia sesión',
  'GET /auth/sesiones': 'su propia sesión',
  'POST /auth/sesiones/cerrar': 'su propia sesión',
  'POST /auth/cambiar-password': 'su propia sesión',
  'GET /auth/avisos': 'su propia sesión',
  'POST /auth/avisos/leidos': 'su propia sesión',
  'GET /catalogos/agencias': 'catálogo',
  'GET /catalogos/secciones': 'catálogo',
  'GET /catalogos/paises': 'catálogo',
  'GET /catalogos/sexos': 'catálogo',
  'GET /catalogos/estados-civiles': 'catálogo',
  'GET /ppsh/catalogos/causas-humanitarias': 'catálogo',
  'GET /ppsh/catalogos/estados': 'catálogo',
  'GET /ppsh/catalogos/tipos-documento': 'catálogo',
  'GET /ppsh/catalogos/conceptos-pago': 'catálogo',
  'POST /ppsh/solicitudes': 'registrar expediente',
  'GET /ppsh/solicitudes': 'ver expedientes',
  'GET /ppsh/solicitudes/{id}': 'ver expedientes',
  'PUT /ppsh/solicitudes/{id}': 'editar expediente',
  'PATCH /ppsh/solicitantes/{id}': 'corregir solicitante',
  'POST /ppsh/solicitudes/{id}/asignar': 'asignar',
  // Who moves each state: MOVIMIENTOS below.
  'POST /ppsh/solicitudes/{id}/cambiar-estado': 'ver expedientes',
  'GET /ppsh/solicitudes/{id}/historial': 'ver expedientes',
  'POST /ppsh/solicitudes/{id}/documentos': 'subir documento',
  'GET /ppsh/documentos/{id}/archivo': 'ver expedientes',
  'PATCH /ppsh/documentos/{id}/verificar': 'verificar documento',
  'POST /ppsh/solicitudes/{id}/entrevistas': 'programar entrevista',
  'GET /ppsh/solicitudes/{id}/entrevistas': 'ver expedientes',
  'PUT /ppsh/entrevistas/{id}': 'programar entrevista',
  'POST /ppsh/solicitudes/{id}/comentarios': 'comentar',
  'GET /ppsh/solicitudes/{id}/comentarios': 'ver expedientes',
  'POST /ppsh/solicitudes/{id}/pagos': 'registrar pago',
  'GET /ppsh/solicitudes/{id}/pagos': 'ver pagos',
  'GET /ppsh/estadisticas': 'ver estadísticas y reportes',
  'POST /workflow/workflows': 'editar plantillas',
  'GET /workflow/workflows': 'ver expedientes',
  'GET /workflow/workflows/{id}': 'ver expedientes',
  'PUT /workflow/workflows/{id}': 'editar plantillas',
  'DELETE /workflow/workflows/{id}': 'editar plantillas',
  'POST /workflow/etapas': 'editar plantillas',
  'GET /workflow/etapas/{id}': 'ver expedientes',
  'PUT /workflow/etapas/{id}': 'editar plantillas',
  'DELETE /workflow/etapas/{id}': 'editar plantillas',
  'POST /workflow/preguntas': 'editar plantillas',
  'GET /workflow/preguntas/{id}': 'ver expedientes',
  'PUT /workflow/preguntas/{id}': 'editar plantillas',
  'DELETE /workflow/preguntas/{id}': 'editar plantillas',
  'POST /workflow/conexiones': 'editar plantillas',
  'GET /workflow/conexiones/{id}': 'ver expedientes',
  'PUT /workflow/conexiones/{id}': 'editar plantillas',
  'DELETE /workflow/conexiones/{id}': 'editar plantillas',
  'POST /workflow/instancias': 'perfil de la plantilla (docs/workflow.md)',
  'GET /workflow/instancias': 'ver expedientes',
  'GET /workflow/instancias/{id}': 'ver expedientes',
  'PUT /workflow/instancias/{id}': 'perfil de la plantilla (docs/workflow.md)',
  'POST /workflow/instancias/{id}/respuestas': 'perfil de la plantilla (docs/workflow.md)',
  'POST /workflow/instancias/{id}/transicion': 'perfil de la plantilla (docs/workflow.md)',
  'POST /workflow/instancias/{id}/comentarios': 'comentar',
  'GET /workflow/instancias/{id}/comentarios': 'ver expedientes',
  'GET /workflow/instancias/{id}/historial': 'ver expedientes',
  'GET /casos': 'ver expedientes',
  'GET /casos/cola-aprobacion': 'cola de aprobación',
  'GET /casos/exportar': 'ver expedientes',
  'GET /reportes/resumen': 'ver estadísticas y reportes',
  'GET /reportes/resumen/exportar': 'ver estadísticas y reportes',
  'GET /sync/pull': 'ver expedientes',
  // Each command inside a push is held to MATRIZ: the command matrix below.
  'POST /sync/push': 'escritorio',
  'GET /sync/archivos/{sha256}/estado': 'subir documento',
  'PUT /sync/archivos/{sha256}': 'subir documento',
  'GET /sync/archivos/{sha256}': 'ver expedientes',
  // A desk's error report (every officer's desk sends its own).
  'POST /errores': 'escritorio',
};
const esAccion = (u: Uso | undefined): u is Accion => u !== undefined && u in MATRIZ;
/** Routes that check the officer's password again: a wrong one is counted, a write on refusal by design. */
const PIDEN_PASSWORD = new Set(['/auth/cambiar-password', '/auth/sesiones/cerrar']);

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

describe('la tabla a mano cubre lo que el servidor ofrece', () => {
  it('los roles de roles.ts son las cinco columnas; cada ruta de la tabla de rutas tiene su línea en RUTAS', () => {
    expect([...ROLES].sort()).toEqual([...COLUMNAS].sort());
    const sinLinea = esc.s.app.api.rutas
      .filter((r) => !r.publica)
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .filter((k) => !(k in RUTAS));
    expect(sinLinea, 'rutas nuevas: decida quién puede usarlas y escríbalo en RUTAS').toEqual([]);
  });
});

describe('matriz de permisos REST (tabla de rutas × rol × oficina)', () => {
  it('cada denegación no escribe nada; la tabla a mano se cumple; otra oficina nunca se ve; lo permitido responde', async () => {
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
          // A wrong password typed again counts toward the login throttle, by design (a login does the same).
          if (r.status >= 400 && !PIDEN_PASSWORD.has(ruta.path)) {
            const cambios = esc.vigia.cambios();
            if (cambios.length) problemas.push(`una denegación cambió ${cambios.join(' y ')}: ${celda}`);
          }
          const uso = RUTAS[`${ruta.method.toUpperCase()} ${ruta.path}`];
          const negada = esAccion(uso) && !puede(rol, uso);
          // A read is refused before anything else; a write may first fail its (generated) body, never succeed.
          if (negada && ruta.method === 'get' && r.status !== 403) problemas.push(`${uso}: debía ser 403: ${celda}`);
          if (negada && r.status < 400) problemas.push(`${uso} no es de ${rol} y se aceptó: ${celda}`);
          const ajena = oficina === OFICINA_AJENA && nombraOficina && !puede(rol, 'ver otras oficinas');
          // Another office's row must be indistinguishable from a row that does not exist.
          if (ajena && r.status < 400 && (await respuestaSinFila(camino, init)) !== sinIds(r.status, texto))
            problemas.push(`vio o cambió otra oficina: ${celda}`);
          const lecturaPermitida = ruta.method === 'get' && (oficina === OFICINA_PROPIA || !nombraOficina) && !negada;
          if (lecturaPermitida && rol === 'ADMIN' && r.status !== 200) problemas.push(`ADMIN no pudo leer: ${celda}`);
          if (lecturaPermitida && r.status !== 200 && r.status !== 403)
            problemas.push(`lectura permitida que no respondió: ${celda}`);
        }
    expect(celdas).toBe(rutas.length * ROLES.length * OFICINAS.length);
    expect(problemas, problemas.slice(0, 20).join('\n')).toEqual([]);
  }, 180_000);
});

/** A fresh case of the officer's own office for the action and state tables (the walk's cases stay as they were). */
interface CasoDePrueba {
  id: string;
  solicitante: string;
  documento: string;
  ajeno: string;
}

async function casoDePrueba(): Promise<CasoDePrueba> {
  const o = objetivos[OFICINA_PROPIA];
  const recepcion = cliente(esc.token('RECEPCION', OFICINA_PROPIA));
  const caso = await recepcion.post(
    `${esc.s.api}/ppsh/solicitudes`,
    solicitud({ tipo_solicitud: 'INDIVIDUAL', solicitantes: [titular({ num_documento: `VE${uuidv7().slice(-7)}` })] }),
  );
  expect(caso.status, JSON.stringify(caso.body)).toBe(201);
  const documento = await recepcion.post(
    `${esc.s.api}/ppsh/solicitudes/${caso.body.id}/documentos`,
    formulario('cedula.pdf', await pdfReal(`Cédula ${caso.body.id}`), { tipo_documento_texto: 'Cédula' }),
  );
  expect(documento.status, JSON.stringify(documento.body)).toBe(201);
  const interno = await cliente(esc.token('ANALISTA', OFICINA_PROPIA)).post(
    `${esc.s.api}/ppsh/solicitudes/${caso.body.id}/comentarios`,
    { comentario: 'Nota interna de la matriz', es_interno: true },
  );
  expect(interno.status, JSON.stringify(interno.body)).toBe(201);
  expect(o.solicitud).toBeDefined();
  return {
    id: caso.body.id,
    solicitante: caso.body.solicitantes[0].id,
    documento: documento.body.id,
    ajeno: objetivos[OFICINA_AJENA].solicitud,
  };
}

/** A payment concept of the catalogue (read once). */
let conceptoPago = '';

/** How each action of MATRIZ is done, with a valid request; `negada`: what a refusal answers (403 unless said). */
const ACCIONES: Record<
  Accion,
  { pedir: (c: ReturnType<typeof cliente>, x: CasoDePrueba, rol: Rol) => Promise<Respuesta>; negada?: number }
> = {
  'ver expedientes': { pedir: (c, x) => c.get(`${esc.s.api}/ppsh/solicitudes/${x.id}`) },
  'ver pagos': { pedir: (c, x) => c.get(`${esc.s.api}/ppsh/solicitudes/${x.id}/pagos`) },
  'ver comentarios internos': {
    // Everyone reads the comments; an internal one is in the list only for whom MATRIZ says (checked below).
    pedir: (c, x) => c.get(`${esc.s.api}/ppsh/solicitudes/${x.id}/comentarios?incluir_internos=true`),
  },
  'registrar expediente': {
    pedir: (c) =>
      c.post(
        `${esc.s.api}/ppsh/solicitudes`,
        solicitud({
          tipo_solicitud: 'INDIVIDUAL',
          solicitantes: [titular({ num_documento: `VE${uuidv7().slice(-7)}` })],
        }),
      ),
  },
  'editar expediente': {
    pedir: (c, x, rol) =>
      c.put(`${esc.s.api}/ppsh/solicitudes/${x.id}`, { observaciones_generales: `Visto por ${rol}` }),
  },
  'corregir solicitante': {
    pedir: (c, x) => c.patch(`${esc.s.api}/ppsh/solicitantes/${x.solicitante}`, { telefono: '+507-6000-1234' }),
  },
  asignar: {
    pedir: (c, x) =>
      c.post(`${esc.s.api}/ppsh/solicitudes/${x.id}/asignar`, {
        user_id_asignado: objetivos[OFICINA_PROPIA].analista,
      }),
  },
  'subir documento': {
    pedir: async (c, x, rol) =>
      c.post(
        `${esc.s.api}/ppsh/solicitudes/${x.id}/documentos`,
        formulario('pasaporte.pdf', await pdfReal(`Pasaporte de ${rol} ${uuidv7()}`), {
          tipo_documento_texto: 'Pasaporte',
        }),
      ),
  },
  'verificar documento': {
    pedir: (c, x) => c.patch(`${esc.s.api}/ppsh/documentos/${x.documento}/verificar`, { estado: 'VERIFICADO' }),
  },
  'programar entrevista': {
    pedir: (c, x) =>
      c.post(`${esc.s.api}/ppsh/solicitudes/${x.id}/entrevistas`, {
        fecha_programada: new Date(Date.now() + 5 * 86_400_000).toISOString(),
        lugar: 'Sala 2',
      }),
  },
  comentar: {
    pedir: (c, x, rol) =>
      c.post(`${esc.s.api}/ppsh/solicitudes/${x.id}/comentarios`, { comentario: `Nota de ${rol}`, es_interno: false }),
  },
  'registrar pago': {
    pedir: (c, x) =>
      c.post(`${esc.s.api}/ppsh/solicitudes/${x.id}/pagos`, { tipo_concepto: conceptoPago, metodo_pago: 'EFECTIVO' }),
  },
  'ver estadísticas y reportes': { pedir: (c) => c.get(`${esc.s.api}/ppsh/estadisticas`) },
  'cola de aprobación': { pedir: (c) => c.get(`${esc.s.api}/casos/cola-aprobacion`) },
  'editar plantillas': {
    pedir: (c, _x, rol) =>
      c.post(
        `${esc.s.api}/workflow/workflows`,
        plantillaTresEtapas(`MATRIZ_${rol}_${uuidv7().slice(-6).toUpperCase()}`),
      ),
  },
  // Another office's case is, for everyone but ADMIN, a case that does not exist.
  'ver otras oficinas': { pedir: (c, x) => c.get(`${esc.s.api}/ppsh/solicitudes/${x.ajeno}`), negada: 404 },
};

describe('acciones × rol (MATRIZ, escrita a mano)', () => {
  it('cada acción válida se acepta para quien la tabla dice y se niega (sin escribir nada) a los demás', async () => {
    conceptoPago ||= (await esc.s.db.selectFrom('ppsh_conceptos_pago').select('cod_concepto').executeTakeFirstOrThrow())
      .cod_concepto;
    const caso = await casoDePrueba();
    const problemas: string[] = [];
    for (const accion of Object.keys(MATRIZ) as Accion[])
      for (const rol of COLUMNAS) {
        const a = ACCIONES[accion];
        esc.vigia.marcar();
        const r = await a.pedir(cliente(esc.token(rol, OFICINA_PROPIA)), caso, rol);
        const celda = `${accion} como ${rol} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;
        if (accion === 'ver comentarios internos') {
          const internos = (r.body as { es_interno: boolean }[]).filter((c) => c.es_interno).length;
          if (r.status !== 200 || internos > 0 !== puede(rol, accion)) problemas.push(celda);
          continue;
        }
        if (puede(rol, accion)) {
          if (r.status >= 300) problemas.push(`permitida y rechazada: ${celda}`);
          continue;
        }
        const esperado = a.negada ?? 403;
        if (r.status !== esperado) problemas.push(`debía ser ${esperado}: ${celda}`);
        if (esperado === 403 && r.body?.error?.code !== 'PERMISO_DENEGADO')
          problemas.push(`sin PERMISO_DENEGADO: ${celda}`);
        const cambios = esc.vigia.cambios();
        if (cambios.length) problemas.push(`una negación cambió ${cambios.join(' y ')}: ${celda}`);
      }
    expect(problemas, problemas.join('\n')).toEqual([]);
  }, 120_000);
});

/**
 * README "Quién mueve cada estado" (docs/decisiones.md §3 gives each jump): [from, to, who]. A cancel is tried from an
 * early and a late state; the deadline rule of INCOMPLETO → CON_DICTAMEN_DESFAV (3 working days) is §6's, so there the
 * allowed role is only held to "not refused for the role".
 */
const MOVIMIENTOS: [string, string, Rol[]][] = [
  ['RECIBIDO', 'EN_REVISION', ['RECEPCION', 'ANALISTA']],
  ['EN_REVISION', 'INCOMPLETO', ['ANALISTA']],
  ['EN_REVISION', 'EN_VERIFICACION', ['ANALISTA']],
  ['INCOMPLETO', 'SUBSANADO', ['RECEPCION', 'ANALISTA']],
  ['INCOMPLETO', 'CON_DICTAMEN_DESFAV', ['ANALISTA']],
  ['SUBSANADO', 'EN_REVISION', ['ANALISTA']],
  ['EN_VERIFICACION', 'EN_EVALUACION', ['ANALISTA']],
  ['EN_EVALUACION', 'EN_ENTREVISTA', ['ANALISTA']],
  ['EN_EVALUACION', 'CON_DICTAMEN_FAV', ['ANALISTA']],
  ['EN_EVALUACION', 'CON_DICTAMEN_DESFAV', ['ANALISTA']],
  ['EN_ENTREVISTA', 'CON_DICTAMEN_FAV', ['ANALISTA']],
  ['EN_ENTREVISTA', 'CON_DICTAMEN_DESFAV', ['ANALISTA']],
  ['CON_DICTAMEN_FAV', 'EN_APROBACION', ['ANALISTA']],
  ['CON_DICTAMEN_DESFAV', 'EN_APROBACION', ['ANALISTA']],
  ['EN_APROBACION', 'APROBADO', ['SUPERVISOR']],
  ['EN_APROBACION', 'RECHAZADO', ['SUPERVISOR']],
  ['EN_APROBACION', 'EN_EVALUACION', ['SUPERVISOR']],
  ['APROBADO', 'EN_EMISION', ['RECEPCION', 'ANALISTA']],
  ['EN_EMISION', 'RESUELTO', ['RECEPCION']],
  ['RECIBIDO', 'CANCELADO', ['RECEPCION', 'SUPERVISOR']],
  ['EN_APROBACION', 'CANCELADO', ['RECEPCION', 'SUPERVISOR']],
  ['RECHAZADO', 'ARCHIVADO', ['SUPERVISOR', 'ADMIN']],
  ['RESUELTO', 'ARCHIVADO', ['SUPERVISOR', 'ADMIN']],
  ['CANCELADO', 'ARCHIVADO', ['SUPERVISOR', 'ADMIN']],
];

/** What §6 asks a jump to carry besides the state (a reasoned opinion, a resolution number). */
const datosDelSalto = (hacia: string) =>
  hacia === 'CON_DICTAMEN_FAV'
    ? { tipo_dictamen: 'FAVORABLE', dictamen_detalle: 'Cumple los requisitos' }
    : hacia === 'CON_DICTAMEN_DESFAV'
      ? { tipo_dictamen: 'DESFAVORABLE', dictamen_detalle: 'No cumple los requisitos' }
      : hacia === 'APROBADO' || hacia === 'RECHAZADO'
        ? { num_resolucion: `RES-${uuidv7().slice(-6)}` }
        : {};

describe('quién mueve cada estado (MOVIMIENTOS, escrito a mano)', () => {
  it('cada salto lo hace quien la tabla dice; los demás roles reciben PERMISO_DENEGADO sin escribir nada', async () => {
    const caso = await casoDePrueba();
    const problemas: string[] = [];
    for (const [desde, hacia, quienes] of MOVIMIENTOS)
      for (const rol of COLUMNAS) {
        await esc.s.db
          .updateTable('ppsh_solicitudes')
          .set({ estado_actual: desde })
          .where('id', '=', caso.id)
          .execute();
        const { version } = await esc.s.db
          .selectFrom('ppsh_solicitudes')
          .select('version')
          .where('id', '=', caso.id)
          .executeTakeFirstOrThrow();
        esc.vigia.marcar();
        const r = await cliente(esc.token(rol, OFICINA_PROPIA)).post(
          `${esc.s.api}/ppsh/solicitudes/${caso.id}/cambiar-estado`,
          { estado_nuevo: hacia, version, ...datosDelSalto(hacia) },
        );
        const celda = `${desde} → ${hacia} como ${rol} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;
        if (!quienes.includes(rol)) {
          if (r.status !== 403 || r.body?.error?.code !== 'PERMISO_DENEGADO') problemas.push(`debía negarse: ${celda}`);
          const cambios = esc.vigia.cambios();
          if (cambios.length) problemas.push(`una negación cambió ${cambios.join(' y ')}: ${celda}`);
        } else if (desde === 'INCOMPLETO' && hacia === 'CON_DICTAMEN_DESFAV') {
          if (r.body?.error?.code === 'PERMISO_DENEGADO') problemas.push(`negado al rol que lo mueve: ${celda}`);
        } else if (r.status !== 200) problemas.push(`debía aceptarse: ${celda}`);
      }
    expect(problemas, problemas.join('\n')).toEqual([]);
  }, 120_000);
});

/**
 * A valid command per name, on the target office's rows, with its action in MATRIZ (the same action as its REST
 * endpoint). Commands whose outcome also depends on the workflow template or the state
 * machine (workflow.*, ppsh.cambiarEstado, ppsh.registrarResultadoEntrevista) are held only to the office and no-write rules.
 */
const COMANDOS_VALIDOS: Partial<{
  [N in NombreComando]: { accion: Accion; args: (o: Objetivo, oficina: Oficina) => ArgsComando<N> };
}> = {
  'ppsh.registrar': {
    accion: 'registrar expediente',
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
    accion: 'editar expediente',
    args: (o) => ({ solicitudId: o.solicitud, cambios: { observaciones_generales: `Revisado ${uuidv7()}` } }),
  },
  'ppsh.editarSolicitante': {
    accion: 'corregir solicitante',
    args: (o) => ({ solicitanteId: o.solicitante, cambios: { telefono: '+507-6000-9999' } }),
  },
  'ppsh.asignar': {
    accion: 'asignar',
    args: (o) => ({ solicitudId: o.solicitud, user_id_asignado: o.analista }),
  },
  'ppsh.comentar': {
    accion: 'comentar',
    args: (o) => ({ solicitudId: o.solicitud, comentario: { id: uuidv7(), comentario: 'Nota', es_interno: true } }),
  },
  'ppsh.adjuntarDocumento': {
    accion: 'subir documento',
    args: (o) => ({
      solicitudId: o.solicitud,
      documento: { id: uuidv7(), sha256: o.sha256, nombre_archivo: 'copia.pdf', tipo_documento_texto: 'Pasaporte' },
    }),
  },
  'ppsh.verificarDocumento': {
    accion: 'verificar documento',
    args: (o) => ({ documentoId: o.documento, verificacion: { estado: 'VERIFICADO' } }),
  },
  'ppsh.programarEntrevista': {
    accion: 'programar entrevista',
    args: (o) => ({
      solicitudId: o.solicitud,
      entrevista: { id: uuidv7(), fecha_programada: new Date(Date.now() + 9 * 86_400_000).toISOString() },
    }),
  },
  'ppsh.registrarPago': {
    accion: 'registrar pago',
    args: (o) => ({
      solicitudId: o.solicitud,
      pago: { id: uuidv7(), tipo_concepto: conceptoPago, metodo_pago: 'EFECTIVO' },
    }),
  },
};
/** Cells answered "retry later": none may be, every cell's outcome is deterministic (asserted on its own below). */
const reintentables: string[] = [];

/** Written by every push whatever its outcome: the stored outcomes and the desk's last contact (docs/sync.md). */
const BITACORA_DEL_ESCRITORIO = ['sync_mutaciones', 'sync_escritorios'];

describe('matriz de comandos de sincronización (lista de comandos × rol × oficina)', () => {
  it('lo permitido se aplica, lo demás se rechaza sin tocar ninguna fila (salvo el resultado guardado)', async () => {
    conceptoPago ||= (await esc.s.db.selectFrom('ppsh_conceptos_pago').select('cod_concepto').executeTakeFirstOrThrow())
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
          const antes = esc.vigia.huella(BITACORA_DEL_ESCRITORIO);
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
          const ajena = oficina === OFICINA_AJENA && nombre !== 'ppsh.registrar' && !puede(rol, 'ver otras oficinas');
          if (ajena && res.status === 'applied') problemas.push(`se aplicó sobre otra oficina: ${celda}`);
          if (res.status !== 'applied' && esc.vigia.huella(BITACORA_DEL_ESCRITORIO) !== antes)
            problemas.push(`un comando no aplicado cambió filas: ${celda}`);
          if (res.reintentable) reintentables.push(celda);
          if (!def) continue;
          const permitido = puede(rol, def.accion) && (oficina === OFICINA_PROPIA || !ajena);
          if (permitido && res.status !== 'applied') problemas.push(`permitido y no se aplicó: ${celda}`);
          if (!permitido && res.status === 'applied') problemas.push(`no permitido y se aplicó: ${celda}`);
          if (!puede(rol, def.accion) && res.code !== 'PERMISO_DENEGADO' && oficina === OFICINA_PROPIA)
            problemas.push(`sin permiso debía ser PERMISO_DENEGADO: ${celda}`);
        }
    expect(problemas, problemas.slice(0, 20).join('\n')).toEqual([]);
  }, 180_000);

  it('ninguna celda queda como reintentable: un caso de otra oficina es un rechazo guardado (issue 8, ítems 1 y 6)', () => {
    expect(reintentables, reintentables.join('\n')).toEqual([]);
  });
});

/**
 * The API contract (docs/contrato-api.md): every operation of /openapi.json gets a valid request with the right role's
 * token against a real server and SQLite file, and its response must match the schema its route declares, strictly (a
 * field added or renamed without the schema fails here). The walk iterates the document: a route without a request in
 * PETICIONES fails the suite.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ErrorRespuesta } from '#shared/codigos-error';
import { esDescarga, type AccesoRuta } from '../../server/src/http/api.js';
import { pdfReal, reportesDeError, solicitud } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

const USUARIOS = ['recepcion', 'analista', 'supervisor', 'admin'] as const;
type Usuario = (typeof USUARIOS)[number];

interface Contestacion {
  status: number;
  tipo: string;
  cuerpo: unknown;
}

/** A valid request for one operation: who sends it, the concrete path, query and body; `guardar` keeps what later requests need. */
interface Peticion {
  /** undefined: a public operation, sent without token. */
  como?: Usuario;
  ruta?: () => string;
  query?: Record<string, string>;
  body?: () => unknown;
  /** Raw bytes (sync upload) instead of JSON. */
  bytes?: () => Buffer;
  guardar?: (cuerpo: never) => void;
}

let s: ServidorDePrueba;
const tokens = {} as Record<Usuario, string>;
let documento: OpenApi;
let pdf: Buffer;
const sha = () => createHash('sha256').update(pdf).digest('hex');

/** What the story creates as it goes: the walk is one officer's day, each request on rows the earlier ones made. */
const ids = {
  refresh: '',
  otraSesion: '',
  avisos: [] as string[],
  analista: '',
  solicitud: '',
  solicitante: '',
  documento: '',
  entrevista: '',
  workflow: '',
  instancia: '',
  etapa: '',
  pregunta: '',
  conexion: '',
};
let detalleSolicitud: Record<string, unknown>;

const uuid = (cuerpo: unknown) => (cuerpo as { id: string }).id;

/** A minimal valid template: one question at the initial stage and a default path to the final one. */
const plantilla = () => ({
  codigo: `CONTRATO_${Date.now()}`,
  nombre: 'Trámite del contrato',
  perfiles_creadores: ['RECEPCIONISTA'],
  // A draft may be edited part by part while incomplete; the PUT below activates it (validated whole).
  estado: 'BORRADOR',
  etapas: [
    {
      codigo: 'INICIO',
      nombre: 'Inicio',
      orden: 1,
      perfiles_permitidos: ['RECEPCIONISTA'],
      es_etapa_inicial: true,
      preguntas: [
        { codigo: 'OK', pregunta: '¿Conforme?', tipo_pregunta: 'LISTA', opciones: ['SI', 'NO'], es_obligatoria: true },
      ],
    },
    { codigo: 'FIN', nombre: 'Fin', orden: 2, perfiles_permitidos: ['ANALISTA'], es_etapa_final: true },
  ],
  conexiones: [{ etapa_origen: 'INICIO', etapa_destino: 'FIN', es_predeterminada: true }],
});

const catalogo = (): Peticion => ({ como: 'recepcion' });

/** One entry per operation (`método ruta`, as the route table declares it), in the order the story runs them. */
const PETICIONES: [string, Peticion][] = [
  [
    'post /auth/login',
    {
      body: () => ({ username: 'recepcion', password: 'demo2026' }),
      guardar: (c: { refresh_token: string }) => (ids.refresh = c.refresh_token),
    },
  ],
  ['post /auth/refresh', { body: () => ({ refresh_token: ids.refresh }) }],
  ['get /auth/me', { como: 'analista', guardar: (c: { id: string }) => (ids.analista = c.id) }],
  ['get /ppsh/health', {}],
  ['get /catalogos/agencias', catalogo()],
  ['get /catalogos/secciones', catalogo()],
  ['get /catalogos/paises', catalogo()],
  ['get /catalogos/sexos', catalogo()],
  ['get /catalogos/estados-civiles', catalogo()],
  ['get /ppsh/catalogos/causas-humanitarias', catalogo()],
  ['get /ppsh/catalogos/estados', catalogo()],
  ['get /ppsh/catalogos/tipos-documento', catalogo()],
  ['get /ppsh/catalogos/conceptos-pago', catalogo()],

  [
    'post /ppsh/solicitudes',
    {
      como: 'recepcion',
      body: () => solicitud(),
      guardar: (c: { id: string; solicitantes: { id: string; es_titular: boolean }[] }) => {
        ids.solicitud = c.id;
        ids.solicitante = c.solicitantes.find((p) => !p.es_titular)!.id;
      },
    },
  ],
  ['get /ppsh/solicitudes', { como: 'analista', query: { buscar: 'Pérez', page_size: '5' } }],
  [
    'get /ppsh/solicitudes/{id}',
    { como: 'analista', ruta: () => `/ppsh/solicitudes/${ids.solicitud}`, guardar: (c) => (detalleSolicitud = c) },
  ],
  [
    'put /ppsh/solicitudes/{id}',
    {
      como: 'recepcion',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}`,
      body: () => ({ prioridad: 'ALTA' }),
    },
  ],
  [
    'patch /ppsh/solicitantes/{id}',
    {
      como: 'recepcion',
      ruta: () => `/ppsh/solicitantes/${ids.solicitante}`,
      body: () => ({ ocupacion: 'Estudiante' }),
    },
  ],
  [
    'post /ppsh/solicitudes/{id}/asignar',
    {
      como: 'supervisor',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}/asignar`,
      body: () => ({ user_id_asignado: ids.analista }),
    },
  ],
  [
    'post /ppsh/solicitudes/{id}/cambiar-estado',
    {
      como: 'recepcion',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}/cambiar-estado`,
      body: () => ({ estado_nuevo: 'EN_REVISION' }),
    },
  ],
  [
    'get /ppsh/solicitudes/{id}/historial',
    { como: 'analista', ruta: () => `/ppsh/solicitudes/${ids.solicitud}/historial` },
  ],
  [
    'post /ppsh/solicitudes/{id}/documentos',
    {
      como: 'recepcion',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}/documentos`,
      body: () => {
        const f = new FormData();
        f.append('cod_tipo_documento', '3');
        f.append('archivo', new Blob([new Uint8Array(pdf)]), 'Pasaporte.pdf');
        return f;
      },
      guardar: (c) => (ids.documento = uuid(c)),
    },
  ],
  ['get /ppsh/documentos/{id}/archivo', { como: 'analista', ruta: () => `/ppsh/documentos/${ids.documento}/archivo` }],
  [
    'patch /ppsh/documentos/{id}/verificar',
    {
      como: 'analista',
      ruta: () => `/ppsh/documentos/${ids.documento}/verificar`,
      body: () => ({ estado: 'VERIFICADO', observaciones: 'Copia conforme' }),
    },
  ],
  [
    'post /ppsh/solicitudes/{id}/entrevistas',
    {
      como: 'analista',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}/entrevistas`,
      body: () => ({
        fecha_programada: new Date(Date.now() + 86_400_000).toISOString(),
        lugar: 'Oficina Central, ventanilla 4',
      }),
      guardar: (c) => (ids.entrevista = uuid(c)),
    },
  ],
  [
    'get /ppsh/solicitudes/{id}/entrevistas',
    { como: 'analista', ruta: () => `/ppsh/solicitudes/${ids.solicitud}/entrevistas` },
  ],
  [
    'put /ppsh/entrevistas/{id}',
    {
      como: 'analista',
      ruta: () => `/ppsh/entrevistas/${ids.entrevista}`,
      body: () => ({ asistio: true, resultado: 'FAVORABLE', acta_entrevista: 'Confirma los hechos.' }),
    },
  ],
  [
    'post /ppsh/solicitudes/{id}/comentarios',
    {
      como: 'supervisor',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}/comentarios`,
      body: () => ({ comentario: 'Revisar antecedentes', es_interno: true }),
    },
  ],
  [
    'get /ppsh/solicitudes/{id}/comentarios',
    { como: 'analista', ruta: () => `/ppsh/solicitudes/${ids.solicitud}/comentarios` },
  ],
  [
    'post /ppsh/solicitudes/{id}/pagos',
    {
      como: 'recepcion',
      ruta: () => `/ppsh/solicitudes/${ids.solicitud}/pagos`,
      body: () => ({ tipo_concepto: 'PPSH_INICIAL', metodo_pago: 'CHEQUE', num_cheque: '000123', num_recibo: 'R-1' }),
    },
  ],
  ['get /ppsh/solicitudes/{id}/pagos', { como: 'recepcion', ruta: () => `/ppsh/solicitudes/${ids.solicitud}/pagos` }],
  ['get /ppsh/estadisticas', { como: 'supervisor' }],

  ['post /workflow/workflows', { como: 'admin', body: plantilla, guardar: (c) => (ids.workflow = uuid(c)) }],
  ['get /workflow/workflows', { como: 'analista' }],
  ['get /workflow/workflows/{id}', { como: 'analista', ruta: () => `/workflow/workflows/${ids.workflow}` }],
  [
    'post /workflow/etapas',
    {
      como: 'admin',
      body: () => ({
        workflow_id: ids.workflow,
        codigo: 'EXTRA',
        nombre: 'Extra',
        orden: 3,
        perfiles_permitidos: ['ANALISTA'],
        es_etapa_final: true,
      }),
      guardar: (c) => (ids.etapa = uuid(c)),
    },
  ],
  ['get /workflow/etapas/{id}', { como: 'analista', ruta: () => `/workflow/etapas/${ids.etapa}` }],
  [
    'put /workflow/etapas/{id}',
    { como: 'admin', ruta: () => `/workflow/etapas/${ids.etapa}`, body: () => ({ nombre: 'Extra revisada' }) },
  ],
  [
    'post /workflow/preguntas',
    {
      como: 'admin',
      body: () => ({ etapa_id: ids.etapa, codigo: 'NOTA', pregunta: 'Nota', tipo_pregunta: 'RESPUESTA_TEXTO' }),
      guardar: (c) => (ids.pregunta = uuid(c)),
    },
  ],
  ['get /workflow/preguntas/{id}', { como: 'analista', ruta: () => `/workflow/preguntas/${ids.pregunta}` }],
  [
    'put /workflow/preguntas/{id}',
    { como: 'admin', ruta: () => `/workflow/preguntas/${ids.pregunta}`, body: () => ({ pregunta: 'Nota final' }) },
  ],
  [
    'post /workflow/conexiones',
    {
      como: 'admin',
      body: () => ({
        workflow_id: ids.workflow,
        etapa_origen: 'INICIO',
        etapa_destino: 'EXTRA',
        tipo_conexion: 'CONDICIONAL',
        condicion: { pregunta: 'OK', valor: 'NO' },
      }),
      guardar: (c) => (ids.conexion = uuid(c)),
    },
  ],
  ['get /workflow/conexiones/{id}', { como: 'analista', ruta: () => `/workflow/conexiones/${ids.conexion}` }],
  [
    'put /workflow/conexiones/{id}',
    { como: 'admin', ruta: () => `/workflow/conexiones/${ids.conexion}`, body: () => ({ nombre: 'No conforme' }) },
  ],
  ['delete /workflow/conexiones/{id}', { como: 'admin', ruta: () => `/workflow/conexiones/${ids.conexion}` }],
  ['delete /workflow/preguntas/{id}', { como: 'admin', ruta: () => `/workflow/preguntas/${ids.pregunta}` }],
  ['delete /workflow/etapas/{id}', { como: 'admin', ruta: () => `/workflow/etapas/${ids.etapa}` }],
  [
    'put /workflow/workflows/{id}',
    {
      como: 'admin',
      ruta: () => `/workflow/workflows/${ids.workflow}`,
      body: () => ({ descripcion: 'Contrato', estado: 'ACTIVO' }),
    },
  ],
  [
    'post /workflow/instancias',
    {
      como: 'recepcion',
      body: () => ({ workflow_id: ids.workflow, nombre_instancia: 'Trámite de contrato' }),
      guardar: (c) => (ids.instancia = uuid(c)),
    },
  ],
  ['get /workflow/instancias', { como: 'analista' }],
  ['get /workflow/instancias/{id}', { como: 'analista', ruta: () => `/workflow/instancias/${ids.instancia}` }],
  [
    'put /workflow/instancias/{id}',
    { como: 'recepcion', ruta: () => `/workflow/instancias/${ids.instancia}`, body: () => ({ prioridad: 'ALTA' }) },
  ],
  [
    'post /workflow/instancias/{id}/respuestas',
    {
      como: 'recepcion',
      ruta: () => `/workflow/instancias/${ids.instancia}/respuestas`,
      body: () => ({ respuestas: { OK: 'SI' } }),
    },
  ],
  [
    'post /workflow/instancias/{id}/transicion',
    {
      como: 'recepcion',
      ruta: () => `/workflow/instancias/${ids.instancia}/transicion`,
      body: () => ({ respuestas: { OK: 'SI' } }),
    },
  ],
  [
    'post /workflow/instancias/{id}/comentarios',
    {
      como: 'analista',
      ruta: () => `/workflow/instancias/${ids.instancia}/comentarios`,
      body: () => ({ comentario: 'Expediente completo', es_interno: false }),
    },
  ],
  [
    'get /workflow/instancias/{id}/comentarios',
    { como: 'analista', ruta: () => `/workflow/instancias/${ids.instancia}/comentarios` },
  ],
  [
    'get /workflow/instancias/{id}/historial',
    { como: 'analista', ruta: () => `/workflow/instancias/${ids.instancia}/historial` },
  ],
  ['delete /workflow/workflows/{id}', { como: 'admin', ruta: () => `/workflow/workflows/${ids.workflow}` }],

  ['get /casos', { como: 'analista', query: { page_size: '10' } }],
  ['get /casos/cola-aprobacion', { como: 'supervisor' }],
  ['get /casos/exportar', { como: 'analista', query: { formato: 'csv' } }],
  ['get /reportes/resumen', { como: 'supervisor' }],
  ['get /reportes/resumen/exportar', { como: 'supervisor', query: { formato: 'xlsx' } }],

  ['get /sync/pull', { como: 'recepcion', query: { limit: '50', contar: 'true' } }],
  [
    'post /sync/push',
    {
      como: 'recepcion',
      body: () => ({
        clientId: 'contrato',
        comandos: [
          {
            mutationId: uuidv7(),
            clientId: 'contrato',
            name: 'ppsh.comentar',
            args: { solicitudId: ids.solicitud, comentario: { id: uuidv7(), comentario: 'Desde el escritorio' } },
          },
        ],
      }),
    },
  ],
  ['put /sync/archivos/{sha256}', { como: 'recepcion', ruta: () => `/sync/archivos/${sha()}`, bytes: () => pdf }],
  ['get /sync/archivos/{sha256}/estado', { como: 'recepcion', ruta: () => `/sync/archivos/${sha()}/estado` }],
  ['get /sync/archivos/{sha256}', { como: 'recepcion', ruta: () => `/sync/archivos/${sha()}` }],
  [
    'get /auth/sesiones',
    {
      como: 'recepcion',
      guardar: (c: { sesiones: { id: string; actual: boolean }[] }) =>
        (ids.otraSesion = c.sesiones.find((x) => !x.actual)!.id),
    },
  ],
  ['post /auth/sesiones/cerrar', { como: 'recepcion', body: () => ({ password: 'demo2026', id: ids.otraSesion }) }],
  // Supervisor's last requests: her password changes, every earlier session of hers ends, the answer is her new one.
  [
    'post /auth/cambiar-password',
    {
      como: 'supervisor',
      body: () => ({ actual: 'demo2026', nueva: 'la jefatura aprueba de mañana' }),
      guardar: (c: { access_token: string }) => (tokens.supervisor = c.access_token),
    },
  ],
  [
    'get /auth/avisos',
    { como: 'supervisor', guardar: (c: { avisos: { id: string }[] }) => (ids.avisos = c.avisos.map((a) => a.id)) },
  ],
  ['post /auth/avisos/leidos', { como: 'supervisor', body: () => ({ ids: ids.avisos }) }],
  ['post /errores', { como: 'recepcion', body: reportesDeError }],
  ['post /auth/logout', { como: 'recepcion' }],
];

interface OpenApi {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  components: { schemas: Record<string, unknown> };
}

const PREFIJO = '/api/v1';

/** `método ruta` of every operation in the served document. */
const operacionesDelDocumento = () =>
  Object.entries(documento.paths).flatMap(([ruta, metodos]) =>
    Object.keys(metodos).map((m) => `${m} ${ruta.slice(PREFIJO.length)}`),
  );

async function enviar(clave: string, p: Peticion): Promise<Contestacion> {
  const [metodo, plantillaRuta] = clave.split(' ') as [string, string];
  const url = new URL(`${s.api}${p.ruta?.() ?? plantillaRuta}`);
  for (const [k, v] of Object.entries(p.query ?? {})) url.searchParams.set(k, v);
  const body = p.body?.();
  const headers: Record<string, string> = p.como ? { authorization: `Bearer ${tokens[p.como]}` } : {};
  let cuerpo: Uint8Array | FormData | string | undefined;
  if (p.bytes) {
    headers['content-type'] = 'application/octet-stream';
    cuerpo = new Uint8Array(p.bytes());
  } else if (body instanceof FormData) cuerpo = body;
  else if (body !== undefined || metodo === 'post') {
    headers['content-type'] = 'application/json';
    cuerpo = JSON.stringify(body ?? {});
  }
  const r = await fetch(url, { method: metodo.toUpperCase(), headers, body: cuerpo });
  const tipo = r.headers.get('content-type') ?? '';
  const crudo = Buffer.from(await r.arrayBuffer());
  return {
    status: r.status,
    tipo,
    cuerpo: tipo.startsWith('application/json') ? JSON.parse(crudo.toString('utf8')) : crudo,
  };
}

/** Validates a body with the route's declared schema; the message names each path that failed. */
function validarCuerpo(esquema: z.ZodType, cuerpo: unknown): string[] {
  const r = esquema.safeParse(cuerpo);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(raíz)'}: ${i.message}`);
}

beforeAll(async () => {
  s = await iniciarServidor();
  pdf = await pdfReal('Contrato de la API');
  for (const u of USUARIOS) tokens[u] = (await s.login(u)).access_token;
  documento = (await (await fetch(`${s.url}/openapi.json`)).json()) as OpenApi;
}, 60_000);
afterAll(() => s?.cerrar());

describe('contrato de la API: cada operación del documento responde lo que declara', () => {
  it('cada operación de /openapi.json tiene una petición válida en la tabla, y la tabla no nombra operaciones que no existen', () => {
    const enTabla = new Set(PETICIONES.map(([clave]) => clave));
    const delDocumento = operacionesDelDocumento();
    expect(
      delDocumento.filter((o) => !enTabla.has(o)),
      'operaciones sin petición en PETICIONES',
    ).toEqual([]);
    expect(
      [...enTabla].filter((o) => !delDocumento.includes(o)),
      'peticiones de operaciones inexistentes',
    ).toEqual([]);
  });

  it('cada operación declara su respuesta de éxito y sus errores con el componente ErrorRespuesta', () => {
    expect(documento.components.schemas.ErrorRespuesta).toBeDefined();
    const ref = { $ref: '#/components/schemas/ErrorRespuesta' };
    for (const [ruta, metodos] of Object.entries(documento.paths))
      for (const [metodo, op] of Object.entries(metodos)) {
        const estados = Object.keys(op.responses);
        expect(
          estados.filter((e) => /^2\d\d$/.test(e)),
          `${metodo} ${ruta}`,
        ).toHaveLength(1);
        expect(op.responses.default?.content?.['application/json']?.schema, `${metodo} ${ruta}`).toEqual(ref);
        for (const e of estados.filter((x) => /^[45]\d\d$/.test(x)))
          expect(op.responses[e]!.content?.['application/json']?.schema, `${metodo} ${ruta} ${e}`).toEqual(ref);
      }
  });

  for (const [clave, p] of PETICIONES)
    it(`${clave}: la respuesta real cumple el esquema declarado`, async () => {
      const [metodo, plantillaRuta] = clave.split(' ') as [AccesoRuta['method'], string];
      const ruta = s.app.api.rutas.find((r) => r.method === metodo && r.path === plantillaRuta);
      expect(ruta, `${clave} no está en la tabla de rutas`).toBeDefined();
      const declarada = documento.paths[PREFIJO + plantillaRuta]?.[metodo]?.responses ?? {};
      const estado = Object.keys(declarada).find((e) => /^2\d\d$/.test(e));
      const r = await enviar(clave, p);
      expect(r.status, JSON.stringify(r.cuerpo).slice(0, 500)).toBe(Number(estado));
      if (r.tipo.startsWith('application/json')) p.guardar?.(r.cuerpo as never);
      const esquema = ruta!.respuesta;
      if (esquema === null) {
        expect((r.cuerpo as Buffer).length).toBe(0);
      } else if (esDescarga(esquema)) {
        expect(
          esquema.descarga.some((t) => r.tipo.startsWith(t)),
          `${r.tipo} no está en ${esquema.descarga}`,
        ).toBe(true);
        expect(Object.keys(declarada[estado!]!.content ?? {})).toEqual([...esquema.descarga]);
      } else {
        expect(r.tipo).toMatch(/^application\/json/);
        expect(declarada[estado!]!.content?.['application/json']?.schema).toBeDefined();
        expect(validarCuerpo(esquema, r.cuerpo)).toEqual([]);
      }
    });

  it('autocomprobación: un campo de más, uno renombrado o uno de más anidado hacen fallar la validación', () => {
    const esquema = s.app.api.rutas.find((r) => r.method === 'get' && r.path === '/ppsh/solicitudes/{id}')!
      .respuesta as z.ZodType;
    expect(validarCuerpo(esquema, detalleSolicitud)).toEqual([]);
    expect(validarCuerpo(esquema, { ...detalleSolicitud, campo_nuevo: 1 })).not.toEqual([]);
    const { num_expediente, ...sinNumero } = detalleSolicitud;
    expect(validarCuerpo(esquema, { ...sinNumero, numero_expediente: num_expediente })).not.toEqual([]);
    const [primero, ...resto] = detalleSolicitud.solicitantes as Record<string, unknown>[];
    expect(
      validarCuerpo(esquema, { ...detalleSolicitud, solicitantes: [{ ...primero, extra: true }, ...resto] }),
    ).not.toEqual([]);
  });

  it('un error real cumple ErrorRespuesta', async () => {
    const r = await enviar('get /ppsh/solicitudes/{id}', {
      como: 'analista',
      ruta: () => `/ppsh/solicitudes/${uuidv7()}`,
    });
    expect(r.status).toBe(404);
    expect(validarCuerpo(ErrorRespuesta, r.cuerpo)).toEqual([]);
  });
});

/**
 * The route table as the server registers it, and a walk over it that records which statements each route ran.
 * Routes come from the Express router itself (so a new route is in the table by construction); each must have a visit
 * here. Enum query parameters are expanded from the OpenAPI document: every sort key and every enum filter is sent.
 */
import type { RootOperationNode } from 'kysely';
import { PREFIJO_API } from '../../server/src/app.js';
import type { ServidorDePrueba } from '../helpers/servidor.js';

export type Metodo = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** 'GET /api/v1/casos': method and path as the router has it, parameters in OpenAPI braces. */
export type ClaveRuta = `${Metodo} /${string}`;

interface Capa {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Capa[] };
}

/** Every route the app answers, walked from its Express router (the API router is mounted at PREFIJO_API). */
export function rutasRegistradas(s: ServidorDePrueba): ClaveRuta[] {
  const rutas = new Set<ClaveRuta>();
  const recorrer = (pila: Capa[], prefijo: string) => {
    for (const capa of pila) {
      if (capa.route) {
        const ruta = prefijo + capa.route.path.replace(/:(\w+)/g, '{$1}');
        for (const [m, si] of Object.entries(capa.route.methods))
          if (si && m !== '_all') rutas.add(`${m.toUpperCase() as Metodo} ${ruta}` as ClaveRuta);
      } else if (capa.handle.stack) {
        recorrer(capa.handle.stack, (capa.handle as unknown) === s.app.api.router ? PREFIJO_API : prefijo);
      }
    }
  };
  // Express keeps its router's layers untyped; the shape read here is the one Express 5 (router 2) builds.
  recorrer((s.app.app as unknown as { router: { stack: Capa[] } }).router.stack, '');
  return [...rutas].sort();
}

interface ParametroOpenApi {
  name: string;
  in: string;
  schema?: { enum?: string[] };
}

/** For each route with a query schema: its parameters, with the enum values OpenAPI lists for each. */
export async function parametrosDeConsulta(s: ServidorDePrueba): Promise<Map<ClaveRuta, Map<string, string[]>>> {
  const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: ParametroOpenApi[] }>>;
  };
  const resultado = new Map<ClaveRuta, Map<string, string[]>>();
  for (const [ruta, ops] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(ops)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      if (query.length)
        resultado.set(
          `${m.toUpperCase() as Metodo} ${ruta}` as ClaveRuta,
          new Map(query.map((p) => [p.name, p.schema?.enum ?? []])),
        );
    }
  return resultado;
}

export interface Peticion {
  /** Demo user making the request; none for public routes. */
  como?: string;
  /** A token of its own (a refreshed session), instead of `como`'s. */
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  /** A raw body (document bytes) and its headers. */
  bytes?: Buffer;
  headers?: Record<string, string>;
  /** The status expected (default: any 2xx). */
  estado?: number;
}

export interface Visita {
  clave: ClaveRuta;
  peticion: Peticion;
  status: number;
  sentencias: RootOperationNode[];
}

/** Runs requests against routes and keeps, per request, the statements the server ran meanwhile. */
export class Recorrido {
  readonly visitas: Visita[] = [];
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly s: ServidorDePrueba,
    /** The server's query log, appended to as statements run. */
    private readonly nodos: RootOperationNode[],
  ) {}

  private async token(usuario: string): Promise<string> {
    if (!this.tokens.has(usuario)) this.tokens.set(usuario, (await this.s.login(usuario)).access_token);
    return this.tokens.get(usuario)!;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
  async pedir(clave: ClaveRuta, p: Peticion = {}): Promise<any> {
    const [metodo, plantilla] = clave.split(' ') as [Metodo, string];
    const ruta = plantilla.replace(/\{(\w+)\}/g, (_, n: string) => {
      const v = p.params?.[n];
      if (v === undefined) throw new Error(`${clave}: falta el parámetro ${n}`);
      return encodeURIComponent(v);
    });
    const query = p.query ?? {};
    const url = `${this.s.url}${ruta}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
    const token = p.token ?? (p.como ? await this.token(p.como) : undefined);
    const conCuerpo = metodo !== 'GET' && metodo !== 'DELETE';
    const desde = this.nodos.length;
    const r = await fetch(url, {
      method: metodo,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(conCuerpo && !p.form && !p.bytes ? { 'content-type': 'application/json' } : {}),
        ...p.headers,
      },
      body: !conCuerpo ? undefined : (p.form ?? (p.bytes ? new Uint8Array(p.bytes) : JSON.stringify(p.json ?? {}))),
    });
    const texto = await r.text();
    const esperado = p.estado ?? (r.status >= 200 && r.status < 300 ? r.status : 200);
    if (r.status !== esperado) throw new Error(`${clave} ${JSON.stringify(query)}: ${r.status} ${texto.slice(0, 300)}`);
    this.visitas.push({ clave, peticion: p, status: r.status, sentencias: this.nodos.slice(desde) });
    return /json/.test(r.headers.get('content-type') ?? '') ? JSON.parse(texto) : texto;
  }
}

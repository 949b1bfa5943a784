/**
 * One declaration per endpoint feeds both Express and the OpenAPI document: path, schemas, permission, handler.
 * Handlers get validated input and the caller's context, and return the response body (undefined → 204).
 */
import { OpenAPIRegistry, extendZodWithOpenApi, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { ErrorRespuesta } from '#shared/codigos-error';
import { tienePermiso, type Permiso } from '#shared/roles';
import type { Contexto } from '../contexto.js';
import { AppError, permisoDenegado } from '../error-api.js';
import { validar } from './validar.js';

extendZodWithOpenApi(z);

type Metodo = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface DefRuta<B extends z.ZodType, Q extends z.ZodType, R extends Respuesta> {
  method: Metodo;
  /** OpenAPI style: /ppsh/solicitudes/{id} */
  path: string;
  resumen: string;
  etiqueta: string;
  body?: B;
  query?: Q;
  status?: number;
  /** No token needed (login, refresh). */
  publica?: boolean;
  permiso?: Permiso;
  /** Middleware run after authentication and before validation (an upload parser, a stricter rate limit). */
  antes?: RequestHandler;
  /** Multipart upload: the body schema describes the text fields; the file arrives in req.file. */
  multipart?: boolean;
  /**
   * What a success returns (docs/contrato-api.md): the body's zod schema (strict objects, the same schema the
   * serializer's return type is checked against), `null` for a 204 without body, or a download by its content type.
   */
  respuesta: R;
}

/** A file download: the handler writes the bytes to `res` itself; the document names the content types it may send. */
export interface Descarga {
  descarga: readonly string[];
}
export type Respuesta = z.ZodType | null | Descarga;
export const esDescarga = (r: Respuesta): r is Descarga => r !== null && 'descarga' in r;
const Archivo = z.string().openapi({ type: 'string', format: 'binary' });

/** What a handler may return for its declared response: the schema's input, nothing for a 204 or a download. */
export type Cuerpo<R extends Respuesta> = R extends z.ZodType ? z.input<R> : void;

export interface Entrada<B extends z.ZodType, Q extends z.ZodType> {
  req: Request;
  res: Response;
  body: z.output<B>;
  query: z.output<Q>;
  params: Record<string, string>;
  ctx: Contexto;
}

const Identificador = z.string().min(1).max(64);

/** The multipart parser (busboy) fails with plain Errors on a broken body (no boundary, bad part header, cut short). */
const multipartDelCliente =
  (parser: RequestHandler): RequestHandler =>
  (req, res, next) =>
    parser(req, res, (err?: unknown) =>
      next(
        err === undefined || err instanceof AppError || err instanceof multer.MulterError
          ? err
          : new AppError('PETICION_MALFORMADA', 'El envío multipart está mal formado o incompleto'),
      ),
    );

/** What the route table says about an endpoint's access: the hostile suite derives its permission matrix from it. */
export interface AccesoRuta {
  method: Metodo;
  path: string;
  publica: boolean;
  permiso?: Permiso;
  /** The declared success body: the contract test validates real responses with it. */
  respuesta: Respuesta;
}

export class Api {
  readonly router = express.Router();
  readonly registry = new OpenAPIRegistry();
  readonly rutas: AccesoRuta[] = [];

  constructor(
    private readonly prefijo: string,
    private readonly autenticar: RequestHandler,
    /** Runs after authentication on every non-public route (the per-officer rate limit). */
    private readonly trasAutenticar: RequestHandler[] = [],
  ) {
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    // A copy made after extendZodWithOpenApi (shared/ loads first, its schemas lack .openapi, which register needs).
    this.errorRespuesta = this.registry.register(
      'ErrorRespuesta',
      ErrorRespuesta.meta({ description: 'El único formato de error de la API' }),
    );
  }

  /** The error envelope, registered once as a component: every operation's error responses point at it. */
  private readonly errorRespuesta: typeof ErrorRespuesta;

  /**
   * The operation's responses, derived from its declaration: the success body (or 204, or a file), and the error
   * statuses its shape can produce (401 behind a token, 403 behind a permission, 404 with an {id}, 409 on a versioned
   * edit, 422 with input), all with the one error envelope; `default` covers the rest (limits, 5xx).
   */
  private respuestas(def: DefRuta<z.ZodType, z.ZodType, Respuesta>, conParams: boolean) {
    const error = (description: string) => ({
      description,
      content: { 'application/json': { schema: this.errorRespuesta } },
    });
    const r = def.respuesta;
    const respuestas: Record<string, ResponseConfig> = {};
    if (r === null) respuestas[204] = { description: 'Sin contenido' };
    else
      respuestas[def.status ?? 200] = {
        description: 'Éxito',
        content: esDescarga(r)
          ? Object.fromEntries(r.descarga.map((tipo) => [tipo, { schema: Archivo }]))
          : { 'application/json': { schema: r } },
      };
    if (!def.publica) respuestas[401] = error('Sin sesión o token inválido');
    if (def.permiso) respuestas[403] = error(`Su rol no tiene el permiso ${def.permiso}`);
    if (conParams) respuestas[404] = error('No existe o no está en su oficina');
    if (def.body instanceof z.ZodObject && 'version' in def.body.shape)
      respuestas[409] = error('Otro usuario cambió el registro (versión) o su estado no lo permite');
    if (def.body || def.query || conParams)
      respuestas[422] = error('Datos inválidos: details dice qué campo y por qué');
    respuestas.default = error('Error: {error:{code,message,details?,requestId}}');
    return respuestas;
  }

  ruta<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, R extends Respuesta = Respuesta>(
    def: DefRuta<B, Q, R>,
    handler: (e: Entrada<B, Q>) => Promise<Cuerpo<R>>,
  ): void {
    const nombresParams = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const esMultipart = Boolean(def.multipart);
    this.rutas.push({
      method: def.method,
      path: def.path,
      publica: Boolean(def.publica),
      permiso: def.permiso,
      respuesta: def.respuesta,
    });
    this.registry.registerPath({
      method: def.method,
      path: this.prefijo + def.path,
      summary: def.resumen,
      tags: [def.etiqueta],
      security: def.publica ? [] : [{ bearer: [] }],
      request: {
        ...(nombresParams.length
          ? { params: z.object(Object.fromEntries(nombresParams.map((n) => [n, Identificador]))) }
          : {}),
        ...(def.query ? { query: def.query as unknown as z.ZodObject } : {}),
        ...(def.body
          ? { body: { content: { [esMultipart ? 'multipart/form-data' : 'application/json']: { schema: def.body } } } }
          : {}),
      },
      responses: this.respuestas(def, nombresParams.length > 0),
    });

    const cadena: RequestHandler[] = [];
    if (!def.publica) cadena.push(this.autenticar, ...this.trasAutenticar);
    if (def.permiso) {
      const permiso = def.permiso;
      cadena.push((req, _res, next) => next(tienePermiso(req.ctx!.actor.rol, permiso) ? undefined : permisoDenegado()));
    }
    if (def.antes) cadena.push(esMultipart ? multipartDelCliente(def.antes) : def.antes);
    cadena.push(async (req, res) => {
      const params: Record<string, string> = {};
      for (const n of nombresParams) params[n] = validar(Identificador, req.params[n]);
      const body = def.body ? validar(def.body, req.body ?? {}) : undefined;
      const query = def.query ? validar(def.query, req.query) : undefined;
      const resultado = await handler({ req, res, body, query, params, ctx: req.ctx! } as Entrada<B, Q>);
      if (res.headersSent) return;
      if (resultado === undefined) res.status(204).end();
      else res.status(def.status ?? 200).json(resultado);
    });
    this.router[def.method](def.path.replace(/\{(\w+)\}/g, ':$1'), ...cadena);
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware on every non-public route. */
    ctx?: Contexto;
  }
}

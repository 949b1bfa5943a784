/**
 * One declaration per endpoint feeds both Express and the OpenAPI document: path, schemas, permission, handler.
 * Handlers get validated input and the caller's context, and return the response body (undefined → 204).
 */
import { OpenAPIRegistry, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { tienePermiso, type Permiso } from '#shared/roles';
import type { Contexto } from '../contexto.js';
import { AppError, permisoDenegado } from '../error-api.js';
import { validar } from './validar.js';

extendZodWithOpenApi(z);

type Metodo = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface DefRuta<B extends z.ZodType, Q extends z.ZodType, R extends Respuesta | undefined = undefined> {
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
  respuesta?: R;
}

/** A file download: the handler writes the bytes to `res` itself; the document names the content type. */
export interface Descarga {
  descarga: string;
}
export type Respuesta = z.ZodType | null | Descarga;

/** What a handler may return for its declared response: the schema's input, nothing for a 204 or a download. */
export type Cuerpo<R> = R extends z.ZodType ? z.input<R> : R extends null | Descarga ? void : unknown;

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
  }

  ruta<
    B extends z.ZodType = z.ZodUndefined,
    Q extends z.ZodType = z.ZodUndefined,
    R extends Respuesta | undefined = undefined,
  >(def: DefRuta<B, Q, R>, handler: (e: Entrada<B, Q>) => Promise<Cuerpo<R>>): void {
    const nombresParams = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const esMultipart = Boolean(def.multipart);
    this.rutas.push({ method: def.method, path: def.path, publica: Boolean(def.publica), permiso: def.permiso });
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
      responses: {
        [def.status ?? 200]: { description: 'OK' },
        default: { description: 'Error: {error:{code,message,details?,requestId}}' },
      },
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

/**
 * Caseload pages served from memory (docs/rendimiento-api.md). A page is kept as the JSON bytes already sent, under its
 * key — what of the caller it depends on (office scope, and the officer only for "mine") plus the validated query — and
 * the version it was built at: the request's Revision (change feed and access numbers) and Panama's date (days open,
 * deadlines). A page is served only to a request that reads exactly that version, so it is never older than the
 * database; a write anywhere moves the version and the next request rebuilds.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import { fechaPanama } from '#shared/calendario';
import { tienePermiso } from '#shared/roles';
import type { Actor } from '../contexto.js';
import { Recientes } from './recientes.js';
import type { LectorRevision } from './revision.js';

/**
 * Bytes of JSON kept per process (a 50-row page is about 50 kB; the parsed copy beside it is counted twice over, which
 * also covers its gzipped copy, about a sixth of the JSON).
 */
const BYTES_MAXIMOS = 48 * 1024 * 1024;

interface PaginaGuardada {
  version: string;
  cuerpo: unknown;
  json: Buffer;
  /** The same bytes gzipped, made at the first request that accepts gzip (the desk's client and browsers all do). */
  gzip?: Buffer;
  etag: string;
}

/** Panama's date, formatted at most once a minute: it can only change on a minute boundary (Intl formatting is slow). */
let fecha = { valor: '', hasta: 0 };
function hoyEnPanama(ahora = Date.now()): string {
  if (ahora >= fecha.hasta)
    fecha = { valor: fechaPanama(new Date(ahora)), hasta: (Math.floor(ahora / 60_000) + 1) * 60_000 };
  return fecha.valor;
}

/** The part of the caller a caseload page depends on: every office, or one office's cases. */
export const alcanceDe = (actor: Actor) =>
  tienePermiso(actor.rol, 'todas_las_oficinas') ? 'todas' : `oficina:${actor.cod_agencia}`;

export interface CachePaginas {
  /**
   * Sends the page for `clave` from memory when it is current, otherwise builds it with `construir`, sends and keeps
   * it. Returns the body (the route's declared response type); the response is already sent.
   */
  servir<T>(req: Request, res: Response, clave: readonly unknown[], construir: () => Promise<T>): Promise<T>;
}

export function cachePaginas(revision: LectorRevision, bytesMaximos = BYTES_MAXIMOS): CachePaginas {
  const guardadas = new Recientes<PaginaGuardada>(bytesMaximos, (p) => p.json.length * 3);
  return {
    async servir(req, res, partes, construir) {
      // Read BEFORE building: a page built after a concurrent write is stored under the older version, so the next
      // request (which reads the newer one) rebuilds instead of ever seeing rows older than its version.
      const r = await revision(req);
      const version = `${r.datos}:${r.acceso}:${hoyEnPanama()}`;
      const clave = JSON.stringify(partes);
      let p = guardadas.get(clave);
      const vigente = p?.version === version;
      if (!p || !vigente) {
        const cuerpo = await construir();
        const json = Buffer.from(JSON.stringify(cuerpo));
        const etag = `W/"${json.length.toString(16)}-${crypto.createHash('sha1').update(json).digest('base64url')}"`;
        p = { version, cuerpo, json, etag };
        guardadas.set(clave, p);
      }
      // With the ETag set, Express neither hashes the body again nor misses a 304 for a client that has this page.
      res
        .set('Content-Type', 'application/json; charset=utf-8')
        .set('ETag', p.etag)
        .set('Vary', 'Accept-Encoding')
        .set('X-Cache', vigente ? 'HIT' : 'MISS');
      // Gzipped once per page instead of once per request: the compression middleware leaves an encoded body alone.
      if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
        p.gzip ??= zlib.gzipSync(p.json);
        res.set('Content-Encoding', 'gzip').send(p.gzip);
      } else res.send(p.json);
      return p.cuerpo as Awaited<ReturnType<typeof construir>>;
    },
  };
}

/**
 * The numbers that say whether something this process keeps in memory is still true, read once per request in one
 * cheap query (docs/rendimiento-api.md). Both live in the database, so a write made by ANY process (another cluster
 * worker, the other blue-green colour, the users CLI) moves them at its commit, and the very next request anywhere sees
 * it; correctness never depends on timing or on a message reaching the other processes.
 */
import type { Request } from 'express';
import type { Db } from '../db/connect.js';

export interface Revision {
  /** The change feed's last number (sync_contador): every write to a case, its people or documents moves it. */
  datos: number;
  /** revision_acceso (migration 0026): moved by triggers on every change to a user's access or a session's revocation. */
  acceso: number;
}

/** The request's revision: the first caller reads it, later callers in the same request share that reading. */
export type LectorRevision = (req: Request) => Promise<Revision>;

export function lectorDeRevision(db: Db): LectorRevision {
  // Built and compiled once: it runs on every authenticated request.
  const consulta = db
    .selectNoFrom((eb) => [
      eb.selectFrom('sync_contador').select('seq').where('id', '=', 1).as('datos'),
      eb.selectFrom('revision_acceso').select('revision').where('id', '=', 1).as('acceso'),
    ])
    .compile();
  const leer = async (): Promise<Revision> => {
    const fila = (await db.executeQuery(consulta)).rows[0];
    // bigint columns: numbers on both engines (db/connect.ts); a missing row reads as 0.
    return { datos: Number(fila?.datos ?? 0), acceso: Number(fila?.acceso ?? 0) };
  };
  const porPeticion = new WeakMap<Request, Promise<Revision>>();
  return (req) => {
    let r = porPeticion.get(req);
    if (!r) {
      r = leer();
      porPeticion.set(req, r);
    }
    return r;
  };
}

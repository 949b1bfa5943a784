/**
 * What every use case stands on (modules/ppsh/casos-de-uso/, modules/workflow/casos-de-uso/): the database it reads,
 * the transaction it writes in, and the permission check that opens each command. Office scope is each module's own
 * (solicitudVisible, instanciaVisible in its repo.ts).
 */
import type { z } from 'zod';
import { tienePermiso, type Permiso } from '#shared/roles';
import type { Contexto } from './contexto.js';
import type { Db, Trx } from './db/connect.js';
import { permisoDenegado } from './error-api.js';

/** A command's validated input, as its zod schema outputs it. */
export type In<T extends z.ZodType> = z.output<T>;

export type Lector = Db | Trx;

export interface Entorno {
  /** Where reads go by default: the database, or the sync push's transaction the service was built on. */
  db: Lector;
  /** Runs `fn` in a transaction: a new one, or the one the service was built on. */
  enTransaccion<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
}

export function crearEntorno(db: Lector): Entorno {
  return {
    db,
    // Built on a transaction (a sync push runs each command in the one that records its outcome), it joins that one.
    enTransaccion: (fn) => (db.isTransaction ? fn(db as Trx) : db.transaction().execute(fn)),
  };
}

export function exigir(ctx: Contexto, permiso: Permiso): void {
  if (!tienePermiso(ctx.actor.rol, permiso)) throw permisoDenegado();
}

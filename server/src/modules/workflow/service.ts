/**
 * Workflow cases (instancias) as one service object, composed from its use cases in ./casos-de-uso/: start, answer,
 * transition, edit/assign/cancel, comment. The rules come from the shared engine (shared/src/workflow/motor.ts), so the
 * desktop's offline verdict and the server's agree. Every method takes the caller's context, checks office scope,
 * writes through the one write path (server/src/escritor.ts) and, built on a transaction (the sync push), joins it. The
 * REST routes and the offline-sync commands call these same methods.
 */
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/escritura.js';
import { crearEntorno } from '../../entorno.js';
import * as comentarios from './casos-de-uso/comentarios.js';
import * as editar from './casos-de-uso/editar.js';
import * as iniciar from './casos-de-uso/iniciar.js';
import * as responder from './casos-de-uso/responder.js';
import { camposTitular } from './casos-de-uso/titular.js';
import * as transicionar from './casos-de-uso/transicionar.js';

export type { HooksWorkflow } from './casos-de-uso/iniciar.js';

export function crearServicioWorkflow(db: Db | Trx, hooks: iniciar.HooksWorkflow = {}) {
  const e = crearEntorno(db);
  return {
    ...iniciar.metodos(e, hooks),
    ...responder.metodos(e),
    ...transicionar.metodos(e),
    camposTitular,
    ...editar.metodos(e),
    ...comentarios.metodos(e),
  };
}

export type ServicioWorkflow = ReturnType<typeof crearServicioWorkflow>;

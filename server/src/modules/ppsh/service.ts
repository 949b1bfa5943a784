/**
 * PPSH casework as one service object, composed from its use cases in ./casos-de-uso/: registration, edits, the
 * enforced state machine, assignment, documents, interviews, comments, payments. Every method takes the caller's
 * context, checks office scope and permissions, and writes through the one write path (server/src/escritor.ts) in one
 * transaction. The REST routes and the offline-sync commands call the same methods.
 */
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/escritura.js';
import { crearEntorno } from '../../entorno.js';
import * as asignar from './casos-de-uso/asignar.js';
import * as cambiarEstado from './casos-de-uso/cambiar-estado.js';
import * as comentarios from './casos-de-uso/comentarios.js';
import * as consultar from './casos-de-uso/consultar.js';
import * as documentos from './casos-de-uso/documentos.js';
import * as editar from './casos-de-uso/editar.js';
import * as entrevistas from './casos-de-uso/entrevistas.js';
import * as pagos from './casos-de-uso/pagos.js';
import * as registrar from './casos-de-uso/registrar.js';

export { exigir } from '../../entorno.js';
export type { Hooks } from './casos-de-uso/registrar.js';

/** Built on a transaction (a sync push's), every method joins it instead of opening its own. */
export function crearServicioPpsh(db: Db | Trx, hooks: registrar.Hooks = {}) {
  const e = crearEntorno(db);
  return {
    ...consultar.metodos(e),
    ...registrar.metodos(e, hooks),
    ...editar.metodos(e),
    ...cambiarEstado.metodos(e),
    ...asignar.metodos(e),
    ...comentarios.metodos(e),
    ...documentos.metodos(e),
    ...entrevistas.metodos(e),
    ...pagos.metodos(e),
  };
}

export type ServicioPpsh = ReturnType<typeof crearServicioPpsh>;

/**
 * Applying the server's changes. Short transactions (a few hundred rows) with a turn of the event loop between them,
 * so a first sync of 100,000 cases never freezes the window or the IPC; the cursor is stored with the page's last
 * rows, so a desk killed mid-page re-applies at most that page (upserts by version are idempotent).
 */
import { setImmediate as cederTurno } from 'node:timers/promises';
import type { Cambio } from '#shared/sync/protocolo';
import type { IndiceBusqueda } from '../store/busqueda.js';
import type { Espejo } from '../store/espejo.js';
import { esTablaCaso, TABLAS_EXPEDIENTE } from '../store/tablas.js';
import type { EstadoPersistente } from './estado.js';

export const FILAS_POR_TRANSACCION = 500;

export interface DependenciasPull {
  espejo: Espejo;
  indice: IndiceBusqueda;
  estado: EstadoPersistente;
}

/** The case whose search text a change affects (people carry names and document numbers). */
function casoAfectado(d: DependenciasPull, c: Cambio): string | null {
  if (esTablaCaso(c.tabla)) return c.op === 'upsert' ? c.id : null;
  if (c.tabla !== 'ppsh_solicitantes') return null;
  return String(c.fila?.solicitud_id ?? d.espejo.leer('ppsh_solicitantes', c.id)?.solicitud_id ?? '') || null;
}

export async function aplicarPagina(
  d: DependenciasPull,
  cambios: Cambio[],
  siguienteCursor: string,
  lote = FILAS_POR_TRANSACCION,
): Promise<void> {
  const db = d.espejo.db;
  for (let i = 0; i === 0 || i < cambios.length; i += lote) {
    const trozo = cambios.slice(i, i + lote);
    const ultimo = i + lote >= cambios.length;
    db.transaction(() => {
      const casos = new Set<string>();
      for (const c of trozo) {
        const caso = casoAfectado(d, c);
        if (caso) casos.add(caso);
        if (esTablaCaso(c.tabla) && c.op === 'delete' && !d.espejo.tienePendientes(c.tabla, c.id)) {
          const rid = d.espejo.rowidIndice(c.id);
          if (rid !== undefined) d.indice.quitar(rid);
        }
        d.espejo.aplicarRemota(c.tabla, c.id, c.version, c.op === 'delete' ? null : (c.fila ?? null));
      }
      d.indice.reindexar(casos);
      if (ultimo) d.estado.cursor = siguienteCursor;
    })();
    await cederTurno();
  }
}

/**
 * A reset (office changed, cursor too old, another server history): forget what the server sent, keep what the officer
 * did here. A row she changed keeps her version, but its server copy came from the history being dropped: it is cleared
 * (as for a row the server does not have), so the pull from the start brings it back if the server still has the row,
 * and a refusal rolls back to that, or removes the row, instead of to a row the server no longer holds.
 */
export function vaciarEspejo(d: DependenciasPull): void {
  const db = d.espejo.db;
  db.transaction(() => {
    for (const t of TABLAS_EXPEDIENTE) {
      db.prepare(`delete from ${t} where sucio = 0`).run();
      db.prepare(`update ${t} set servidor = null where sucio = 1`).run();
    }
    db.prepare('delete from catalogos').run();
    db.prepare(`insert into busqueda_palabras (busqueda_palabras) values ('delete-all')`).run();
    db.prepare(`insert into busqueda_trigramas (busqueda_trigramas) values ('delete-all')`).run();
    const locales = db
      .prepare('select id from ppsh_solicitudes union all select id from workflow_instancias')
      .all() as { id: string }[];
    d.indice.reindexar(locales.map((r) => r.id));
    d.estado.cursor = null;
  })();
}

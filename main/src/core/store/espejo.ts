/**
 * Reads and writes of the mirror tables. A clean row (sucio = 0) is the server's row as is; a row changed here keeps
 * the server's copy in `servidor` (null: the server does not have it) until its commands settle.
 * Synchronous on purpose (better-sqlite3): a local command's row changes and its
 * outbox entry are written in one transaction that no pull can interleave with.
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './abrir.js';
import { esTablaCaso, esTablaExpediente, TABLAS_EXPEDIENTE, type FilaEspejo, type TablaExpediente } from './tablas.js';

interface Sentencias {
  leer: Statement<
    [string],
    { rid: number; datos: string; servidor: string | null; version: number; sucio: number; base: number | null }
  >;
  insertarLocal: Statement<[string, string]>;
  actualizarLocal: Statement<[string, string]>;
  upsertRemota: Statement<[string, number, string]>;
  soloServidor: Statement<[number, string | null, string]>;
  restaurar: Statement<[string]>;
  borrar: Statement<[string]>;
  sucios: Statement<[], { id: string }>;
}

export type ResultadoRemota = 'aplicada' | 'retenida';

export class Espejo {
  private readonly st = new Map<TablaExpediente, Sentencias>();
  private readonly pendiente: Statement<[string, string], { x: number }>;
  private readonly catalogoUpsert: Statement<[string, string, number, string]>;
  private readonly catalogoBorrar: Statement<[string, string]>;

  constructor(readonly db: Sqlite) {
    for (const t of TABLAS_EXPEDIENTE) {
      this.st.set(t, {
        leer: db.prepare(`select rid, datos, servidor, version, sucio, base from ${t} where id = ?`),
        insertarLocal: db.prepare(`insert into ${t} (id, version, datos, servidor, sucio) values (?, 0, ?, null, 1)`),
        // The first local change of a clean row remembers which server version the officer's view is built on.
        actualizarLocal: db.prepare(
          `update ${t} set servidor = case when sucio = 0 then datos else servidor end,
             base = case when sucio = 0 then version else base end, datos = ?, sucio = 1 where id = ?`,
        ),
        upsertRemota: db.prepare(
          `insert into ${t} (id, version, datos, servidor, sucio) values (?, ?, ?, null, 0)
           on conflict (id) do update set version = excluded.version, datos = excluded.datos, servidor = null, sucio = 0,
             base = null`,
        ),
        soloServidor: db.prepare(`update ${t} set version = ?, servidor = ? where id = ? and sucio = 1`),
        restaurar: db.prepare(
          `update ${t} set datos = servidor, servidor = null, sucio = 0, base = null where id = ? and sucio = 1`,
        ),
        borrar: db.prepare(`delete from ${t} where id = ?`),
        sucios: db.prepare(`select id from ${t} where sucio = 1`),
      });
    }
    this.pendiente = db.prepare('select 1 as x from outbox_filas where tabla = ? and fila_id = ? limit 1');
    this.catalogoUpsert = db.prepare(
      `insert into catalogos (tabla, clave, version, datos) values (?, ?, ?, ?)
       on conflict (tabla, clave) do update set version = excluded.version, datos = excluded.datos`,
    );
    this.catalogoBorrar = db.prepare('delete from catalogos where tabla = ? and clave = ?');
  }

  private s(tabla: TablaExpediente): Sentencias {
    return this.st.get(tabla)!;
  }

  leer<T extends FilaEspejo = FilaEspejo>(tabla: TablaExpediente, id: string): T | undefined {
    const r = this.s(tabla).leer.get(id);
    return r ? (JSON.parse(r.datos) as T) : undefined;
  }

  /** The row as the server last sent it (undefined: created here, not pulled yet, or unknown). */
  leerServidor(tabla: TablaExpediente, id: string): FilaEspejo | undefined {
    const r = this.s(tabla).leer.get(id);
    const json = r && (r.sucio ? r.servidor : r.datos);
    return json ? (JSON.parse(json) as FilaEspejo) : undefined;
  }

  /**
   * The server version the officer's view of this row is built on, which a command on it carries as `baseVersion`: the
   * server's version of a clean row; for a row changed here, the version it had before her first pending change (a pull
   * since then moved the server copy, not what she sees); 1 for a row created here (the server creates rows at 1, and
   * later writes of the officer's own commands are not conflicts).
   */
  versionBase(tabla: TablaExpediente, id: string): number {
    const r = this.s(tabla).leer.get(id);
    if (!r) return 1;
    return r.sucio ? (r.base ?? 1) : r.version;
  }

  tienePendientes(tabla: string, id: string): boolean {
    return this.pendiente.get(tabla, id) !== undefined;
  }

  /** A local change: the officer sees it at once; the server copy stays for a rollback. */
  escribirLocal(tabla: TablaExpediente, fila: FilaEspejo): void {
    const s = this.s(tabla);
    const datos = JSON.stringify(fila);
    if (s.actualizarLocal.run(datos, fila.id).changes === 0) s.insertarLocal.run(fila.id, datos);
  }

  /**
   * A row from the server. Applied to what the officer sees unless local commands on that row are still pending:
   * then only the server copy is updated, and the view is settled once those commands are.
   */
  aplicarRemota(tabla: string, id: string, version: number, fila: Record<string, unknown> | null): ResultadoRemota {
    if (!esTablaExpediente(tabla)) {
      if (fila) this.catalogoUpsert.run(tabla, id, version, JSON.stringify(fila));
      else this.catalogoBorrar.run(tabla, id);
      return 'aplicada';
    }
    const s = this.s(tabla);
    const retenida = this.tienePendientes(tabla, id);
    if (fila === null) {
      if (retenida) s.soloServidor.run(version, null, id);
      else s.borrar.run(id);
    } else {
      const json = JSON.stringify(fila);
      if (!retenida || s.soloServidor.run(version, json, id).changes === 0) s.upsertRemota.run(id, version, json);
    }
    return retenida ? 'retenida' : 'aplicada';
  }

  /** Back to the server's copy (a refused command); a row the server never had disappears. */
  restaurar(tabla: TablaExpediente, id: string): void {
    const s = this.s(tabla);
    const r = s.leer.get(id);
    if (!r?.sucio) return;
    if (r.servidor === null) s.borrar.run(id);
    else s.restaurar.run(id);
  }

  /**
   * Rows changed locally whose commands are all settled now show the server's copy. Run after a complete pull, when the
   * server's version of every applied command has arrived; returns the cases touched (to reindex).
   */
  reconciliar(): Set<string> {
    const casos = new Set<string>();
    for (const t of TABLAS_EXPEDIENTE) {
      for (const { id } of this.s(t).sucios.all()) {
        if (this.tienePendientes(t, id)) continue;
        const caso = this.casoDe(t, id);
        if (caso) casos.add(caso);
        this.restaurar(t, id);
      }
    }
    return casos;
  }

  /** The case (solicitud or instancia) a mirrored row belongs to; an answer hangs from its stage's answer sheet. */
  casoDe(tabla: TablaExpediente, id: string, fila = this.leer(tabla, id)): string | null {
    if (esTablaCaso(tabla)) return id;
    if (!fila) return null;
    if (tabla === 'workflow_respuestas') {
      const hoja = String(fila.respuesta_etapa_id ?? '');
      return hoja ? this.casoDe('workflow_respuestas_etapa', hoja) : null;
    }
    return String(fila.solicitud_id ?? fila.instancia_id ?? '') || null;
  }

  /** The case's row in the search index: a solicitud's rid, an instancia's rid negated (see migration 0004). */
  rowidIndice(id: string): number | undefined {
    const ppsh = this.s('ppsh_solicitudes').leer.get(id)?.rid;
    if (ppsh !== undefined) return ppsh;
    const wf = this.s('workflow_instancias').leer.get(id)?.rid;
    return wf === undefined ? undefined : -wf;
  }

  catalogo(tabla: string): Record<string, unknown>[] {
    return (
      this.db.prepare('select datos from catalogos where tabla = ? order by clave').all(tabla) as { datos: string }[]
    ).map((r) => JSON.parse(r.datos) as Record<string, unknown>);
  }
}

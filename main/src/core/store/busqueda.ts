/**
 * Full-text search over the local caseload (FTS5). Two indexes, one row per case (rowid = ppsh_solicitudes.rid, or
 * -workflow_instancias.rid for a workflow case, so both kinds share the index without colliding):
 * words for names and numbers (accent-insensitive, prefix queries: "jose per" finds "José Pérez"), trigrams for
 * partial document and case numbers ("4567" finds "PA1234567", "2026-0001" finds "PPSH-2026-000123").
 */
import type { Statement } from 'better-sqlite3';
import { nombreCompleto, normalizarBusqueda } from '#shared/texto';
import type { Sqlite } from './abrir.js';
import type { TablaCaso } from './tablas.js';

interface Persona {
  primer_nombre: string;
  segundo_nombre?: string | null;
  primer_apellido: string;
  segundo_apellido?: string | null;
  num_documento: string;
}

export class IndiceBusqueda {
  private readonly caso: Statement<[string], { rid: number; datos: string }>;
  private readonly instancia: Statement<[string], { rid: number; datos: string }>;
  private readonly personas: Statement<[string], { datos: string }>;
  private readonly borrarPalabras: Statement<[number]>;
  private readonly borrarTrigramas: Statement<[number]>;
  private readonly insertarPalabras: Statement<[number, string, string, string]>;
  private readonly insertarTrigramas: Statement<[number, string]>;

  constructor(db: Sqlite) {
    this.caso = db.prepare('select rid, datos from ppsh_solicitudes where id = ?');
    this.instancia = db.prepare('select rid, datos from workflow_instancias where id = ?');
    this.personas = db.prepare(`select datos from ppsh_solicitantes where solicitud_id = ? and datos->>'activo' = 1`);
    this.borrarPalabras = db.prepare('delete from busqueda_palabras where rowid = ?');
    this.borrarTrigramas = db.prepare('delete from busqueda_trigramas where rowid = ?');
    this.insertarPalabras = db.prepare(
      'insert into busqueda_palabras (rowid, numeros, nombres, documentos) values (?, ?, ?, ?)',
    );
    this.insertarTrigramas = db.prepare('insert into busqueda_trigramas (rowid, codigos) values (?, ?)');
  }

  /** Rebuilds the index rows of these cases from the mirror (call inside the transaction that changed them). */
  reindexar(ids: Iterable<string>): void {
    for (const id of ids) {
      const caso = this.caso.get(id);
      if (caso) this.escribir(caso.rid, JSON.parse(caso.datos) as Record<string, string | null>, this.personas.all(id));
      const instancia = caso ? undefined : this.instancia.get(id);
      // A workflow case has no people rows: its titular comes from well-known answers (shared/src/workflow/titular.ts).
      if (instancia) this.escribir(-instancia.rid, JSON.parse(instancia.datos) as Record<string, string | null>, []);
    }
  }

  private escribir(rowid: number, s: Record<string, string | null>, filasPersonas: { datos: string }[]): void {
    this.quitar(rowid);
    const personas = filasPersonas.map((p) => JSON.parse(p.datos) as Persona);
    const numeros = [s.num_expediente, s.referencia_provisional].filter(Boolean).join(' ');
    const nombres = personas.length ? personas.map((p) => nombreCompleto(p)).join(' ') : (s.nombre_titular ?? '');
    const documentos = personas.length ? personas.map((p) => p.num_documento).join(' ') : (s.documento_titular ?? '');
    this.insertarPalabras.run(rowid, numeros, nombres, documentos);
    this.insertarTrigramas.run(rowid, `${numeros} ${documentos}`);
  }

  /** Forgets a removed case (its rid is about to disappear). */
  quitar(rid: number): void {
    this.borrarPalabras.run(rid);
    this.borrarTrigramas.run(rid);
  }
}

type Sonda = { indice: 'busqueda_palabras' | 'busqueda_trigramas'; match: string };

/**
 * The FTS probes of a search text: every term must match; a term with digits (3+ characters) as a substring of a
 * number or document (trigrams), any other term as a word prefix. All terms of one index go into one MATCH
 * ("a"* AND "b"*): FTS5 intersects the doclists itself.
 */
function sondas(texto: string): Sonda[] {
  const terminos = normalizarBusqueda(texto)
    .split(' ')
    .map((t) => t.replace(/"/g, ''))
    .filter(Boolean);
  const trigramas: string[] = [];
  const palabras: string[] = [];
  for (const t of terminos) {
    if (/\d/.test(t) && t.length >= 3) trigramas.push(`"${t}"`);
    else {
      // Punctuation inside a term ("8-123") splits it into words: match them as a phrase of prefixes.
      const partes = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      if (partes.length) palabras.push(partes.map((p) => `"${p}"*`).join(' + '));
    }
  }
  return [
    ...(trigramas.length ? [{ indice: 'busqueda_trigramas' as const, match: trigramas.join(' AND ') }] : []),
    ...(palabras.length ? [{ indice: 'busqueda_palabras' as const, match: palabras.join(' AND ') }] : []),
  ];
}

/** A search's matches, computed once per caseload query (see buscarCoincidencias). */
export interface Coincidencias {
  /** Matching cases of both kinds in the index (active or not): enough to choose how to read a page. */
  total: number;
  /** The condition over a mirror table's `rid`. */
  condicion(tabla: TablaCaso): string;
}

/**
 * Runs the FTS probes once and keeps the matches in temp tables that both kinds' count and page read: a PPSH case
 * matches by its rid, a workflow case by its rid negated back (it is indexed under -rid). The tables are per
 * connection and overwritten by the next search; the core serves one call at a time.
 */
export function buscarCoincidencias(db: Sqlite, texto: string): Coincidencias | null {
  const s = sondas(texto);
  if (!s.length) return null;
  db.exec(`create temp table if not exists busqueda_coincidencias (rowid integer primary key);
           create temp table if not exists busqueda_tramites (rowid integer primary key);
           delete from temp.busqueda_coincidencias;
           delete from temp.busqueda_tramites;`);
  const { changes } = db
    .prepare(
      `insert into temp.busqueda_coincidencias ${s.map((x) => `select rowid from ${x.indice} where ${x.indice} match ?`).join(' intersect ')}`,
    )
    .run(...s.map((x) => x.match));
  db.prepare('insert into temp.busqueda_tramites select -rowid from temp.busqueda_coincidencias where rowid < 0').run();
  return {
    total: changes,
    // `x in table` reads the temp table's rowid b-tree directly; negative (workflow) rowids never equal a PPSH rid.
    condicion: (tabla) =>
      tabla === 'workflow_instancias' ? 'rid in temp.busqueda_tramites' : 'rid in temp.busqueda_coincidencias',
  };
}

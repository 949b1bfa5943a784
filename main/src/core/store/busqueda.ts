/**
 * Full-text search over the local caseload (FTS5). Two indexes, one row per case (rowid = ppsh_solicitudes.rid, or
 * -workflow_instancias.rid for a workflow case):
 * words for names and numbers (accent-insensitive, prefix queries: "jose per" finds "José Pérez"), trigrams for
 * partial document and case numbers ("4567" finds "PA1234567", "2026-0001" finds "PPSH-2026-000123").
 */
import type { Statement } from 'better-sqlite3';
import { nombreCompleto, normalizarBusqueda } from '../../../../shared/src/texto.js';
import type { Sqlite } from './abrir.js';

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

/**
 * The FTS condition for a search text, as SQL over a mirror's `rid` plus its parameters. Every term must match:
 * a term with digits (3+ characters) as a substring of a number or document, any other term as a word prefix.
 * `tabla` says whose rids to match: a workflow case is indexed under -rid, so its probe negates the FTS rowid
 * (`rid in (select -rowid …)`), which keeps the lookup on the rid primary key.
 */
export interface CondicionBusqueda {
  sql: string;
  params: string[];
  /** Each FTS probe on its own, to estimate how many cases the search matches (see candidatos). */
  sondas: { indice: 'busqueda_palabras' | 'busqueda_trigramas'; match: string }[];
}

export function condicionBusqueda(
  texto: string,
  tabla: 'ppsh_solicitudes' | 'workflow_instancias' = 'ppsh_solicitudes',
): CondicionBusqueda | null {
  const terminos = normalizarBusqueda(texto)
    .split(' ')
    .map((t) => t.replace(/"/g, ''))
    .filter(Boolean);
  if (!terminos.length) return null;
  const rowid = tabla === 'workflow_instancias' ? '-rowid' : 'rowid';
  // All terms of one index go into one MATCH ("a"* AND "b"*): FTS5 intersects the doclists itself, far cheaper than
  // one `rid in (…)` set per term for SQLite to build and intersect.
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
  const sondas: CondicionBusqueda['sondas'] = [
    ...(trigramas.length ? [{ indice: 'busqueda_trigramas' as const, match: trigramas.join(' AND ') }] : []),
    ...(palabras.length ? [{ indice: 'busqueda_palabras' as const, match: palabras.join(' AND ') }] : []),
  ];
  if (!sondas.length) return null;
  return {
    sql: sondas.map((x) => `rid in (select ${rowid} from ${x.indice} where ${x.indice} match ?)`).join(' and '),
    params: sondas.map((x) => x.match),
    sondas,
  };
}

/**
 * How many cases (of both kinds) the search may match, up to `tope`: its most selective term's FTS matches. Cheap (the
 * FTS doclists only), and enough to choose how to read a page (caseload/consultas.ts).
 */
export function candidatos(db: Sqlite, c: CondicionBusqueda, tope: number): number {
  return Math.min(
    ...c.sondas.map(
      (x) =>
        (
          db
            .prepare(`select count(*) as n from (select 1 from ${x.indice} where ${x.indice} match ? limit ?)`)
            .get(x.match, tope) as { n: number }
        ).n,
    ),
  );
}

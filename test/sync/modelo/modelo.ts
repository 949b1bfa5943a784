/**
 * The model a history is checked against: what the officers were told (every command a desk confirmed, every case
 * number anyone saw) and, once every desk has synced to quiescence, the properties that must hold whatever happened in
 * between: each confirmed command applied exactly once on the server or reported to its officer; no number given to
 * two cases; each desk's mirror equal to the server's rows for its office.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Filas } from '../helpers/espejo-y-servidor.js';
import type { Creacion } from './acciones.js';

export interface Confirmado {
  mutationId: string;
  escritorio: number;
  nombre: string;
  paso: number;
  token: string;
  creado?: Creacion;
  /** An executable renamed .pdf: the server refuses its bytes, so the officer must be told. */
  archivoRechazable?: boolean;
}

/**
 * The notice a desk shows after the server's history changed (EstadoSync.recuperacion, docs/sync.md "Restore"): what it
 * sent again and the server refused, and which cases lost the number on their receipt. Read structurally: a desk
 * without it simply never tells.
 */
export interface AvisoRecuperacionVisto {
  rechazados?: { mutationId: string }[];
  renumerados?: { id: string; anterior: string; nuevo: string }[];
}

/** What one desk tells its officer at the end. */
export interface InformeEscritorio {
  /** Commands in her list of rejected and conflicting ones, or in a restore notice as refused. */
  informados: Set<string>;
  /** Commands still waiting to be sent. */
  pendientes: Set<string>;
  /** Whether the desk could sign in and sync to the end. */
  activo: boolean;
  ultimoError: unknown;
  /** Its whole store, and whether it is sound. */
  integridad: unknown;
  sucias: number;
  espejo: Filas;
  /** What the server gives its user (a complete pull). */
  servidor: Filas;
}

/** What the server holds at the end. */
export interface InformeServidor {
  /** mutation_id → estado of sync_mutaciones. */
  resultados: Map<string, string>;
  /** How many rows each confirmed command's created row matches (table, column, value). */
  creadas: Map<string, number>;
}

export class Modelo {
  readonly confirmados: Confirmado[] = [];
  /** case number → case id → where it was first seen with that id. */
  private readonly numeros = new Map<string, Map<string, string>>();
  /** Desks' refusals of their own officer's actions, by code: not commands, just what the history ran into. */
  readonly rechazosLocales = new Map<string, number>();
  /** Per desk, what any restore notice it showed said (accumulated: a later notice may replace an earlier one). */
  private readonly avisos = new Map<number, { rechazados: Set<string>; renumerados: Map<string, Set<string>> }>();

  /** Commands of an officer's list she retried (as a new command) or dropped: she was told, and she decided. */
  readonly resueltos = new Set<string>();

  confirmar(c: Confirmado) {
    this.confirmados.push(c);
  }

  resolver(mutationId: string) {
    this.resueltos.add(mutationId);
  }

  rechazoLocal(code: string) {
    this.rechazosLocales.set(code, (this.rechazosLocales.get(code) ?? 0) + 1);
  }

  /** A restore notice a desk showed (after any sync). */
  verAviso(escritorio: number, aviso: AvisoRecuperacionVisto | null | undefined) {
    if (!aviso) return;
    const a = this.avisos.get(escritorio) ?? {
      rechazados: new Set<string>(),
      renumerados: new Map<string, Set<string>>(),
    };
    this.avisos.set(escritorio, a);
    for (const r of aviso.rechazados ?? []) a.rechazados.add(r.mutationId);
    for (const r of aviso.renumerados ?? [])
      a.renumerados.set(r.id, new Set([...(a.renumerados.get(r.id) ?? []), r.anterior, r.nuevo]));
  }

  /** A number seen on a case, by the server or in a desk's mirror, at some point of the history. */
  verNumero(numero: string | null | undefined, casoId: string, donde: string) {
    if (!numero) return;
    const casos = this.numeros.get(numero) ?? new Map<string, string>();
    this.numeros.set(numero, casos);
    if (!casos.has(casoId)) casos.set(casoId, donde);
  }

  /** Every property; each violation is one line saying what and where. */
  verificar(escritorios: InformeEscritorio[], servidor: InformeServidor): string[] {
    const v: string[] = [];
    for (const [i, e] of escritorios.entries()) {
      if (!e.activo)
        v.push(
          `escritorio #${i}: al final no inició sesión o no sincronizó sin error (${JSON.stringify(e.ultimoError)})`,
        );
      if (e.pendientes.size)
        v.push(`escritorio #${i}: ${e.pendientes.size} comandos siguen pendientes tras la quiescencia`);
      if (e.integridad !== 'ok') v.push(`escritorio #${i}: integrity_check = ${JSON.stringify(e.integridad)}`);
      if (e.sucias) v.push(`escritorio #${i}: ${e.sucias} filas con cambios locales sin resolver`);
      v.push(...diferencias(e.espejo, e.servidor).map((d) => `escritorio #${i}: espejo ≠ servidor: ${d}`));
    }
    for (const c of this.confirmados) {
      const quien = `${c.nombre} ${c.token} (paso ${c.paso}, escritorio #${c.escritorio}, ${c.mutationId})`;
      const e = escritorios[c.escritorio]!;
      const estado = servidor.resultados.get(c.mutationId);
      const informado =
        e.informados.has(c.mutationId) ||
        this.resueltos.has(c.mutationId) ||
        !!this.avisos.get(c.escritorio)?.rechazados.has(c.mutationId);
      if (estado === 'applied' && informado)
        v.push(`${quien}: aplicado en el servidor y además informado como rechazado`);
      if (estado === 'applied' && c.archivoRechazable)
        v.push(`${quien}: el servidor aceptó un ejecutable con extensión .pdf`);
      if (estado !== 'applied' && !informado && !e.pendientes.has(c.mutationId))
        v.push(
          `${quien}: confirmado y perdido: el servidor ${estado ? `lo tiene como ${estado}` : 'no lo tiene'} y su funcionario no fue informado`,
        );
      if (c.creado) {
        const n = servidor.creadas.get(c.mutationId) ?? 0;
        const esperadas = estado === 'applied' ? 1 : 0;
        // Retried by the officer, the same args (and token) went again as a new command: at most one landed.
        const retomado = this.resueltos.has(c.mutationId);
        if (retomado ? n > 1 : n !== esperadas)
          v.push(
            `${quien}: ${n} filas ${c.creado.tabla}.${c.creado.columna}=${c.creado.valor} en el servidor (se esperaba ${esperadas})`,
          );
      }
    }
    const numerosDeCaso = new Map<string, Map<string, string>>();
    for (const [numero, casos] of this.numeros) {
      if (casos.size > 1)
        v.push(
          `número ${numero} dado a ${casos.size} casos: ${[...casos].map(([id, donde]) => `${id} (${donde})`).join(', ')}`,
        );
      for (const [id, donde] of casos) numerosDeCaso.set(id, (numerosDeCaso.get(id) ?? new Map()).set(numero, donde));
    }
    // A case whose receipt number changed (its number went to someone else during a restore) must be in a notice.
    for (const [id, numeros] of numerosDeCaso) {
      if (numeros.size < 2) continue;
      const avisado = [...this.avisos.values()].some((a) =>
        [...numeros.keys()].every((n) => a.renumerados.get(id)?.has(n)),
      );
      if (!avisado)
        v.push(
          `caso ${id} cambió de número sin aviso de reimpresión: ${[...numeros].map(([n, donde]) => `${n} (${donde})`).join(', ')}`,
        );
    }
    return v;
  }
}

/** Row by row, field by field; at most a few lines per desk (the first differences say enough). */
export function diferencias(espejo: Filas, servidor: Filas, max = 8): string[] {
  const d: string[] = [];
  const tablas = new Set([...Object.keys(espejo), ...Object.keys(servidor)]);
  for (const t of tablas) {
    const a = espejo[t] ?? {};
    const b = servidor[t] ?? {};
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(id in b)) d.push(`${t} ${id} solo en el escritorio`);
      else if (!(id in a)) d.push(`${t} ${id} falta en el escritorio`);
      else if (!isDeepStrictEqual(a[id], b[id])) {
        const campos = Object.keys({ ...a[id], ...b[id] }).filter((k) => !isDeepStrictEqual(a[id]![k], b[id]![k]));
        d.push(
          `${t} ${id} difiere en ${campos.map((k) => `${k}: ${JSON.stringify(a[id]![k])} ≠ ${JSON.stringify(b[id]![k])}`).join('; ')}`,
        );
      }
      if (d.length >= max) return [...d, '…'];
    }
  }
  return d;
}

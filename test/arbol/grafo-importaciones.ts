/**
 * The import graph of a source tree, read with the TypeScript parser (syntax only, no type checking: a fraction of a
 * second for the whole tree), and its cycles. Edges are static imports and re-exports; each says whether it is
 * type-only (`import type`, `export type`, or every imported name marked `type`: eslint's consistent-type-imports makes
 * every type-only import say so), because the compiler erases those and they cannot change the order modules load in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type Grafo = Map<string, string[]>;

const FUENTE = /\.tsx?$/;

function archivosDe(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && FUENTE.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

export interface Importacion {
  especificador: string;
  soloTipos: boolean;
}

const todosDeTipo = (elementos: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) =>
  elementos.length > 0 && elementos.every((e) => e.isTypeOnly);

/** The static imports and re-exports of one file's source. */
export function importacionesDe(codigo: string, nombre = 'x.ts'): Importacion[] {
  const fuente = ts.createSourceFile(nombre, codigo, ts.ScriptTarget.Latest, false);
  const importaciones: Importacion[] = [];
  for (const s of fuente.statements) {
    if (ts.isImportDeclaration(s)) {
      const c = s.importClause;
      const soloTipos =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            todosDeTipo(c.namedBindings.elements)));
      importaciones.push({ especificador: (s.moduleSpecifier as ts.StringLiteral).text, soloTipos });
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier) {
      const soloTipos =
        s.isTypeOnly ||
        (s.exportClause !== undefined && ts.isNamedExports(s.exportClause) && todosDeTipo(s.exportClause.elements));
      importaciones.push({ especificador: (s.moduleSpecifier as ts.StringLiteral).text, soloTipos });
    }
  }
  return importaciones;
}

/**
 * The file a specifier names, or undefined for packages and Node built-ins. Relative imports are written with `.js`
 * (NodeNext) and name the `.ts` source; `#shared/<path>` is package.json's subpath import of shared/src/<path>.ts.
 */
function resolver(raiz: string, desde: string, especificador: string): string | undefined {
  let base: string;
  if (especificador.startsWith('#shared/')) base = join(raiz, 'shared/src', especificador.slice('#shared/'.length));
  else if (especificador.startsWith('.')) base = resolve(dirname(desde), especificador);
  else return undefined;
  const sinJs = base.replace(/\.js$/, '');
  const candidatos = [sinJs + '.ts', sinJs + '.tsx', base, join(sinJs, 'index.ts')];
  return candidatos.find((c) => FUENTE.test(c) && existsSync(c));
}

export interface Arista {
  destino: string;
  soloTipos: boolean;
}

/**
 * Every import between the files under `dirs` (paths relative to `raiz`), keyed by path relative to `raiz`. Parsed
 * once; `grafo` then keeps every edge or only the run-time ones.
 */
export function importacionesDelArbol(raiz: string, dirs: string[]): Map<string, Arista[]> {
  const arbol = new Map<string, Arista[]>();
  for (const archivo of dirs.flatMap((d) => archivosDe(join(raiz, d)))) {
    const aristas = importacionesDe(readFileSync(archivo, 'utf8'), archivo).flatMap(({ especificador, soloTipos }) => {
      const destino = resolver(raiz, archivo, especificador);
      return destino === undefined ? [] : [{ destino: relative(raiz, destino), soloTipos }];
    });
    arbol.set(relative(raiz, archivo), aristas);
  }
  return arbol;
}

/** The graph of those imports: all of them, or with `tipos: false` only those that exist at run time. */
export function grafo(arbol: Map<string, Arista[]>, { tipos }: { tipos: boolean }): Grafo {
  return new Map(
    [...arbol].map(([archivo, aristas]) => [
      archivo,
      [...new Set(aristas.filter((a) => tipos || !a.soloTipos).map((a) => a.destino))],
    ]),
  );
}

/**
 * One cycle per strongly connected component (Tarjan), each listed from its alphabetically first file and back to it,
 * e.g. ['a.ts', 'b.ts', 'a.ts']. A component can hold several cycles; the one shown is the shortest way back.
 */
export function ciclos(grafo: Grafo): string[][] {
  const indice = new Map<string, number>();
  const bajo = new Map<string, number>();
  const pila: string[] = [];
  const enPila = new Set<string>();
  const componentes: string[][] = [];
  let siguiente = 0;
  const visitar = (v: string): void => {
    indice.set(v, siguiente);
    bajo.set(v, siguiente++);
    pila.push(v);
    enPila.add(v);
    for (const w of grafo.get(v) ?? []) {
      if (!indice.has(w)) {
        visitar(w);
        bajo.set(v, Math.min(bajo.get(v)!, bajo.get(w)!));
      } else if (enPila.has(w)) bajo.set(v, Math.min(bajo.get(v)!, indice.get(w)!));
    }
    if (bajo.get(v) === indice.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = pila.pop()!;
        enPila.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (grafo.get(v) ?? []).includes(v)) componentes.push(c);
    }
  };
  for (const v of grafo.keys()) if (!indice.has(v)) visitar(v);
  return componentes.map((c) => caminoDeVuelta(grafo, new Set(c), [...c].sort()[0]!));
}

/** Shortest path from `inicio` back to itself inside one component (breadth-first). */
function caminoDeVuelta(grafo: Grafo, componente: Set<string>, inicio: string): string[] {
  const previo = new Map<string, string>();
  const cola = [inicio];
  while (cola.length) {
    const v = cola.shift()!;
    for (const w of grafo.get(v) ?? []) {
      if (!componente.has(w)) continue;
      if (w === inicio) {
        const camino = [inicio];
        for (let x = v; x !== inicio; x = previo.get(x)!) camino.unshift(x);
        return [inicio, ...camino];
      }
      if (!previo.has(w)) {
        previo.set(w, v);
        cola.push(w);
      }
    }
  }
  return [inicio, inicio];
}

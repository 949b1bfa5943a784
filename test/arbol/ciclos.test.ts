/**
 * No import cycles: a newcomer reads a module after the ones it imports, and at run time a cycle hands one of its
 * modules a half-loaded other (an import still undefined, depending on which file loaded first).
 *
 * Run-time imports must form no cycle anywhere in server/src, shared/src and main/src. Type-only imports are erased by
 * the compiler, so they cannot cause the load-order trap, but they must not close a cycle either, because they show
 * the layering (the writer in db/ and sync's change feed in modules/ once needed each other: db/escritura.ts now takes
 * the feed as a hook; the desk's migrations once took their type from the list that imports them).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ciclos, grafo, importacionesDe, importacionesDelArbol, type Grafo } from './grafo-importaciones.js';

const legibles = (g: Grafo) => ciclos(g).map((c) => c.join(' → '));

describe('detector de ciclos', () => {
  it('encuentra cada ciclo, también el de un módulo que se importa a sí mismo, y nada en un árbol sin ciclos', () => {
    const g: Grafo = new Map([
      ['a', ['b']],
      ['b', ['c', 'e']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['f']],
      ['f', []],
    ]);
    expect(legibles(g).sort()).toEqual(['a → b → c → a', 'd → d']);
    expect(
      legibles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('distingue las importaciones que solo traen tipos', () => {
    const codigo = [
      `import { a } from './a.js';`,
      `import type { B } from './b.js';`,
      `import { type C, type D } from './c.js';`,
      `import { type E, e } from './e.js';`,
      `import './f.js';`,
      `export { g } from './g.js';`,
      `export type { H } from './h.js';`,
      `export * from './i.js';`,
    ].join('\n');
    expect(importacionesDe(codigo)).toEqual([
      { especificador: './a.js', soloTipos: false },
      { especificador: './b.js', soloTipos: true },
      { especificador: './c.js', soloTipos: true },
      { especificador: './e.js', soloTipos: false },
      { especificador: './f.js', soloTipos: false },
      { especificador: './g.js', soloTipos: false },
      { especificador: './h.js', soloTipos: true },
      { especificador: './i.js', soloTipos: false },
    ]);
  });

  describe('sobre archivos', () => {
    const raiz = mkdtempSync(join(tmpdir(), 'ciclos-'));
    afterAll(() => rmSync(raiz, { recursive: true, force: true }));
    const escribir = (ruta: string, codigo: string) => {
      mkdirSync(dirname(join(raiz, ruta)), { recursive: true });
      writeFileSync(join(raiz, ruta), codigo);
    };
    escribir('server/src/a.ts', `import { b } from './b.js';\nimport type { T } from '#shared/t';\nimport 'kysely';\n`);
    escribir('server/src/b.ts', `import { a } from './a.js';\n`);
    escribir('shared/src/t.ts', `import type { A } from '../../server/src/a.js';\n`);

    it('resuelve las rutas relativas con .js y #shared/ a los fuentes .ts, y no sigue paquetes', () => {
      const g = grafo(importacionesDelArbol(raiz, ['server/src', 'shared/src']), { tipos: true });
      expect(g.get('server/src/a.ts')).toEqual(['server/src/b.ts', 'shared/src/t.ts']);
      expect(g.get('shared/src/t.ts')).toEqual(['server/src/a.ts']);
    });

    it('sin tipos solo quedan las aristas que existen al ejecutar', () => {
      const g = grafo(importacionesDelArbol(raiz, ['server/src', 'shared/src']), { tipos: false });
      expect(g.get('server/src/a.ts')).toEqual(['server/src/b.ts']);
      expect(g.get('shared/src/t.ts')).toEqual([]);
      expect(legibles(g)).toEqual(['server/src/a.ts → server/src/b.ts → server/src/a.ts']);
    });
  });
});

describe('el árbol no tiene ciclos de importación', () => {
  const arbol = importacionesDelArbol(process.cwd(), ['server/src', 'shared/src', 'main/src']);

  it('ninguno al ejecutar en server/src, shared/src y main/src', () => {
    expect(arbol.size).toBeGreaterThan(100);
    expect(legibles(grafo(arbol, { tipos: false }))).toEqual([]);
  });

  it('ninguno tampoco contando las importaciones de tipos', () => {
    const g = grafo(arbol, { tipos: true });
    expect(g.get('server/src/db/escritura.ts')).toContain('server/src/db/connect.ts');
    expect(legibles(g)).toEqual([]);
  });
});

/**
 * The repository stands on its own: what the code relies on is written in docs/, in our words. No tracked file may
 * send a reader to the team's old reference notes or to a path outside the tree, and every docs file (and decisions
 * section) a comment, script or document points at must be there.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RAIZ = path.resolve(import.meta.dirname, '../..');

/** Tracked text files with their contents (binary files, with a NUL byte, are skipped). */
function archivosSeguidos(): { archivo: string; texto: string }[] {
  const salida = execFileSync('git', ['ls-files', '-z'], { cwd: RAIZ, encoding: 'utf8' });
  return salida
    .split('\0')
    .filter(Boolean)
    .flatMap((archivo) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path.join(RAIZ, archivo));
      } catch {
        return []; // Deleted in the working tree, not yet committed.
      }
      return bytes.includes(0) ? [] : [{ archivo, texto: bytes.toString('utf8') }];
    });
}

const archivos = archivosSeguidos();
const seguidos = new Set(archivos.map((a) => a.archivo));

/** Each match of `patron` as "file:line: text", so a failure says where to look. */
function dondeAparece(patron: RegExp): string[] {
  return archivos.flatMap(({ archivo, texto }) =>
    texto.split('\n').flatMap((linea, i) => (patron.test(linea) ? [`${archivo}:${i + 1}: ${linea.trim()}`] : [])),
  );
}

// Built from parts so that this file does not name them itself.
const NOTAS_DE_REFERENCIA = new RegExp(`\\b(${['ARCHITECTURE', 'DOMAIN', 'STYLE'].join('|')})\\.md\\b`);
const FUERA_DEL_ARBOL = /(\.\.\/)+shared\/|\/work\/shared/;
const CITA_DE_DOCS = /\bdocs\/([\w.-]+\.md)(?:`?,? §(\d+))?/g;

describe('el repositorio se explica solo', () => {
  it('ningún archivo cita las notas de referencia del equipo', () => {
    expect(dondeAparece(NOTAS_DE_REFERENCIA)).toEqual([]);
  });

  it('ningún archivo apunta a una ruta fuera del repositorio', () => {
    expect(dondeAparece(FUERA_DEL_ARBOL)).toEqual([]);
  });

  it('cada docs/<archivo>.md citado existe en el repositorio, y cada § citado de un documento numerado también', () => {
    const secciones = new Map<string, Set<string>>();
    const seccionesDe = (doc: string) => {
      if (!secciones.has(doc)) {
        const texto = archivos.find((a) => a.archivo === doc)?.texto ?? '';
        secciones.set(doc, new Set([...texto.matchAll(/^## (\d+)\./gm)].map((m) => m[1]!)));
      }
      return secciones.get(doc)!;
    };
    const rotas: string[] = [];
    for (const { archivo, texto } of archivos)
      for (const m of texto.matchAll(CITA_DE_DOCS)) {
        const doc = `docs/${m[1]}`;
        if (!seguidos.has(doc)) rotas.push(`${archivo}: ${m[0]} (no existe)`);
        else if (m[2] && seccionesDe(doc).size && !seccionesDe(doc).has(m[2]))
          rotas.push(`${archivo}: ${m[0]} (no tiene esa sección)`);
      }
    expect(rotas).toEqual([]);
    // The check reads real citations: the decisions document is cited by section from the code.
    expect(dondeAparece(/docs\/decisiones\.md §\d+/).length).toBeGreaterThan(10);
  });
});

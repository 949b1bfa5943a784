/**
 * Migrations are frozen history: once released, a migration must build the same schema forever. One that imports another
 * migration (a helper, a column list) changes whenever that file does, so each carries its own SQL instead, duplicated
 * on purpose. This holds for the desk's local store and the server's database alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CARPETAS = ['main/src/core/store/migrations', 'server/src/db/migrations'];
/** A migration's file name: its number, then what it does (0004_workflow.ts). */
const MIGRACION = /^\d{4}_[^/]*\.ts$/;

/** Every module a file names: imports and re-exports (type-only ones too: they still tie it to the other file), import(). */
const especificadores = (codigo: string) => ts.preProcessFile(codigo, true, true).importedFiles.map((f) => f.fileName);

/** The other migrations a migration's source imports. */
function migracionesImportadas(codigo: string): string[] {
  return especificadores(codigo).filter((e) => MIGRACION.test(basename(e).replace(/\.js$/, '.ts')));
}

describe('migraciones autocontenidas', () => {
  it('la regla detecta una importación de otra migración (también solo de tipos)', () => {
    expect(migracionesImportadas(`import { espejo } from './0001_espejo.js';`)).toEqual(['./0001_espejo.js']);
    expect(migracionesImportadas(`import type { X } from './0002_outbox.js';`)).toEqual(['./0002_outbox.js']);
    expect(migracionesImportadas(`import type { MigracionLocal } from './index.js';`)).toEqual([]);
  });

  for (const carpeta of CARPETAS)
    it(`ninguna migración de ${carpeta} importa otra`, () => {
      const archivos = readdirSync(carpeta).filter((f) => MIGRACION.test(f));
      expect(archivos.length).toBeGreaterThan(3);
      const ajenas = archivos.flatMap((f) =>
        migracionesImportadas(readFileSync(join(carpeta, f), 'utf8')).map((m) => `${f} → ${m}`),
      );
      expect(ajenas).toEqual([]);
    });
});

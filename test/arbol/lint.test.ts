/**
 * The lint rules that keep each part of the tree on its side (eslint.config.js) bite: run on a snippet as if it lived in
 * the guarded folder, ESLint reports the forbidden import; the same snippet where it belongs passes that rule.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages ESLint gives `codigo` as the file `ruta` (a file that need not exist). */
async function importacionesProhibidas(codigo: string, ruta: string): Promise<string[]> {
  const [resultado] = await eslint.lintText(codigo, { filePath: ruta });
  return resultado!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const ELECTRON = `import { app } from 'electron';\nexport const version = app.getVersion();\n`;

describe('reglas de lint del árbol', () => {
  // Loading the config and the TypeScript parser is the slow part (seconds on a busy machine): once, in the hook.
  beforeAll(() => eslint.calculateConfigForFile('main/src/core/x.ts'));

  it('main/src/core no importa electron: el núcleo corre igual en el shell web y en las pruebas', async () => {
    expect(await importacionesProhibidas(ELECTRON, 'main/src/core/x.ts')).toEqual([
      expect.stringContaining('El núcleo del escritorio es Node puro'),
    ]);
    expect(
      await importacionesProhibidas(`import { autoUpdater } from 'electron-updater';\n`, 'main/src/core/a/b.ts'),
    ).toHaveLength(1);
  });

  it('el proceso principal, fuera de core, sí usa electron', async () => {
    expect(await importacionesProhibidas(ELECTRON, 'main/src/x.ts')).toEqual([]);
  });

  it('shared/ sigue sin Node ni electron', async () => {
    expect(await importacionesProhibidas(ELECTRON, 'shared/src/x.ts')).toHaveLength(1);
    expect(await importacionesProhibidas(`import fs from 'node:fs';\n`, 'shared/src/x.ts')).toHaveLength(1);
  });
});

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'release/',
      'data/',
      'coverage/',
      'tmp/',
      'uploads/',
      '**/__snapshots__/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // renderer/ runs in Chromium (Electron window or the web shell's browser tab), never in Node.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // shared/ runs everywhere: no Node built-ins, no DOM frameworks.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'react', 'electron', 'express'] }],
    },
  },
  {
    // main/src/core is plain Node: the web shell, the tests and the benchmarks run it without Electron; only the
    // main process around it (main/src/*.ts) binds it to Electron (docs/escritorio.md).
    files: ['main/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'electron-*', '@electron/*'],
              message: 'El núcleo del escritorio es Node puro: Electron se usa solo en main/src fuera de core.',
            },
          ],
        },
      ],
    },
  },
);

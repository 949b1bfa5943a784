/**
 * npm run migrate: applies pending migrations (the Docker deployment runs it as a one-shot service).
 * npm run migrate -- --revertir-ultima: undoes the last one when it is reversible (docs/operations.md).
 */
import { revertirUltima } from '../db/migrate.js';
import { argumentos, conBaseDeDatos } from './comun.js';

if (argumentos(process.argv.slice(2)).has('revertir-ultima'))
  await conBaseDeDatos(async (db) => console.log(`Migración revertida: ${await revertirUltima(db)}`), {
    migrar: false,
  });
else await conBaseDeDatos(async () => console.log('Migraciones al día'));

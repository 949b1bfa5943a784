/** npm run migrate: applies pending migrations (the Docker deployment runs it as a one-shot service). */
import { conBaseDeDatos } from './comun.js';

await conBaseDeDatos(async () => {
  console.log('Migraciones al día');
});

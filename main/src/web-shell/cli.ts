/**
 * `npm run start:web -- --api URL --data DIR --port N --no-open`: the web shell as a process. Prints `Shell web: <url>`
 * on one line (scripts and tests read it), opens the browser unless --no-open, and closes cleanly on Ctrl+C/SIGTERM.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { iniciarShellWeb } from './iniciar.js';
import { abrirEnNavegador } from './navegador.js';

const API_DEMO = 'http://localhost:8000/api/v1';

async function main() {
  const { values } = parseArgs({
    options: {
      api: { type: 'string', default: process.env.TRAMITES_API_URL || API_DEMO },
      data: { type: 'string', default: path.resolve('data', 'escritorio-web') },
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
    },
  });
  const puerto = Number(values.port);
  if (!Number.isInteger(puerto) || puerto < 0 || puerto > 65535)
    throw new Error(`Puerto inválido: ${values.port} (use un número entre 0 y 65535; 0 elige uno libre)`);
  const shell = await iniciarShellWeb({
    apiUrl: values.api,
    dataDir: path.resolve(values.data),
    puerto,
    core: { archivosConfiguracion: [path.resolve(import.meta.dirname, '../../../resources/configuracion.json')] },
  });
  console.log(`Shell web: ${shell.url}`);
  if (!values['no-open']) abrirEnNavegador(shell.url);
  const terminar = () => void shell.cerrar().then(() => process.exit(0));
  process.once('SIGINT', terminar);
  process.once('SIGTERM', terminar);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

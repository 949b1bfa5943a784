/**
 * A desk in its own process, so a test can SIGKILL it mid-sync. Usage:
 *   tsx escritorio-hijo.ts <dataDir> <apiUrl> <usuario> sincronizar|comentar:<solicitudId>:<n>
 * Prints one JSON line per event: {"evento":"pagina","filas":…}, {"evento":"encolados"}, {"evento":"listo",…}.
 */
import { createCore } from '../../../main/src/core/core.js';
import { opcionesEscritorio } from '../../core/helpers/escritorio.js';
import { PASSWORD_DEMO } from '../../helpers/servidor.js';

const [dataDir, apiUrl, usuario, orden] = process.argv.slice(2) as [string, string, string, string];
const decir = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

// Small pages and transactions: many points where the kill can land.
const core = createCore(opcionesEscritorio(dataDir, apiUrl, { sync: { limitePull: 100, filasPorTransaccion: 25 } }));
core.on('sync.estado', (e) => {
  if (e.primera_sync) decir({ evento: 'pagina', filas: e.primera_sync.filas });
});
await core['sesion.login']({ username: usuario, password: PASSWORD_DEMO });
if (orden.startsWith('comentar:')) {
  const [, solicitudId, n] = orden.split(':') as [string, string, string];
  await core['sync.ahora']({});
  for (let i = 0; i < Number(n); i++)
    await core['ppsh.comentar']({ id: solicitudId, comentario: { comentario: `Nota ${i}`, es_interno: true } });
  decir({ evento: 'encolados' });
}
const estado = await core['sync.ahora']({});
decir({ evento: 'listo', ...estado });
await core.cerrar();

/**
 * A desk in its own process, so a test can SIGKILL the very process that holds the SQLite store. Tests run it bundled
 * (escritorio-en-proceso.ts); by hand, `node --import tsx escritorio-hijo.ts …`. Never through the tsx wrapper: its
 * kill would leave this desk running. Usage:
 *   escritorio-hijo.ts <dataDir> <apiUrl> <usuario> sincronizar | comentar:<solicitudId>:<n> | adjuntar:<solicitudId>
 * Env PUNTO_DE_CORTE=pull.transaccion:<n> freezes it inside the n-th transaction of the pull (pausa-en-transaccion.ts);
 * LIMITE_PULL and FILAS_POR_TRANSACCION set the pull's page and transaction sizes (default 100 and 25); CLAVE_USUARIO is
 * the user's password (passed in, so this child does not load the test server's module and the whole API with it).
 * Prints one JSON line per event: {"evento":"encolados"}, {"evento":"punto",…}, {"evento":"listo",…}.
 */
import { createCore } from '../../../main/src/core/core.js';
import { opcionesEscritorio } from '../../core/helpers/escritorio.js';
import { pdfReal } from '../../helpers/datos.js';
import { pausarEnTransaccionDePull } from './pausa-en-transaccion.js';

const [dataDir, apiUrl, usuario, orden] = process.argv.slice(2) as [string, string, string, string];
const decir = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

const punto = /^pull\.transaccion:(\d+)$/.exec(process.env.PUNTO_DE_CORTE ?? '');
if (punto) pausarEnTransaccionDePull(Number(punto[1]));

// Small pages and transactions by default: many points where a kill can land. A restart that only has to converge
// passes LIMITE_PULL / FILAS_POR_TRANSACCION to pull in the product's own sizes.
const core = createCore(
  opcionesEscritorio(dataDir, apiUrl, {
    sync: {
      limitePull: Number(process.env.LIMITE_PULL ?? 100),
      filasPorTransaccion: Number(process.env.FILAS_POR_TRANSACCION ?? 25),
    },
  }),
);
await core['sesion.login']({ username: usuario, password: process.env.CLAVE_USUARIO ?? '' });
const [accion, solicitudId, n] = orden.split(':') as [string, string, string];
if (accion === 'comentar') {
  for (let i = 0; i < Number(n); i++)
    await core['ppsh.comentar']({ id: solicitudId, comentario: { comentario: `Nota ${i}`, es_interno: true } });
  decir({ evento: 'encolados' });
} else if (accion === 'adjuntar') {
  await core['ppsh.adjuntarDocumento']({
    id: solicitudId,
    nombre_archivo: 'pasaporte.pdf',
    contenido_base64: (await pdfReal('Pasaporte tras un corte')).toString('base64'),
    metadatos: { cod_tipo_documento: 3 },
  });
  await core['ppsh.comentar']({ id: solicitudId, comentario: { comentario: 'Pasaporte adjunto', es_interno: false } });
  decir({ evento: 'encolados' });
}
const estado = await core['sync.ahora']({});
decir({ evento: 'listo', ...estado });
await core.cerrar();

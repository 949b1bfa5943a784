/**
 * A desk in its own process driven line by line, so the model test can call any bridge method on it, SIGKILL it at any
 * moment (mid-sync too) and start it again on the same store. Tests run it bundled (escritorio-en-proceso.ts
 * `empaquetar`): the pid is the process holding the SQLite store, no wrapper in between. Usage:
 *   escritorio-remoto.ts <dataDir> <apiUrl>        env DESFASE_RELOJ_MS: how far this desk's clock is from the real one
 * stdin, one JSON per line: {"n":1,"metodo":"ppsh.comentar","args":{…}}; `_reloj` {desfaseMs} moves the clock,
 * `_cerrar` closes the core and exits 0. stdout, one JSON per line: {"n":1,"ok":true,"r":…} or
 * {"n":1,"ok":false,"code":…,"message":…}.
 */
import readline from 'node:readline';
import type { MetodoPuente } from '#shared/bridge/contrato';
import { createCore } from '../../../main/src/core/core.js';
import { opcionesEscritorio } from '../../core/helpers/escritorio.js';

const [dataDir, apiUrl] = process.argv.slice(2) as [string, string];
let desfase = Number(process.env.DESFASE_RELOJ_MS ?? 0);
const decir = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

// The harness drives every sync itself (`sync.ahora`), so a history replays the same requests in the same order.
const core = createCore(
  opcionesEscritorio(dataDir, apiUrl, {
    reloj: () => new Date(Date.now() + desfase),
    sync: { backoffBaseMs: 10, backoffMaxMs: 50, intervaloMs: 60_000 },
  }),
);

// One call at a time, in arrival order: the harness waits for each answer anyway, and a desk's officer is one person.
let cola = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (linea) => {
  const { n, metodo, args } = JSON.parse(linea) as { n: number; metodo: string; args?: Record<string, unknown> };
  cola = cola.then(async () => {
    try {
      if (metodo === '_reloj') {
        desfase = Number(args?.desfaseMs ?? 0);
        decir({ n, ok: true, r: null });
        return;
      }
      if (metodo === '_cerrar') {
        await core.cerrar();
        decir({ n, ok: true, r: null });
        process.exit(0);
      }
      decir({ n, ok: true, r: await core.invocar(metodo as MetodoPuente, args ?? {}) });
    } catch (e) {
      const { code, message } = e as { code?: string; message?: string };
      decir({ n, ok: false, code: code ?? 'ERROR_INTERNO', message: message ?? String(e) });
    }
  });
});
decir({ n: 0, ok: true, r: 'listo' });

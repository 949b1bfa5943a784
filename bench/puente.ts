/**
 * What the web shell's HTTP bridge costs over calling the core in-process (`npm run bench:puente`). Figures, not
 * pass/fail: the same core, the same calls, measured in the same run:
 * - a small call (`sesion.estado`, one SQLite read): per-call time in-process vs one POST through the web shell;
 * - a 5 MB document crossing as base64 (`ppsh.adjuntarDocumento`: parsed and checked by the method's schema, then
 *   refused for lack of a session, so only the crossing is timed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { iniciarShellWeb } from '../main/src/web-shell/iniciar.js';

const PEQUENAS = Number(process.env.LLAMADAS ?? 2000);
const GRANDES = Number(process.env.DOCUMENTOS ?? 20);

async function medir(n: number, llamada: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await llamada();
  const inicio = performance.now();
  for (let i = 0; i < n; i++) await llamada();
  return (performance.now() - inicio) / n;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-puente-'));
const shell = await iniciarShellWeb({
  apiUrl: 'http://127.0.0.1:9/api/v1',
  dataDir: dir,
  directorioRenderer: dir,
  core: { syncAutomatico: false },
});
try {
  const base = shell.url.split('#')[0]!;
  const porHttp = (metodo: string, args: unknown) => async () => {
    const r = await fetch(`${base}puente/${metodo}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tramites-token': shell.token },
      body: JSON.stringify(args),
    });
    await r.arrayBuffer();
  };
  const directo = (metodo: 'sesion.estado' | 'ppsh.adjuntarDocumento', args: unknown) => () =>
    shell.core.invocar(metodo, args).catch(() => undefined);

  const documento = {
    id: '01900000-0000-7000-8000-000000000000',
    nombre_archivo: 'pasaporte.pdf',
    contenido_base64: Buffer.alloc(5 * 1024 * 1024, 7).toString('base64'),
    metadatos: { cod_tipo_documento: 1 },
  };
  // HTTP phases back to back: a long in-process phase between them would leave the kept-alive socket idle past the
  // server's 5 s timeout while client and server share this one event loop (a reset a browser retries, fetch does not).
  const pequenaDirecta = await medir(PEQUENAS, directo('sesion.estado', {}));
  const pequenaHttp = await medir(PEQUENAS, porHttp('sesion.estado', {}));
  const grandeHttp = await medir(GRANDES, porHttp('ppsh.adjuntarDocumento', documento));
  const grandeDirecta = await medir(GRANDES, directo('ppsh.adjuntarDocumento', documento));
  const filas: [string, number, number][] = [
    ['sesion.estado (ms/llamada)', pequenaDirecta, pequenaHttp],
    ['documento de 5 MB en base64 (ms/llamada)', grandeDirecta, grandeHttp],
  ];
  console.log(
    `\nPuente: núcleo en proceso (línea base) frente al shell web por HTTP (${PEQUENAS} / ${GRANDES} llamadas)`,
  );
  console.log('llamada'.padEnd(44) + 'en proceso'.padStart(12) + 'shell web'.padStart(12) + 'razón'.padStart(9));
  for (const [nombre, base0, http] of filas)
    console.log(
      nombre.padEnd(44) +
        base0.toFixed(3).padStart(12) +
        http.toFixed(3).padStart(12) +
        `${(http / base0).toFixed(1)}×`.padStart(9),
    );
} finally {
  await shell.cerrar();
  fs.rmSync(dir, { recursive: true, force: true });
}

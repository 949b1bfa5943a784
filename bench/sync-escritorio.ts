/**
 * The desk side of bench/sync.ts, in its own process so its peak RSS is its own. Reads orders from stdin (one per line)
 * and answers one JSON line each: primera | incremental | editar <n> | buscar.
 */
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { createCore } from '../main/src/core/core.js';
import { SecretosEnArchivo } from '../test/core/helpers/escritorio.js';

const [dataDir, apiUrl] = process.argv.slice(2) as [string, string];
const core = createCore({
  dataDir,
  apiUrl,
  secretStore: new SecretosEnArchivo(path.join(dataDir, 'secretos.json')),
  syncAutomatico: false,
});
let pico = 0;
const muestrear = () => (pico = Math.max(pico, process.memoryUsage().rss));
setInterval(muestrear, 50).unref();
const responder = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function cronometrar<T>(fn: () => Promise<T>): Promise<{ ms: number; r: T }> {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}

const percentil = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Search terms drawn from the desk's own data: surnames, partial document numbers, partial case numbers. */
function terminos(): Record<string, string[]> {
  const db = new Database(core.archivo, { readonly: true });
  try {
    const filas = db
      .prepare(
        `select datos->>'primer_apellido' as a, datos->>'num_documento' as d from ppsh_solicitantes where rid % 997 = 0 limit 100`,
      )
      .all() as { a: string; d: string }[];
    const numeros = db
      .prepare(`select num_expediente as n from ppsh_solicitudes where rid % 991 = 0 limit 100`)
      .all() as { n: string }[];
    return {
      nombre: filas.map((f) => f.a.toLowerCase()),
      documento: filas.map((f) => f.d.slice(-5)),
      numero: numeros.map((f) => f.n.slice(5, 14)),
    };
  } finally {
    db.close();
  }
}

await core['sesion.login']({ username: 'admin', password: 'demo2026' });
for await (const linea of readline.createInterface({ input: process.stdin })) {
  const [orden, arg] = linea.split(' ');
  if (orden === 'primera') {
    const { ms, r } = await cronometrar(() => core['sync.ahora']({}));
    responder({ ms, error: r.ultimo_error, pico_rss: pico });
  } else if (orden === 'incremental') {
    const { ms } = await cronometrar(() => core['sync.ahora']({}));
    responder({ ms });
  } else if (orden === 'editar') {
    const p = await core.invocar('expedientes.consultar', { estado: ['EN_EVALUACION'], limite: Number(arg) });
    const { ms } = await cronometrar(async () => {
      for (const c of p.items)
        await core['ppsh.editar']({ id: c.id, cambios: { observaciones_generales: 'Editado en el escritorio' } });
      return core['sync.ahora']({});
    });
    responder({ ms, editados: p.items.length, estado: await core['sync.estado']({}) });
  } else if (orden === 'buscar') {
    const t = terminos();
    const resultado: Record<string, { p50: number; p95: number; n: number }> = {};
    for (const [tipo, lista] of Object.entries(t)) {
      const tiempos: number[] = [];
      for (const q of lista)
        tiempos.push((await cronometrar(() => core.invocar('expedientes.consultar', { buscar: q, limite: 20 }))).ms);
      resultado[tipo] = { p50: percentil(tiempos, 50), p95: percentil(tiempos, 95), n: tiempos.length };
    }
    responder({ resultado, terminos: t });
  } else if (orden === 'salir') {
    await core.cerrar();
    responder({ pico_rss: pico });
    process.exit(0);
  }
}

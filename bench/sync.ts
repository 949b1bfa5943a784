/**
 * Offline sync benchmark (`npm run bench:sync`; CASES=… to run smaller). Figures, not pass/fail:
 * - first sync of every case into an empty desk over HTTP, against a baseline in the same run that copies the same rows
 *   from the server's SQLite file straight into a desk store (same store code, no HTTP, no JSON over the wire);
 * - incremental sync: 100 cases changed on the server, pulled; 100 cases edited on the desk, pushed and pulled back;
 * - local FTS5 search p50/p95 (name, document, number) against the server's list search on the same data;
 * - peak RSS of the desk process during the first sync.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { TABLAS_EXPEDIENTE } from '../main/src/core/store/tablas.js';
import { CASOS, RAIZ, detener, iniciarApi, login, sembrar } from './comun.js';
import { copiaDirecta } from './sync-copia.js';

const PUERTO = 8790;
const API = `http://127.0.0.1:${PUERTO}/api/v1`;
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const percentil = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function contarFilas(archivo: string): number {
  const db = new Database(archivo, { readonly: true });
  try {
    const tablas = [...TABLAS_EXPEDIENTE, 'catalogos'];
    return (
      db.prepare(`select ${tablas.map((t) => `(select count(*) from ${t})`).join(' + ')} as n`).get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

function escritorio(dir: string) {
  const hijo = spawn(process.execPath, ['--import', 'tsx', path.join(RAIZ, 'bench/sync-escritorio.ts'), dir, API], {
    cwd: RAIZ,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lineas = readline.createInterface({ input: hijo.stdout! })[Symbol.asyncIterator]();
  return {
    async pedir<T = Record<string, unknown>>(orden: string): Promise<T> {
      hijo.stdin!.write(`${orden}\n`);
      const { value } = await lineas.next();
      return JSON.parse(String(value)) as T;
    },
    fin: new Promise((r) => hijo.once('exit', r)),
  };
}

async function main() {
  const base = await sembrar();
  const api = await iniciarApi(base, PUERTO);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-escritorio-'));
  try {
    const copia = await copiaDirecta(base.archivo, path.join(dir, 'copia', 'tramites.db'));
    const e = escritorio(path.join(dir, 'desk'));
    const primera = await e.pedir<{ ms: number; pico_rss: number; error: unknown }>('primera');
    const filasDesk = contarFilas(path.join(dir, 'desk', 'tramites.db'));
    if (primera.error) console.log('error en la primera sincronización:', primera.error);

    const token = await login(`http://127.0.0.1:${PUERTO}`, 'admin');
    const ids = (await (
      await fetch(`${API}/ppsh/solicitudes?page_size=100&estado=EN_REVISION`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as {
      items: { id: string }[];
    };
    for (const { id } of ids.items)
      await fetch(`${API}/ppsh/solicitudes/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ observaciones_generales: 'Cambio en el servidor' }),
      });
    const incremental = await e.pedir<{ ms: number }>('incremental');
    const edicion = await e.pedir<{ ms: number; editados: number }>('editar 100');
    const busqueda = await e.pedir<{
      resultado: Record<string, { p50: number; p95: number; n: number }>;
      terminos: Record<string, string[]>;
    }>('buscar');

    const servidor: Record<string, { p50: number; p95: number; n: number }> = {};
    for (const [tipo, lista] of Object.entries(busqueda.terminos)) {
      const tiempos: number[] = [];
      for (const q of lista.slice(0, 50)) {
        const t = performance.now();
        await (
          await fetch(`${API}/ppsh/solicitudes?page_size=20&buscar=${encodeURIComponent(q)}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json();
        tiempos.push(performance.now() - t);
      }
      servidor[tipo] = { p50: percentil(tiempos, 50), p95: percentil(tiempos, 95), n: tiempos.length };
    }
    const { pico_rss } = await e.pedir<{ pico_rss: number }>('salir');

    console.log(
      `\nSincronización sin conexión: ${CASOS} casos (${copia.filas} filas sincronizadas; ${filasDesk} en el escritorio)`,
    );
    console.log(
      `Primera sincronización por HTTP: ${(primera.ms / 1000).toFixed(1)} s, ${Math.round(filasDesk / (primera.ms / 1000))} filas/s`,
    );
    console.log(
      `Copia directa SQLite→SQLite:     ${(copia.ms / 1000).toFixed(1)} s, ${Math.round(copia.filas / (copia.ms / 1000))} filas/s`,
    );
    console.log(`Relación HTTP / copia directa:   ${(primera.ms / copia.ms).toFixed(2)}×`);
    console.log(
      `RSS pico del escritorio durante la primera sincronización: ${mb(Math.max(pico_rss, primera.pico_rss))}`,
    );
    console.log(
      `Incremental, ${ids.items.length} casos cambiados en el servidor → escritorio: ${incremental.ms.toFixed(0)} ms`,
    );
    console.log(
      `Ida y vuelta, ${edicion.editados} casos editados en el escritorio (encolar + push + pull): ${edicion.ms.toFixed(0)} ms`,
    );
    console.log('\nBúsqueda          local FTS5 p50 / p95       servidor (/ppsh/solicitudes?buscar=) p50 / p95');
    for (const tipo of Object.keys(busqueda.resultado)) {
      const l = busqueda.resultado[tipo]!;
      const s = servidor[tipo]!;
      console.log(
        `${tipo.padEnd(16)}  ${l.p50.toFixed(2)} / ${l.p95.toFixed(2)} ms (n=${l.n})`.padEnd(44) +
          `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms (n=${s.n})`,
      );
    }
    await e.fin;
  } finally {
    await detener(api);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(base.dir, { recursive: true, force: true });
  }
}

await main();

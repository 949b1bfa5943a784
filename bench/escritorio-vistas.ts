/**
 * The desk's supervisor and office views on a full local store (`npm run bench:escritorio-vistas`; CASES=… to run
 * smaller, STORE=<desk tramites.db> to measure an existing store, which is kept). Figures, not pass/fail, each as a ratio
 * to the baseline measured in the same run: the caseload's first page (50 rows, default order), the screen an officer
 * opens most. Measured: the dashboard's local figures, the approval queue's first page, a caseload page of 500 rows
 * (the per-row overdue flag), and the applicant receipt PDF.
 */
import Database from 'better-sqlite3';
import { ConsultaExpedientes } from '#shared/bridge/contrato';
import type { UsuarioSesion } from '#shared/bridge/tipos';
import { colaAprobacion } from '../main/src/core/aprobacion/cola.js';
import { consultarExpedientes } from '../main/src/core/caseload/consultas.js';
import { datosRecibo, pdfRecibo } from '../main/src/core/recibo/recibo.js';
import { cifrasLocales } from '../main/src/core/tablero/cifras.js';
import { storeDeEscritorio } from './sync-copia.js';

const VECES = 20;
const percentil = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function medir(f: () => unknown): Promise<{ p50: number; p95: number }> {
  await f(); // warm the page cache and the statement cache
  const tiempos: number[] = [];
  for (let i = 0; i < VECES; i++) {
    const t = performance.now();
    await f();
    tiempos.push(performance.now() - t);
  }
  return { p50: percentil(tiempos, 50), p95: percentil(tiempos, 95) };
}

const USUARIO: UsuarioSesion = {
  id: 'bench',
  username: 'bench',
  nombre: 'Banco de pruebas',
  rol: 'SUPERVISOR',
  cod_agencia: '02',
};

const { archivo, limpiar } = await storeDeEscritorio();
try {
  const db = new Database(archivo, { readonly: true });
  const { n } = db.prepare('select count(*) as n from ppsh_solicitudes').get() as { n: number };
  const { id: conDependientes } = db
    .prepare(`select solicitud_id as id from ppsh_solicitantes group by solicitud_id having count(*) > 2 limit 1`)
    .get() as { id: string };

  const base = await medir(() => consultarExpedientes(db, ConsultaExpedientes.parse({})));
  const filas: [string, { p50: number; p95: number }][] = [
    ['bandeja: primera página de 50 (línea base)', base],
    [
      'bandeja: página de 500 (marca vencido por fila)',
      await medir(() => consultarExpedientes(db, ConsultaExpedientes.parse({ limite: 500 }))),
    ],
    ['tablero.cifras (parte local)', await medir(() => cifrasLocales(db))],
    [
      'aprobacion.cola: primera página de 50',
      await medir(() => colaAprobacion(db, 'SUPERVISOR', { limite: 50, desplazamiento: 0 })),
    ],
    [
      'recibo.generar (PDF con QR y 2+ dependientes)',
      await medir(() => pdfRecibo(datosRecibo(db, conDependientes, USUARIO, new Date()))),
    ],
  ];
  console.log(`\nVistas del escritorio sobre ${n} casos locales (${VECES} repeticiones; p50 / p95)`);
  for (const [nombre, m] of filas)
    console.log(
      `${nombre.padEnd(50)}${`${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} ms`.padEnd(22)}${(m.p50 / base.p50).toFixed(1)}× la línea base`,
    );
  db.close();
} finally {
  limpiar();
}

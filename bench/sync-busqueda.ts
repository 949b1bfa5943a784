/**
 * Local caseload search at the desk (`npx tsx bench/sync-busqueda.ts`; CASES=… to run smaller). Figures, not pass/fail:
 * a desk store filled with the demo caseload (copied straight from a seeded server database), then the first page
 * (20 rows) of a name, document and number search, with the capped count (the default) and with the exact count.
 * STORE=<desk tramites.db> measures an existing store instead (seeding 100,000 cases takes minutes); it is kept.
 */
import Database from 'better-sqlite3';
import { ConsultaExpedientes } from '#shared/bridge/contrato';
import { consultarExpedientes } from '../main/src/core/caseload/consultas.js';
import { storeDeEscritorio } from './sync-copia.js';

const percentil = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function terminos(db: Database.Database): Record<string, string[]> {
  const personas = db
    .prepare(
      `select datos->>'primer_apellido' as a, datos->>'primer_nombre' as n, datos->>'num_documento' as d
       from ppsh_solicitantes where rid % 997 = 0 limit 100`,
    )
    .all() as { a: string; n: string; d: string }[];
  const numeros = db
    .prepare(`select num_expediente as n from ppsh_solicitudes where rid % 991 = 0 limit 100`)
    .all() as { n: string }[];
  return {
    apellido: personas.map((f) => f.a.toLowerCase()),
    'nombre apellido': personas.map((f) => `${f.n} ${f.a}`.toLowerCase()),
    documento: personas.map((f) => f.d.slice(-5)),
    numero: numeros.map((f) => f.n.slice(5, 14)),
  };
}

const { archivo, limpiar } = await storeDeEscritorio();
try {
  const db = new Database(archivo, { readonly: true });
  const { n } = db.prepare('select count(*) as n from ppsh_solicitudes').get() as { n: number };
  console.log(
    `\nBúsqueda local, primera página de 20, ${n} casos`.padEnd(52) + 'conteo con tope (defecto)   conteo exacto',
  );
  for (const [tipo, lista] of Object.entries(terminos(db))) {
    const medir = (contar_exacto: boolean) => {
      const tiempos: number[] = [];
      let coincidencias = 0;
      for (const buscar of lista) {
        const c = ConsultaExpedientes.parse({ buscar, limite: 20, contar_exacto });
        const t = performance.now();
        coincidencias += consultarExpedientes(db, c).total;
        tiempos.push(performance.now() - t);
      }
      return { p50: percentil(tiempos, 50), p95: percentil(tiempos, 95), media: coincidencias / lista.length };
    };
    medir(false); // warm the page cache
    const tope = medir(false);
    const exacto = medir(true);
    console.log(
      `${tipo.padEnd(16)} (n=${lista.length}, ~${exacto.media.toFixed(0)} coincidencias)`.padEnd(52) +
        `${tope.p50.toFixed(2)} / ${tope.p95.toFixed(2)} ms`.padEnd(28) +
        `${exacto.p50.toFixed(2)} / ${exacto.p95.toFixed(2)} ms`,
    );
  }
  db.close();
} finally {
  limpiar();
}

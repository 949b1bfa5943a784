/** The server's rows straight into a desk store (no HTTP): bench:sync's baseline and bench:sync-busqueda's data. */
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as cederTurno } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { abrirStore } from '../main/src/core/store/abrir.js';
import { IndiceBusqueda } from '../main/src/core/store/busqueda.js';
import { Espejo } from '../main/src/core/store/espejo.js';
import { esTablaCaso } from '../main/src/core/store/tablas.js';
import { COLUMNAS_NO_SINCRONIZADAS, NOMBRES_TABLAS, TABLAS_SINCRONIZADAS } from '#shared/sync/protocolo';
import { sembrar } from './comun.js';

/** The baseline: the server's rows straight into a desk store, in the same batches as a pull, no network. */
export async function copiaDirecta(servidor: string, destino: string): Promise<{ ms: number; filas: number }> {
  const origen = new Database(servidor, { readonly: true });
  const db = abrirStore(destino);
  const espejo = new Espejo(db);
  const indice = new IndiceBusqueda(db);
  const inicio = performance.now();
  let filas = 0;
  for (const tabla of NOMBRES_TABLAS) {
    const { clave } = TABLAS_SINCRONIZADAS[tabla];
    const fuera = new Set(COLUMNAS_NO_SINCRONIZADAS[tabla] ?? []);
    const lote: Record<string, unknown>[] = [];
    const aplicar = () => {
      db.transaction(() => {
        const casos = new Set<string>();
        for (const f of lote) {
          for (const c of fuera) delete f[c];
          espejo.aplicarRemota(tabla, String(f[clave]), Number(f.version), f);
          if (esTablaCaso(tabla)) casos.add(String(f.id));
          if (tabla === 'ppsh_solicitantes') casos.add(String(f.solicitud_id));
        }
        indice.reindexar(casos);
      })();
      filas += lote.length;
      lote.length = 0;
    };
    for (const f of origen.prepare(`select * from ${tabla}`).iterate() as Iterable<Record<string, unknown>>) {
      lote.push(f);
      if (lote.length === 500) {
        aplicar();
        await cederTurno();
      }
    }
    if (lote.length) aplicar();
  }
  const ms = performance.now() - inicio;
  origen.close();
  db.close();
  return { ms, filas };
}

/**
 * A desk store to measure: STORE=<desk tramites.db> (kept), else a seeded server database copied into a new store
 * (removed by `limpiar`).
 */
export async function storeDeEscritorio(): Promise<{ archivo: string; limpiar: () => void }> {
  if (process.env.STORE) return { archivo: process.env.STORE, limpiar: () => undefined };
  const base = await sembrar();
  const archivo = path.join(base.dir, 'escritorio', 'tramites.db');
  await copiaDirecta(base.archivo, archivo);
  return { archivo, limpiar: () => fs.rmSync(base.dir, { recursive: true, force: true }) };
}

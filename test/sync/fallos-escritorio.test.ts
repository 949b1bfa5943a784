/**
 * A desk killed (SIGKILL) in the middle of a pull or a push: on restart its store is intact and it converges, with no
 * command lost or applied twice. The desk runs as a child process (tsx) against a real in-process API server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { nuevoDirectorio } from '../core/helpers/escritorio.js';
import { versionesServidor } from './helpers/escenario.js';

const HIJO = path.join(import.meta.dirname, 'helpers', 'escritorio-hijo.ts');
const TSX = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

interface Hijo {
  proceso: ChildProcess;
  eventos: Record<string, unknown>[];
  /** Resolves with the first event that satisfies `cond`. */
  esperar(cond: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  fin: Promise<number | null>;
}

function lanzar(dir: string, usuario: string, orden: string): Hijo {
  const proceso = spawn(TSX, [HIJO, dir, s.api, usuario, orden], { stdio: ['ignore', 'pipe', 'pipe'] });
  const eventos: Record<string, unknown>[] = [];
  const esperas: { cond: (e: Record<string, unknown>) => boolean; resolver: (e: Record<string, unknown>) => void }[] =
    [];
  let resto = '';
  let errores = '';
  proceso.stderr!.on('data', (d: Buffer) => (errores += d.toString()));
  proceso.stdout!.on('data', (d: Buffer) => {
    const lineas = (resto + d.toString()).split('\n');
    resto = lineas.pop()!;
    for (const l of lineas) {
      const e = JSON.parse(l) as Record<string, unknown>;
      eventos.push(e);
      for (const w of esperas.filter((x) => x.cond(e))) w.resolver(e);
    }
  });
  const fin = new Promise<number | null>((r) => proceso.on('exit', (code) => r(code)));
  return {
    proceso,
    eventos,
    fin,
    esperar: (cond) =>
      new Promise((resolver, rechazar) => {
        const ya = eventos.find(cond);
        if (ya) return resolver(ya);
        esperas.push({ cond, resolver });
        void fin.then((code) =>
          rechazar(new Error(`el escritorio terminó (${code}) sin el evento esperado: ${errores}`)),
        );
      }),
  };
}

function revisarStore(dir: string) {
  const db = new Database(path.join(dir, 'tramites.db'), { readonly: true });
  try {
    return {
      integridad: db.pragma('integrity_check', { simple: true }),
      versiones: Object.fromEntries(
        (
          db.prepare(`select id, datos->>'version' as v from ppsh_solicitudes`).all() as { id: string; v: number }[]
        ).map((r) => [r.id, Number(r.v)]),
      ),
      outbox: (db.prepare('select count(*) as n from outbox').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

// Child processes (tsx start-up, a first sync in small pages) need more than the default 30 s on a busy 2-core machine.
describe('un escritorio interrumpido a la fuerza', { timeout: 180_000 }, () => {
  it('muerto a mitad del primer pull, al reiniciar su base está íntegra y converge', async () => {
    const dir = nuevoDirectorio('hijo-pull-');
    try {
      const primero = lanzar(dir, 'recepcion', 'sincronizar');
      await primero.esperar((e) => e.evento === 'pagina' && Number(e.filas) >= 300);
      primero.proceso.kill('SIGKILL');
      await primero.fin;
      expect(revisarStore(dir).integridad).toBe('ok');

      const segundo = lanzar(dir, 'recepcion', 'sincronizar');
      const listo = await segundo.esperar((e) => e.evento === 'listo');
      expect(listo).toMatchObject({ conectado: true, pendientes: 0, primera_sync: null });
      const store = revisarStore(dir);
      expect(store.integridad).toBe('ok');
      expect(store.versiones).toEqual(await versionesServidor(s, '02'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('muerto a mitad del push, al reiniciar no pierde ni duplica ningún comando', async () => {
    const dir = nuevoDirectorio('hijo-push-');
    const caso = await s.db
      .selectFrom('ppsh_solicitudes')
      .select('id')
      .where('cod_agencia', '=', '02')
      .where('estado_actual', '=', 'EN_EVALUACION')
      .executeTakeFirstOrThrow();
    const N = 250;
    const comentarios = () =>
      s.db
        .selectFrom('ppsh_comentarios')
        .select(['comentario'])
        .where('solicitud_id', '=', caso.id)
        .where('comentario', 'like', 'Nota %')
        .execute();
    try {
      const primero = lanzar(dir, 'recepcion', `comentar:${caso.id}:${N}`);
      await primero.esperar((e) => e.evento === 'encolados');
      // Kill as soon as the server has stored some of them, before the desk has settled them all.
      for (let i = 0; i < 400 && (await comentarios()).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      primero.proceso.kill('SIGKILL');
      await primero.fin;
      const aMedias = (await comentarios()).length;
      expect(aMedias).toBeGreaterThan(0);
      expect(revisarStore(dir).integridad).toBe('ok');

      const segundo = lanzar(dir, 'recepcion', 'sincronizar');
      expect(await segundo.esperar((e) => e.evento === 'listo')).toMatchObject({
        conectado: true,
        pendientes: 0,
        fallidos: 0,
      });
      const guardados = (await comentarios()).map((c) => c.comentario);
      expect(guardados).toHaveLength(N);
      expect(new Set(guardados).size).toBe(N);
      const store = revisarStore(dir);
      expect(store).toMatchObject({ integridad: 'ok', outbox: 0 });
      expect(store.versiones).toEqual(await versionesServidor(s, '02'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

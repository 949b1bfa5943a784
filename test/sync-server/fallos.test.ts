/**
 * Faults: five desks push 200 commands each while the server process is SIGKILLed at random moments and restarted on
 * the same database file. The desks retry with the same mutationIds, as the real outbox does. Nothing may be lost and
 * nothing applied twice: the final state must equal applying every command once, in each desk's order.
 * The server runs as a real child process (node + tsx, the same entry point as `npx tsx server/src/index.ts`; started
 * without the npx wrapper so SIGKILL reaches the server itself).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, test } from 'vitest';
import type { Comando, ResultadoComando } from '#shared/sync/protocolo';
import { lanzarEnGrupo } from '../helpers/procesos.js';
import { PASSWORD_DEMO } from '../helpers/servidor.js';
import { comando, solicitudOffline } from './ayudas.js';

const ESCRITORIOS = ['recepcion', 'analista', 'recepcion', 'recepcion.darien', 'analista'];
const COMANDOS_POR_ESCRITORIO = 200;
const LOTE = 20;
const TRANSICION_EN = 100;
const MUERTES = 3;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-fallos-'));
let servidor: ChildProcess | undefined;
afterAll(() => {
  servidor?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Commands with a final answer, across all desks: the clock the kills are scheduled on. */
let liquidados = 0;
const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function puertoLibre(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => srv.once('listening', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

async function arrancar(puerto: number): Promise<ChildProcess> {
  const hijo = lanzarEnGrupo(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      PORT: String(puerto),
      HOST: '127.0.0.1',
      JWT_SECRET_KEY: 'clave-de-prueba-de-fallos-0123456789abcdef',
      JWT_ACCESS_TOKEN_EXPIRE_MINUTES: '60',
      ENVIRONMENT: 'testing',
      DEMO: 'true',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_ENABLED: 'false',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${puerto}/health`)).ok) return hijo;
    } catch {
      // not listening yet
    }
    await dormir(50);
  }
  throw new Error('el servidor no arrancó');
}

/** One desk's outbox: a case registered offline, then comments and edits on it, one state change in the middle. */
function bandeja(i: number) {
  const caso = solicitudOffline(`FALLOS-${i}`);
  const comandos: Comando[] = [comando('ppsh.registrar', caso)];
  for (let k = 1; k < COMANDOS_POR_ESCRITORIO; k++) {
    if (k === TRANSICION_EN)
      comandos.push(comando('ppsh.cambiarEstado', { solicitudId: caso.id, cambio: { estado_nuevo: 'EN_REVISION' } }));
    else if (k % 2)
      comandos.push(
        comando('ppsh.comentar', {
          solicitudId: caso.id,
          comentario: { id: uuidv7(), comentario: `c-${k}`, es_interno: true },
        }),
      );
    else
      comandos.push(comando('ppsh.editar', { solicitudId: caso.id, cambios: { observaciones_generales: `obs-${k}` } }));
  }
  return { caso, comandos: comandos.map((c) => ({ ...c, clientId: `escritorio-${i}` })) };
}

/** Pushes the outbox in batches; a network error or a retryable answer means: same commands again, later. */
async function sincronizar(
  base: string,
  token: string,
  clientId: string,
  comandos: ReturnType<typeof bandeja>['comandos'],
) {
  const resultados = new Map<string, ResultadoComando>();
  let reintentos = 0;
  for (let i = 0; i < comandos.length;) {
    const lote = comandos.slice(i, i + LOTE);
    try {
      const r = await fetch(`${base}/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, comandos: lote }),
      });
      if (r.status !== 200) throw new Error(`push ${r.status}`);
      const { resultados: rs } = (await r.json()) as { resultados: ResultadoComando[] };
      for (const x of rs.filter((x) => !x.reintentable)) {
        if (!resultados.has(x.mutationId)) liquidados++;
        resultados.set(x.mutationId, x);
      }
      i += rs.filter((x) => !x.reintentable).length;
    } catch {
      reintentos++;
      await dormir(30 + Math.random() * 100);
    }
  }
  return { resultados, reintentos };
}

test(
  'con el servidor matado (SIGKILL) varias veces, ningún comando se pierde ni se aplica dos veces',
  { timeout: 180_000 },
  async () => {
    const puerto = await puertoLibre();
    const base = `http://127.0.0.1:${puerto}/api/v1`;
    servidor = await arrancar(puerto);
    const tokens = await Promise.all(
      ESCRITORIOS.map(async (username) => {
        const r = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD_DEMO }),
        });
        return ((await r.json()) as { access_token: string }).access_token;
      }),
    );
    const bandejas = ESCRITORIOS.map((_, i) => bandeja(i));

    // Kills land at random points of the run, drawn as progress thresholds so they fall mid-flow on any machine speed.
    const total = ESCRITORIOS.length * COMANDOS_POR_ESCRITORIO;
    const umbrales = Array.from({ length: MUERTES }, () => Math.floor(total * (0.05 + Math.random() * 0.85))).sort(
      (a, b) => a - b,
    );
    let muertes = 0;
    const verdugo = (async () => {
      for (const umbral of umbrales) {
        while (liquidados < umbral) await dormir(5);
        const muerto = new Promise((r) => servidor!.once('exit', r));
        servidor!.kill('SIGKILL');
        await muerto;
        muertes++;
        servidor = await arrancar(puerto);
      }
    })();
    const envios = await Promise.all(
      bandejas.map((b, i) => sincronizar(base, tokens[i]!, `escritorio-${i}`, b.comandos)),
    );
    await verdugo;
    expect(muertes).toBe(MUERTES);

    expect(envios.reduce((n, e) => n + e.reintentos, 0)).toBeGreaterThan(0);
    for (const [i, b] of bandejas.entries()) {
      expect(b.comandos.map((c) => envios[i]!.resultados.get(c.mutationId)?.status)).toEqual(
        b.comandos.map(() => 'applied'),
      );
    }

    // Replaying every outbox answers from the stored outcomes and changes nothing.
    const replay = await Promise.all(
      bandejas.map((b, i) => sincronizar(base, tokens[i]!, `escritorio-${i}`, b.comandos)),
    );
    for (const [i, r] of replay.entries())
      expect([...r.resultados.values()]).toEqual([...envios[i]!.resultados.values()]);

    servidor.kill('SIGKILL');
    const db = new Database(path.join(dir, 'tramites.db'), { readonly: true });
    try {
      const uno = <T>(q: string, ...p: unknown[]) => db.prepare(q).get(...p) as T;
      const cuantos = (q: string, ...p: unknown[]) => uno<{ n: number }>(q, ...p).n;
      expect(uno<{ integrity_check: string }>('pragma integrity_check').integrity_check).toBe('ok');
      expect(cuantos("select count(*) n from sync_mutaciones where client_id like 'escritorio-%'")).toBe(
        ESCRITORIOS.length * COMANDOS_POR_ESCRITORIO,
      );

      for (const b of bandejas) {
        const comentarios = b.comandos
          .filter((c) => c.name === 'ppsh.comentar')
          .map((c) => (c.args as { comentario: { id: string } }).comentario.id);
        const ediciones = b.comandos.filter((c) => c.name === 'ppsh.editar');
        const caso = uno<{ version: number; estado_actual: string; observaciones_generales: string }>(
          'select * from ppsh_solicitudes where id = ?',
          b.caso.id,
        );
        // Applying the accepted commands once, in order: every comment once, the last edit wins, one state change.
        expect(caso).toMatchObject({
          version: 1 + ediciones.length + 1,
          estado_actual: 'EN_REVISION',
          observaciones_generales: (ediciones.at(-1)!.args as { cambios: { observaciones_generales: string } }).cambios
            .observaciones_generales,
        });
        const guardados = db
          .prepare('select id from ppsh_comentarios where solicitud_id = ? order by id')
          .all(b.caso.id) as { id: string }[];
        expect(guardados.map((c) => c.id)).toEqual([...comentarios].sort());
        expect(cuantos('select count(*) n from ppsh_estado_historial where solicitud_id = ?', b.caso.id)).toBe(2);
        expect(
          cuantos("select count(*) n from audit_log where entidad = 'ppsh_solicitudes' and entidad_id = ?", b.caso.id),
        ).toBe(caso.version);
        expect(
          cuantos(
            "select count(*) n from sync_cambios where tabla = 'ppsh_solicitudes' and fila_id = ? and version = ?",
            b.caso.id,
            caso.version,
          ),
        ).toBe(1);
      }
    } finally {
      db.close();
    }
  },
);

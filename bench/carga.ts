/**
 * npm run bench:carga — 200 simulated desks (ESCRITORIOS) syncing and working for 60 s (CARGA_SEGUNDOS) against one API
 * process, while 20 officers (FUNCIONARIOS) read the caseload over REST. Each desk, every 0.5–1.5 s: pushes 1–3
 * commands (comments, payments, now and then a new case) or pulls its office's changes from its own cursor.
 * Printed: requests, req/s, p50/p99 per kind, errors (goal zero), the server's RSS, and the same figures of a baseline
 * measured in this run (Express "hello world" and the API's /health under autocannon, 10 connections).
 */
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Comando } from '#shared/sync/protocolo';
import { detener, iniciarApi, iniciarHola, login, medir, sembrar, type Medida } from './comun.js';

const ESCRITORIOS = Number(process.env.ESCRITORIOS ?? 200);
const FUNCIONARIOS = Number(process.env.FUNCIONARIOS ?? 20);
const SEGUNDOS = Number(process.env.CARGA_SEGUNDOS ?? 60);
const CASOS = Number(process.env.CASES ?? 5000);
const PUERTO_HOLA = 18_091;
const PUERTO_API = 18_092;

/** Demo users by office: a desk works as one of them (several desks share an account, as shifts do). */
const USUARIOS = [
  { username: 'recepcion', oficina: '02' },
  { username: 'analista', oficina: '02' },
  { username: 'supervisor', oficina: '02' },
  { username: 'admin', oficina: '02' },
  { username: 'recepcion.darien', oficina: '04' },
];

class Latencias {
  readonly ms: number[] = [];
  errores = 0;
  /** First few error answers, to say what failed. */
  readonly muestras: string[] = [];

  registrar(ms: number, error?: string) {
    this.ms.push(ms);
    if (error) {
      this.errores++;
      if (this.muestras.length < 3) this.muestras.push(error);
    }
  }

  percentil(p: number): number {
    const orden = [...this.ms].sort((a, b) => a - b);
    return orden.length ? Math.round(orden[Math.min(orden.length - 1, Math.floor((p / 100) * orden.length))]!) : 0;
  }
}

const tipos = { push: new Latencias(), pull: new Latencias(), lectura: new Latencias() };

async function pedir(tipo: keyof typeof tipos, url: string, token: string, cuerpo?: unknown): Promise<unknown> {
  const inicio = performance.now();
  try {
    const r = await fetch(url, {
      method: cuerpo ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, ...(cuerpo ? { 'content-type': 'application/json' } : {}) },
      body: cuerpo ? JSON.stringify(cuerpo) : undefined,
    });
    const json = (await r.json()) as { resultados?: { status: string; message?: string }[] };
    const rechazado = json.resultados?.find((x) => x.status !== 'applied');
    const error = !r.ok
      ? `${r.status} ${JSON.stringify(json).slice(0, 200)}`
      : rechazado
        ? JSON.stringify(rechazado)
        : undefined;
    tipos[tipo].registrar(performance.now() - inicio, error);
    return json;
  } catch (e) {
    tipos[tipo].registrar(performance.now() - inicio, e instanceof Error ? e.message : String(e));
    return undefined;
  }
}

const esperar = (ms: number) => new Promise((r) => setTimeout(r, ms));
const azar = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function rssMb(pid: number): number {
  const linea = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return linea ? Math.round(Number(linea[1]) / 1024) : 0;
}

const base = await sembrar(CASOS);
const lector = new Database(base.archivo, { readonly: true });
const abiertos = (oficina: string) =>
  lector
    .prepare(
      `select s.id from ppsh_solicitudes s join ppsh_estados e on e.cod_estado = s.estado_actual
       where s.cod_agencia = ? and e.es_final = 0 limit 500`,
    )
    .pluck()
    .all(oficina) as string[];
const casosPorOficina: Record<string, string[]> = { '02': abiertos('02'), '04': abiertos('04') };
const concepto = lector.prepare('select cod_concepto from ppsh_conceptos_pago limit 1').pluck().get() as string;
lector.close();

const hola = await iniciarHola(PUERTO_HOLA);
const api = await iniciarApi(base, PUERTO_API);
const url = `http://127.0.0.1:${PUERTO_API}`;
try {
  const lineaHola = await medir('Express "hello world" (línea base)', `http://127.0.0.1:${PUERTO_HOLA}/`);
  const lineaSalud = await medir('API GET /health sin carga', `${url}/health`);
  const rssInicial = rssMb(api.pid!);

  const sesiones = await Promise.all(
    USUARIOS.map(async (u) => {
      const token = await login(url, u.username);
      // Desks start caught up: the cursor after a full pull of the office.
      let cursor = '0';
      for (;;) {
        const p = (await (
          await fetch(`${url}/api/v1/sync/pull?cursor=${cursor}&limit=5000`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { nextCursor: string; hasMore: boolean };
        cursor = p.nextCursor;
        if (!p.hasMore) break;
      }
      return { ...u, token, cursor };
    }),
  );
  console.log(
    `${ESCRITORIOS} escritorios y ${FUNCIONARIOS} funcionarios durante ${SEGUNDOS} s; ${CASOS} casos sembrados`,
  );

  const fin = Date.now() + SEGUNDOS * 1000;
  let rssMax = rssInicial;
  const muestreo = setInterval(() => (rssMax = Math.max(rssMax, rssMb(api.pid!))), 1000);

  async function escritorio(i: number) {
    const s = sesiones[i % sesiones.length]!;
    const clientId = `escritorio-carga-${i}`;
    let cursor = s.cursor;
    const puedeRegistrar = s.username.startsWith('recepcion') || s.username === 'admin';
    await esperar(Math.random() * 1500);
    while (Date.now() < fin) {
      if (Math.random() < 0.5) {
        const p = (await pedir(
          'pull',
          `${url}/api/v1/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=500`,
          s.token,
        )) as { nextCursor: string } | undefined;
        if (p?.nextCursor) cursor = p.nextCursor;
      } else {
        const comandos: Comando[] = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, (): Comando => {
          const solicitudId = azar(casosPorOficina[s.oficina]!);
          const x = Math.random();
          if (x < 0.1 && puedeRegistrar)
            return {
              mutationId: uuidv7(),
              clientId,
              name: 'ppsh.registrar',
              args: {
                id: uuidv7(),
                referencia_provisional: `CARGA-${i}-${Date.now() % 1e6}`,
                tipo_solicitud: 'INDIVIDUAL',
                cod_causa_humanitaria: 4,
                descripcion_caso: 'Registro durante la prueba de carga',
                prioridad: 'NORMAL',
                solicitantes: [
                  {
                    es_titular: true,
                    tipo_documento: 'PASAPORTE',
                    num_documento: `CG${uuidv7().slice(-7).toUpperCase()}`,
                    pais_emisor: 'VEN',
                    primer_nombre: 'Ana',
                    primer_apellido: 'Carga',
                    fecha_nacimiento: '1990-01-01',
                    cod_sexo: 'F',
                    cod_nacionalidad: 'VEN',
                  },
                ],
              },
            } as Comando;
          if (x < 0.3 && puedeRegistrar && s.username !== 'admin')
            return {
              mutationId: uuidv7(),
              clientId,
              name: 'ppsh.registrarPago',
              args: { solicitudId, pago: { id: uuidv7(), tipo_concepto: concepto, metodo_pago: 'EFECTIVO' } },
            };
          return {
            mutationId: uuidv7(),
            clientId,
            name: 'ppsh.comentar',
            args: {
              solicitudId,
              comentario: { id: uuidv7(), comentario: `Nota de la ventanilla ${i}`, es_interno: true },
            },
          };
        });
        await pedir('push', `${url}/api/v1/sync/push`, s.token, { clientId, comandos });
      }
      await esperar(500 + Math.random() * 1000);
    }
  }

  async function funcionario(i: number) {
    const s = sesiones[i % sesiones.length]!;
    while (Date.now() < fin) {
      const x = Math.random();
      const ruta =
        x < 0.4
          ? '/ppsh/solicitudes?page_size=20&orden=-fecha_solicitud'
          : x < 0.7
            ? `/ppsh/solicitudes/${azar(casosPorOficina[s.oficina]!)}`
            : '/casos?page_size=20&buscar=gonzalez';
      await pedir('lectura', `${url}/api/v1${ruta}`, s.token);
      await esperar(200 + Math.random() * 300);
    }
  }

  const inicio = performance.now();
  await Promise.all([
    ...Array.from({ length: ESCRITORIOS }, (_, i) => escritorio(i)),
    ...Array.from({ length: FUNCIONARIOS }, (_, i) => funcionario(i)),
  ]);
  const segundos = (performance.now() - inicio) / 1000;
  clearInterval(muestreo);
  const rssFinal = rssMb(api.pid!);
  const lineaSaludFinal = await medir('API GET /health después de la carga', `${url}/health`);

  const filas = Object.entries(tipos).map(([nombre, l]) => ({ nombre, l }));
  const total = filas.reduce((n, f) => n + f.l.ms.length, 0);
  const errores = filas.reduce((n, f) => n + f.l.errores, 0);
  const lineas: Medida[] = [lineaHola, lineaSalud, lineaSaludFinal];
  console.log('\n| línea base (autocannon, 10 conexiones) | req/s | p50 ms | p99 ms | errores |');
  console.log('|---|---:|---:|---:|---:|');
  for (const m of lineas)
    console.log(`| ${m.nombre} | ${m.reqPorSeg.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.errores} |`);
  console.log(
    `\n| carga (${ESCRITORIOS} escritorios + ${FUNCIONARIOS} funcionarios) | peticiones | req/s | p50 ms | p99 ms | errores | p99 / p99 de /health sin carga |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const { nombre, l } of filas)
    console.log(
      `| ${nombre} | ${l.ms.length} | ${(l.ms.length / segundos).toFixed(1)} | ${l.percentil(50)} | ${l.percentil(99)} | ${l.errores} | ${(l.percentil(99) / Math.max(1, lineaSalud.p99)).toFixed(1)} |`,
    );
  console.log(
    `\nTotal: ${total} peticiones en ${segundos.toFixed(1)} s = ${(total / segundos).toFixed(1)} req/s (${(total / segundos / lineaHola.reqPorSeg).toFixed(4)} de la línea base "hello world"); errores: ${errores}`,
  );
  console.log(`RSS del servidor: ${rssInicial} MB al empezar, ${rssMax} MB máximo, ${rssFinal} MB al terminar`);
  // Other processes on the machine skew every figure, the baseline included: the load average says how much.
  console.log(`Carga media de la máquina (1 min): ${os.loadavg()[0]!.toFixed(1)} con ${os.availableParallelism()} CPU`);
  for (const { nombre, l } of filas) for (const m of l.muestras) console.log(`  error de ${nombre}: ${m}`);
  process.exitCode = errores ? 1 : 0;
} finally {
  await detener(api);
  await detener(hola);
  fs.rmSync(base.dir, { recursive: true, force: true });
}

/**
 * Sync metrics on the app's registry (http/metricas.ts): push outcomes, pulls, the feed's head and how far clients lag,
 * and per office what the alerts of deploy/monitoring/alerts/api-alerts.yml watch: commands still queued at its desks,
 * age of its last applied command, and its rejected commands of the last 24 h.
 *
 * Queued commands come from what each desk reports with its pushes (header CABECERA_PENDIENTES), kept on the desk's row
 * of sync_escritorios (migration 0036), one row per user and clientId: a clientId is only a label the desk chose, so
 * another officer who sends the same one (from another office, say) reports on a row of her own and never moves the
 * first user's desk or office. Reports are bounded (an integer up to MAX_PENDIENTES), a user counts with her
 * ESCRITORIOS_POR_USUARIO most recently seen desks, and a desk silent for a day leaves the figure: however many clientIds
 * one account makes up, its office's figure moves by at most ESCRITORIOS_POR_USUARIO × MAX_PENDIENTES.
 */
import client from 'prom-client';
import { sql } from 'kysely';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';

export type MetricasSync = ReturnType<typeof crearMetricasSync>;

const VENTANA_RECHAZOS_MS = 24 * 3_600_000;

/** A desk's report is believed up to this: an outbox that long is stuck anyway, and a larger number is not a real one. */
export const MAX_PENDIENTES = 10_000;
/** Desks of one user that count: her most recently seen (an officer works at one or two). */
export const ESCRITORIOS_POR_USUARIO = 5;
/** A desk not heard from for this long is off (or gone) and leaves the figure. */
export const VENTANA_ESCRITORIO_MS = 24 * 3_600_000;

/** The desk's word on its queue: a non-negative integer, capped; anything else is no report. */
export function pendientesInformados(valor: string | undefined): number | undefined {
  const v = valor?.trim();
  if (v === undefined || !/^\d{1,12}$/.test(v)) return undefined;
  return Math.min(Number(v), MAX_PENDIENTES);
}

/** An app version as IT would read it ("1.4.2", "1.5.0-beta.1"); anything else is not kept. */
const versionInformada = (valor: string | undefined) => {
  const v = valor?.trim();
  return v && /^[\w.+-]{1,40}$/.test(v) ? v : undefined;
};

/** Queued commands per office: each user's most recent desks seen within the window, summed. */
async function pendientesPorOficina(db: Db): Promise<{ agencia: string; total: unknown }[]> {
  const desde = new Date(Date.now() - VENTANA_ESCRITORIO_MS).toISOString();
  const recientes = db
    .selectFrom('sync_escritorios')
    .select([
      'cod_agencia',
      'pendientes',
      sql<number>`row_number() over (partition by usuario_id order by ultimo_contacto desc, client_id)`.as('orden'),
    ])
    .where('ultimo_contacto', '>=', desde)
    .where('pendientes', 'is not', null)
    .where('cod_agencia', 'is not', null);
  const filas = await db
    .selectFrom(recientes.as('e'))
    .select(['e.cod_agencia as agencia', (eb) => eb.fn.sum<number>('e.pendientes').as('total')])
    .where('e.orden', '<=', ESCRITORIOS_POR_USUARIO)
    .groupBy('e.cod_agencia')
    .execute();
  return filas.map((f) => ({ agencia: f.agencia!, total: f.total }));
}

interface EstadoOficina {
  agencia: string;
  ultimoAplicado: unknown;
  rechazados: number | string | bigint;
}

/** One grouped read of the stored outcomes (sync_mutaciones) by the office of the user who pushed them. */
async function estadoPorOficina(db: Db): Promise<EstadoOficina[]> {
  const desde = new Date(Date.now() - VENTANA_RECHAZOS_MS).toISOString();
  return db
    .selectFrom('sync_mutaciones as m')
    .innerJoin('usuarios as u', 'u.id', 'm.usuario_id')
    .select([
      'u.cod_agencia as agencia',
      sql<unknown>`max(case when m.estado = 'applied' then m.created_at end)`.as('ultimoAplicado'),
      sql<number>`sum(case when m.estado in ('rejected', 'conflict') and m.created_at >= ${desde} then 1 else 0 end)`.as(
        'rechazados',
      ),
    ])
    .groupBy('u.cod_agencia')
    .execute();
}

export function crearMetricasSync(registry: client.Registry, db: Db) {
  new client.Gauge({
    name: 'sync_change_sequence',
    help: 'Último número de la secuencia de cambios de sincronización',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      // A busy database (another worker's long write) must not fail the whole scrape: keep the last figure.
      const c = await db
        .selectFrom('sync_contador')
        .select('seq')
        .where('id', '=', 1)
        .executeTakeFirst()
        .catch(() => undefined);
      if (c) this.set(Number(c.seq));
    },
  });

  // prom-client starts every metric's collect of a scrape in the same tick: the two gauges below share one grouped query,
  // forgotten once that tick is over so the next scrape reads afresh.
  let lectura: Promise<EstadoOficina[]> | undefined;
  const estado = () => {
    if (!lectura) {
      // Unreadable for a moment (busy database): this scrape shows no office rather than failing as a whole.
      lectura = estadoPorOficina(db).catch(() => []);
      setImmediate(() => (lectura = undefined));
    }
    return lectura;
  };
  new client.Gauge({
    name: 'sync_last_success_age_seconds',
    help: 'Segundos desde el último comando aplicado de una estación de la oficina',
    labelNames: ['agencia'],
    registers: [registry],
    // Every worker reads the same database: across a cluster the figure is one, not a sum.
    aggregator: 'max',
    async collect() {
      this.reset();
      for (const o of await estado()) {
        // SQLite keeps ISO text, SQL Server a datetime2 the driver returns as Date: both parse the same way.
        const instante = o.ultimoAplicado ? new Date(o.ultimoAplicado as string | Date).getTime() : NaN;
        if (Number.isFinite(instante)) this.set({ agencia: o.agencia }, Math.max(0, (Date.now() - instante) / 1000));
      }
    },
  });
  new client.Gauge({
    name: 'sync_rejected_commands',
    help: 'Comandos rechazados o en conflicto en las últimas 24 h, por oficina',
    labelNames: ['agencia'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      this.reset();
      for (const o of await estado()) this.set({ agencia: o.agencia }, Number(o.rechazados ?? 0));
    },
  });

  new client.Gauge({
    name: 'sync_pending_commands',
    help: 'Comandos en cola en las estaciones de la oficina según su último envío',
    labelNames: ['agencia'],
    registers: [registry],
    // Read from the database: every worker gives the same figure.
    aggregator: 'max',
    async collect() {
      // Unreadable for a moment (busy database): this scrape shows no office rather than failing as a whole.
      const filas = await pendientesPorOficina(db).catch(() => undefined);
      if (!filas) return;
      this.reset();
      for (const f of filas) this.set({ agencia: f.agencia }, Number(f.total ?? 0));
    },
  });

  return {
    /** outcome: applied, rejected, conflict (stored), replayed (answered from a stored outcome), retry (not stored). */
    comandos: new client.Counter({
      name: 'sync_push_commands_total',
      help: 'Comandos recibidos por sincronización, por resultado',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    pulls: new client.Counter({
      name: 'sync_pull_requests_total',
      help: 'Peticiones de descarga de cambios (pull)',
      registers: [registry],
    }),
    retraso: new client.Histogram({
      name: 'sync_client_lag_changes',
      help: 'Cambios pendientes del cliente al empezar un pull (cabeza de la secuencia menos su cursor)',
      buckets: [0, 10, 100, 1_000, 10_000, 100_000, 1_000_000],
      registers: [registry],
    }),
    /**
     * What a desk said with a push (headers CABECERA_PENDIENTES and CABECERA_VERSION_APP), on the row of this user and
     * clientId that the push recorded (modules/sync/escritorios.ts); a push that recorded none (refused before) keeps
     * nothing.
     */
    async escritorio(actor: Actor, clientId: string, pendientes: string | undefined, version: string | undefined) {
      const n = pendientesInformados(pendientes);
      const v = versionInformada(version);
      await db
        .updateTable('sync_escritorios')
        .set({
          cod_agencia: actor.cod_agencia,
          ...(n === undefined ? {} : { pendientes: n }),
          ...(v === undefined ? {} : { version_app: v }),
        })
        .where('usuario_id', '=', actor.id)
        .where('client_id', '=', clientId)
        .execute();
    },
  };
}

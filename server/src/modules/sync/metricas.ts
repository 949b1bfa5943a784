/**
 * Sync metrics on the app's registry (http/metricas.ts): push outcomes, pulls, the feed's head and how far clients lag,
 * and per office what the alerts of deploy/monitoring/alerts/api-alerts.yml watch: commands still queued at its desks,
 * age of its last applied command, and its rejected commands of the last 24 h.
 */
import client from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

export type MetricasSync = ReturnType<typeof crearMetricasSync>;

const VENTANA_RECHAZOS_MS = 24 * 3_600_000;

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

  /** Latest outbox size each desk reported, kept per process (a desk's pushes usually reach the same worker). */
  const reportes = new Map<string, { agencia: string; pendientes: number }>();
  new client.Gauge({
    name: 'sync_pending_commands',
    help: 'Comandos en cola en las estaciones de la oficina según su último envío',
    labelNames: ['agencia'],
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.reset();
      const porOficina = new Map<string, number>();
      for (const r of reportes.values()) porOficina.set(r.agencia, (porOficina.get(r.agencia) ?? 0) + r.pendientes);
      for (const [agencia, n] of porOficina) this.set({ agencia }, n);
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
    /** A desk's report of its queue (header CABECERA_PENDIENTES); anything but a non-negative integer is ignored. */
    pendientes(agencia: string, clientId: string, valor: string | undefined) {
      if (valor === undefined || !/^\d{1,9}$/.test(valor.trim())) return;
      reportes.set(clientId, { agencia, pendientes: Number(valor.trim()) });
    },
  };
}

/** Sync metrics on the app's registry (http/metricas.ts): push outcomes, pulls, the feed's head and how far clients lag. */
import client from 'prom-client';

export type MetricasSync = ReturnType<typeof crearMetricasSync>;

export function crearMetricasSync(registry: client.Registry, ultimoCambio: () => Promise<number>) {
  new client.Gauge({
    name: 'sync_change_sequence',
    help: 'Último número de la secuencia de cambios de sincronización',
    registers: [registry],
    async collect() {
      this.set(await ultimoCambio());
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
  };
}

/** Prometheus metrics (prom-client), one registry per app so tests can run several servers in one process. */
import type { RequestHandler } from 'express';
import client from 'prom-client';

export interface Metricas {
  registry: client.Registry;
  tramitesCreados: client.Counter<'tipo'>;
  middleware: RequestHandler;
}

export function crearMetricas(tramitesActivos: () => Promise<Record<string, number>>): Metricas {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const peticiones = new client.Counter({
    name: 'http_requests_total',
    help: 'Peticiones HTTP atendidas',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duracion = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duración de las peticiones HTTP',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [registry],
  });
  const tramitesCreados = new client.Counter({
    name: 'tramites_created_total',
    help: 'Trámites (expedientes) creados',
    labelNames: ['tipo'],
    registers: [registry],
  });
  new client.Gauge({
    name: 'tramites_activos',
    help: 'Expedientes activos no finalizados, por oficina',
    labelNames: ['agencia'],
    registers: [registry],
    // Every worker process reads the same database: aggregated across a cluster the figure is one, not a sum.
    aggregator: 'max',
    async collect() {
      this.reset();
      for (const [agencia, n] of Object.entries(await tramitesActivos())) this.set({ agencia }, n);
    },
  });
  // Requests being served right now (seed §7: saturation); summed across cluster workers (a gauge's default).
  const enCurso = new client.Gauge({
    name: 'http_requests_in_flight',
    help: 'Peticiones HTTP en curso',
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const fin = duracion.startTimer();
    enCurso.inc();
    // 'close' comes for every request, answered or aborted ('finish' only for the answered ones).
    res.once('close', () => enCurso.dec());
    res.on('finish', () => {
      // The matched route pattern, not the URL: ids in paths would explode the label cardinality.
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'sin_ruta';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      peticiones.inc(labels);
      fin(labels);
    });
    next();
  };
  return { registry, tramitesCreados, middleware };
}

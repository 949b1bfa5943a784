/**
 * /metrics with WEB_CONCURRENCY > 1: whichever worker answers the scrape asks the primary, which gathers every worker's
 * registry (prom-client's AggregatorRegistry) — otherwise counters would jump between workers from scrape to scrape.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const TIPO = 'tramites:metricas';
interface Mensaje {
  tipo: typeof TIPO;
  id: string;
  texto?: string;
  error?: string;
}
const esMensaje = (m: unknown): m is Mensaje => typeof m === 'object' && m !== null && (m as Mensaje).tipo === TIPO;

/** In the primary: answer the workers' requests with the aggregated text. */
export function servirMetricasDelCluster(): void {
  const agregador = new AggregatorRegistry();
  cluster.on('message', (worker, m: unknown) => {
    if (!esMensaje(m)) return;
    agregador
      .clusterMetrics()
      .then((texto) => worker.send({ tipo: TIPO, id: m.id, texto }))
      .catch((e: unknown) => worker.send({ tipo: TIPO, id: m.id, error: e instanceof Error ? e.message : String(e) }));
  });
}

/** In a worker: report `registro` when the primary gathers, and ask the primary for the cluster's text. */
export function metricasDesdeElPrimario(registro: Registry): () => Promise<string> {
  // Constructing one is what makes prom-client answer the primary's gather requests in this worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registro]);
  return () =>
    new Promise((resolve, reject) => {
      const id = randomUUID();
      const limite = setTimeout(() => {
        process.off('message', alResponder);
        reject(new Error('el proceso primario no entregó las métricas'));
        // Longer than the primary's own 5 s gather timeout, so its error (not ours) reaches the log.
      }, 8000);
      const alResponder = (m: unknown) => {
        if (!esMensaje(m) || m.id !== id) return;
        clearTimeout(limite);
        process.off('message', alResponder);
        if (m.texto !== undefined) resolve(m.texto);
        else reject(new Error(m.error));
      };
      process.on('message', alResponder);
      process.send!({ tipo: TIPO, id });
    });
}

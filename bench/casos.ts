/**
 * Caseload benchmark, called by bench/api.ts after it seeds 100,000 PPSH cases: the unified /casos search and the
 * supervisor's approval queue under autocannon. Prints nothing; returns the figures for the caller's table.
 */
import autocannon from 'autocannon';

export interface Cifras {
  reqPerSec: number;
  p50: number;
  p99: number;
  errores: number;
}

export interface OpcionesBench {
  connections?: number;
  duration?: number;
  /** Search term for /casos?buscar= (a surname common in the demo data by default). */
  buscar?: string;
}

async function medir(url: string, token: string, o: OpcionesBench): Promise<Cifras> {
  const r = await autocannon({
    url,
    connections: o.connections ?? 10,
    duration: o.duration ?? 10,
    headers: { authorization: `Bearer ${token}` },
  });
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errores: r.errors + r.non2xx };
}

/** `token` must belong to a SUPERVISOR (or ADMIN): the approval queue is theirs. */
export async function medirCasos(baseUrl: string, token: string, o: OpcionesBench = {}) {
  const api = `${baseUrl.replace(/\/$/, '')}/api/v1`;
  const buscar = encodeURIComponent(o.buscar ?? 'rodriguez');
  return {
    busqueda: await medir(`${api}/casos?buscar=${buscar}&page_size=20`, token, o),
    colaAprobacion: await medir(`${api}/casos/cola-aprobacion?page_size=20`, token, o),
  };
}

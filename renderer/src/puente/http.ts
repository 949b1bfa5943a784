/**
 * The web shell's transport: the bridge contract over HTTP on 127.0.0.1 (one POST per method, events over SSE), guarded
 * by the per-launch token. It offers exactly what preload's `window.tramites` offers, so nothing else in the renderer
 * knows which transport it has.
 */
import { METODOS_PUENTE, type EventosPuente, type MetodoPuente, type PuenteRenderer } from '#shared/bridge/contrato';
import type { ErrorPuente } from './error-puente';

export interface OpcionesPuenteHttp {
  /** The shell's origin ('' in the browser: same origin). */
  base?: string;
  token: string;
  /** Injected in tests under Node (no EventSource there). */
  fetch?: typeof fetch;
  EventSource?: new (url: string) => EventSource;
}

/** The shell could not be reached at all: the app's own process is gone, not the migration server. */
const SIN_SHELL: ErrorPuente = {
  code: 'SERVICIO_NO_DISPONIBLE',
  message: 'La aplicación no responde. Ciérrela y vuelva a abrirla. (The application is not responding.)',
};

async function errorDeRespuesta(r: Response): Promise<ErrorPuente> {
  try {
    const cuerpo = (await r.json()) as { error?: ErrorPuente };
    if (cuerpo.error?.code && cuerpo.error.message) return cuerpo.error;
  } catch {
    // not JSON: fall through to the generic error below
  }
  return { code: 'ERROR_INTERNO', message: `Error inesperado de la aplicación (HTTP ${r.status}).` };
}

export function crearPuenteHttp(o: OpcionesPuenteHttp): PuenteRenderer {
  const base = o.base ?? '';
  const pedir = o.fetch ?? ((url, init) => fetch(url, init));

  async function invocar(metodo: MetodoPuente, args: unknown): Promise<unknown> {
    let r: Response;
    try {
      r = await pedir(`${base}/puente/${metodo}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tramites-token': o.token },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      throw SIN_SHELL;
    }
    if (!r.ok) throw await errorDeRespuesta(r);
    return r.json();
  }

  // One event stream for every listener, opened on the first subscription (EventSource reconnects by itself).
  let fuente: EventSource | null = null;
  const abrirFuente = (): EventSource => {
    if (fuente) return fuente;
    const Constructor = o.EventSource ?? EventSource;
    fuente = new Constructor(`${base}/puente/eventos?token=${encodeURIComponent(o.token)}`);
    return fuente;
  };

  const metodos = Object.fromEntries(
    METODOS_PUENTE.map((m) => [m, (args: unknown) => invocar(m, args)]),
  ) as unknown as Omit<PuenteRenderer, 'on'>;

  return {
    ...metodos,
    on<E extends keyof EventosPuente>(evento: E, listener: (datos: EventosPuente[E]) => void) {
      const manejador = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as EventosPuente[E]);
      const f = abrirFuente();
      f.addEventListener(evento, manejador as EventListener);
      return () => f.removeEventListener(evento, manejador as EventListener);
    },
  };
}

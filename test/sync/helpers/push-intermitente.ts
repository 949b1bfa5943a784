/**
 * An HTTP front for the real API that answers "retry later" for chosen commands, the way the server answers a passing
 * failure (an internal error: nothing stored, the list ends there). Everything else is forwarded untouched. Used only
 * where the test needs a failure the real server no longer produces on demand; its name says so in each test.
 */
import http from 'node:http';
import type net from 'node:net';
import { RUTAS_SYNC, type PushRespuesta, type ComandoEnviado, type PushSolicitud } from '#shared/sync/protocolo';

export interface PushIntermitente {
  /** API root through the front (…/api/v1). */
  api: string;
  /** mutationIds the front answers `reintentable` for while they lead a push. */
  fallar: Set<string>;
  /** How many pushes it answered that way. */
  respuestasReintentables: number;
  /**
   * mutationIds for which the front refuses the whole batch holding one of them with a 422, as a server that checks
   * envelopes as a whole did; `lotesRechazados` counts those answers.
   */
  rechazarLote: Set<string>;
  lotesRechazados: number;
  cerrar(): Promise<void>;
}

const leer = (req: http.IncomingMessage) =>
  new Promise<Buffer>((ok, mal) => {
    const partes: Buffer[] = [];
    req.on('data', (p: Buffer) => partes.push(p));
    req.on('end', () => ok(Buffer.concat(partes)));
    req.on('error', mal);
  });

export async function crearPushIntermitente(destino: string): Promise<PushIntermitente> {
  const base = new URL(destino);
  const f: PushIntermitente = {
    api: '',
    fallar: new Set(),
    respuestasReintentables: 0,
    rechazarLote: new Set(),
    lotesRechazados: 0,
    cerrar: async () => {},
  };
  const servidor = http.createServer((req, res) => {
    void (async () => {
      const cuerpo = await leer(req);
      if (req.method === 'POST' && req.url === `${base.pathname}${RUTAS_SYNC.push}`) {
        const comandos = (JSON.parse(cuerpo.toString('utf8')) as PushSolicitud).comandos as ComandoEnviado[];
        const malo = comandos.findIndex((c) => f.rechazarLote.has(c.mutationId));
        if (malo >= 0) {
          f.lotesRechazados++;
          const error = {
            code: 'VALIDACION',
            message: `Datos inválidos: comandos.${malo}.mutationId: mutationId inválido (se espera un UUIDv7)`,
            requestId: 'front',
          };
          res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
          return;
        }
        const [primero] = comandos;
        if (primero && f.fallar.has(primero.mutationId)) {
          f.respuestasReintentables++;
          const r: PushRespuesta = {
            resultados: [
              {
                mutationId: primero.mutationId,
                status: 'rejected',
                code: 'ERROR_INTERNO',
                message: 'Error interno del servidor; se reintentará',
                reintentable: true,
              },
            ],
          };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r));
          return;
        }
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k),
        ),
      ) as Record<string, string>;
      const r = await fetch(`${base.origin}${req.url}`, {
        method: req.method,
        headers,
        body: ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : cuerpo,
      });
      const respuesta = Buffer.from(await r.arrayBuffer());
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(respuesta);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((ok) => servidor.listen(0, '127.0.0.1', () => ok()));
  const { port } = servidor.address() as net.AddressInfo;
  f.api = `http://127.0.0.1:${port}${base.pathname}`;
  f.cerrar = () =>
    new Promise<void>((ok) => {
      servidor.closeAllConnections();
      servidor.close(() => ok());
    });
  return f;
}

/**
 * An HTTP relay between a desk and the API that freezes at a chosen exchange, so a test can kill the desk at a named
 * point of a sync without any hook in the desk: before a request reaches the server ('peticion'), or after the server
 * answered it in full (it applied the batch) but before the desk sees the answer ('respuesta'). The frozen exchange
 * never completes; every other request passes through unchanged.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Corte {
  metodo: 'GET' | 'POST' | 'PUT';
  /** Path under the API root, e.g. '/sync/push'; a prefix matches. */
  ruta: string;
  momento: 'peticion' | 'respuesta';
  /** Which matching request freezes (1: the first). */
  vez?: number;
}

export interface RelevoConCorte {
  /** API root through the relay (…/api/v1). */
  api: string;
  /** Every request that went through, as 'METHOD /path' under the API root, in arrival order. */
  peticiones: string[];
  /** Arms a cut; resolves once the desk reaches it (and is frozen there). */
  cortarEn(c: Corte): Promise<void>;
  cerrar(): Promise<void>;
}

export async function relevoConCorte(destino: string): Promise<RelevoConCorte> {
  const u = new URL(destino);
  const peticiones: string[] = [];
  let armado: { corte: Corte; vistas: number; alcanzado: () => void } | null = null;

  const servidor = http.createServer((entrada, salida) => {
    const ruta = new URL(entrada.url ?? '/', u).pathname.slice(u.pathname.length);
    peticiones.push(`${entrada.method} ${ruta}`);
    const a = armado;
    const congelar =
      a !== null &&
      a.corte.metodo === entrada.method &&
      ruta.startsWith(a.corte.ruta) &&
      ++a.vistas === (a.corte.vez ?? 1);
    if (congelar) armado = null;
    if (congelar && a.corte.momento === 'peticion') return a.alcanzado();
    const reenvio = http.request(
      { host: u.hostname, port: u.port, path: entrada.url, method: entrada.method, headers: entrada.headers },
      (respuesta) => {
        if (congelar) {
          respuesta.resume();
          respuesta.on('end', () => a.alcanzado());
          return;
        }
        salida.writeHead(respuesta.statusCode ?? 502, respuesta.headers);
        respuesta.pipe(salida);
      },
    );
    reenvio.on('error', () => salida.destroy());
    entrada.pipe(reenvio);
  });
  await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', () => r()));
  const puerto = (servidor.address() as AddressInfo).port;
  return {
    api: `http://127.0.0.1:${puerto}${u.pathname}`,
    peticiones,
    cortarEn: (corte) => new Promise<void>((alcanzado) => (armado = { corte, vistas: 0, alcanzado })),
    async cerrar() {
      servidor.closeAllConnections();
      await new Promise<void>((r) => servidor.close(() => r()));
    },
  };
}

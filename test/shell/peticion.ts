/**
 * A raw HTTP request (node:http lets a test set Host and Origin, which fetch does not) → status, headers, text body.
 * One connection per request: reusing a kept-alive socket races the server closing it after 5 idle seconds, which on a
 * loaded machine turns into ECONNRESET between two slow steps.
 */
import http from 'node:http';

export interface RespuestaCruda {
  status: number;
  headers: http.IncomingHttpHeaders;
  texto: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON bodies
  json(): any;
}

export function peticion(
  base: string,
  ruta: string,
  o: { metodo?: string; headers?: Record<string, string>; cuerpo?: string } = {},
): Promise<RespuestaCruda> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(ruta, base),
      { method: o.metodo ?? 'GET', headers: o.headers, agent: false },
      (res) => {
        const partes: Buffer[] = [];
        res.on('data', (c: Buffer) => partes.push(c));
        res.on('end', () => {
          const texto = Buffer.concat(partes).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, texto, json: () => JSON.parse(texto) });
        });
      },
    );
    req.on('error', reject);
    req.end(o.cuerpo);
  });
}

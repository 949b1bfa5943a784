/**
 * Requests from a chosen source address of the loopback range (127.0.0.2, 127.0.0.3 …: every 127/8 address is this
 * machine on Linux), the client socket bound with `localAddress`, so the server sees several attackers and desks.
 * And the login counters of /metrics, to count how many passwords the server really checked.
 */
import http from 'node:http';
import type { Respuesta } from '../helpers/http.js';

export function postDesde(
  origen: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Omit<Respuesta, 'headers'>> {
  const datos = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        localAddress: origen,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(datos.length), ...headers },
      },
      (res) => {
        const trozos: Buffer[] = [];
        res.on('data', (t: Buffer) => trozos.push(t));
        res.on('end', () => {
          const texto = Buffer.concat(trozos).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: texto ? JSON.parse(texto) : undefined });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(datos);
  });
}

/** Passwords the server checked so far (login and password change), and logins refused before any check. */
export async function contadoresLogin(url: string): Promise<{ verificadas: number; rechazadas: number }> {
  const texto = await (await fetch(`${url}/metrics`)).text();
  const suma = (patron: RegExp) => [...texto.matchAll(patron)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    verificadas: suma(/^tramites_login_passwords_verificadas_total\{[^}]*\} (\d+)/gm),
    rechazadas: suma(/^tramites_login_rechazados_por_limite_total (\d+)/gm),
  };
}

/** The answer without what differs per request (its id): what an attacker can compare. */
export const forma = (r: { status: number; body: { error?: { code?: string; message?: string } } }) => ({
  status: r.status,
  code: r.body?.error?.code,
  message: r.body?.error?.message,
  campos: Object.keys(r.body?.error ?? {}).sort(),
});

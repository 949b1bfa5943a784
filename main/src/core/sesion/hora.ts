/**
 * Time for the offline-unlock window, which a desk's own clock must not be able to stretch (docs/desktop-core.md,
 * "Reloj"):
 *
 * - the window starts at the server's time of its last answer (the HTTP `Date` header, else the access token's `iat`),
 *   so a desk whose clock runs days ahead at login does not get those days on top;
 * - the desk keeps the latest time it has seen (`visto_max`, never moved back except by the server's own time at an
 *   online login) and refuses an offline unlock while its clock reads earlier than that: setting the clock back to
 *   day 1 after day 8 was seen reopens nothing.
 */

/** A clock read a little behind the mark is drift or an NTP step, not a clock set back by days. */
export const TOLERANCIA_RELOJ_MS = 10 * 60_000;

/** The server's time of an answer: its Date header, else the `iat` of the access token it issued; null if neither. */
export function horaDelServidor(headers: Headers, accessToken?: string): Date | null {
  const fecha = Date.parse(headers.get('date') ?? '');
  if (Number.isFinite(fecha)) return new Date(fecha);
  const iat = accessToken ? emitidoEn(accessToken) : null;
  return iat === null ? null : new Date(iat * 1000);
}

function emitidoEn(jwt: string): number | null {
  try {
    const carga = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iat?: unknown };
    return typeof carga.iat === 'number' && Number.isFinite(carga.iat) ? carga.iat : null;
  } catch {
    // not a JWT we can read: the caller falls back to the desk's clock
    return null;
  }
}

/** true when `ahora` is behind the latest time seen by more than the tolerance (the clock was set back). */
export const relojAtrasado = (ahora: Date, vistoMax: string | null) =>
  vistoMax !== null && ahora.getTime() < Date.parse(vistoMax) - TOLERANCIA_RELOJ_MS;

/** The later of two ISO instants (null counts as "never"). */
export const masTarde = (a: string | null, b: Date): string =>
  a !== null && Date.parse(a) >= b.getTime() ? a : b.toISOString();

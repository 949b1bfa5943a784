/**
 * The provisional reference a case made at this desk gets, printed on the applicant's receipt until the server assigns
 * the case number: `PROV-<office>-<desk>-<n>`. Two cases must never share one (the server refuses a repeat: unique index,
 * migration 0034), so it is not drawn at random (32 random bits collided about once per office in ~9,300 offline
 * registrations): `<desk>` is six base-32 characters of a hash of this desk's clientId (a random UUID made once per
 * installation; two desks of one office share them with odds of one in a billion) and `<n>` this desk's own counter,
 * which never goes back (kept in the store, raised in its own statement before the case is queued).
 */
import { createHash } from 'node:crypto';
import type { Sqlite } from '../store/abrir.js';

/** Crockford's base 32: no I, L, O or U, so a reference read aloud over the counter is not misheard. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function prefijoEscritorio(clientId: string): string {
  const hash = createHash('sha256').update(clientId).digest();
  let r = '';
  for (let i = 0; i < 6; i++) r += BASE32[hash[i]! % 32];
  return r;
}

/** The next reference of this desk: its counter moves forward first, so no reference is ever handed out twice. */
export function nuevaReferencia(db: Sqlite, clientId: string, codAgencia: string): string {
  const { n } = db
    .prepare(
      `insert into sync_state (clave, valor) values ('referencias_emitidas', '1')
       on conflict (clave) do update set valor = cast(valor as integer) + 1
       returning cast(valor as integer) as n`,
    )
    .get() as { n: number };
  return `PROV-${codAgencia}-${prefijoEscritorio(clientId)}-${String(n).padStart(4, '0')}`;
}

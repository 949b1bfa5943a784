/**
 * The session's secrets leave the SQLite file (docs/desktop-core.md, "Sesión"):
 *
 * - the argon2id verifier of the officer's server password moves to the protected secret store, so a copied desk
 *   folder cannot be guessed offline. Its column stays (a released migration is not rewritten) and is emptied here;
 *   secure_delete overwrites the freed bytes instead of leaving them in the file. An upgraded desk therefore needs one
 *   online sign-in before it can unlock offline again.
 * - `visto_max`: the latest time this desk has seen; an offline unlock is refused while the clock reads earlier.
 */
import type { MigracionLocal } from './migracion.js';

export const migracion: MigracionLocal = {
  nombre: '0006_sesion_protegida',
  sql: [
    'pragma secure_delete = on',
    "update sesion set verificador = ''",
    'alter table sesion add column visto_max text',
  ],
};

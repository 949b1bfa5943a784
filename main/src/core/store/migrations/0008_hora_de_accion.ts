/**
 * When the officer acted (docs/sync.md "When the officer acted"): each command already keeps `creado` (the desk's clock
 * when she acted); `desfase_ms` keeps the desk's known offset from the server's clock at that moment (server − desk, ms,
 * from the Date header of the last sync answer; null: never measured), so the server can correct a desk clock that
 * was wrong then, whatever it reads when the command is finally sent. The journal (`diario`, 0007) keeps it too, so a
 * command re-sent after a server restore still carries it.
 */
import type { MigracionLocal } from './migracion.js';

export const migracion: MigracionLocal = {
  nombre: '0008_hora_de_accion',
  sql: ['alter table outbox add column desfase_ms integer', 'alter table diario add column desfase_ms integer'],
};

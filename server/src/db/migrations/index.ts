/**
 * Every migration, in order. Append-only: a released migration never changes; a fix is a new file.
 * Listed statically (not read from disk) so the compiled server and the T-SQL snapshot test see the same set.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_catalogos_generales.js';
import * as m0002 from './0002_usuarios.js';
import * as m0003 from './0003_ppsh.js';
import * as m0004 from './0004_auditoria.js';
import * as m0020 from './0020_sync.js';

export const MIGRACIONES: Record<string, Migration> = {
  '0001_catalogos_generales': m0001,
  '0002_usuarios': m0002,
  '0003_ppsh': m0003,
  '0004_auditoria': m0004,
  '0020_sync': m0020,
};

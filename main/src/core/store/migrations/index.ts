/**
 * The local store's migrations, in order. Append-only: a released migration never changes (a desk may hold unsynced
 * work in an old schema); a fix is a new entry. Applied by number through `PRAGMA user_version`.
 */
import { migracion as m0001 } from './0001_espejo.js';
import { migracion as m0002 } from './0002_outbox.js';
import { migracion as m0003 } from './0003_sesion_documentos.js';
import { migracion as m0004 } from './0004_workflow.js';
import { migracion as m0005 } from './0005_base_y_reintentos.js';
import { migracion as m0006 } from './0006_sesion_protegida.js';
import { migracion as m0007 } from './0007_diario.js';
import { migracion as m0008 } from './0008_hora_de_accion.js';
import type { MigracionLocal } from './migracion.js';

export const MIGRACIONES_LOCALES: readonly MigracionLocal[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008];

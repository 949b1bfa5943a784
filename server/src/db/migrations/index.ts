/**
 * Every migration, in order. Append-only: a released migration never changes; a fix is a new file.
 * Listed statically (not read from disk) so the compiled server and the T-SQL snapshot test see the same set.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_catalogos_generales.js';
import * as m0002 from './0002_usuarios.js';
import * as m0003 from './0003_ppsh.js';
import * as m0004 from './0004_auditoria.js';
import * as m0010 from './0010_workflow.js';
import * as m0011 from './0011_plantillas_workflow.js';
import * as m0012 from './0012_indices_casos.js';
import * as m0020 from './0020_sync.js';
import * as m0021 from './0021_sync_workflow.js';
import * as m0022 from './0022_busqueda_terminos.js';
import * as m0023 from './0023_indices_fecha.js';
import * as m0024 from './0024_intentos_login.js';
import * as m0025 from './0025_archivos_subidos.js';
import * as m0026 from './0026_revision_acceso.js';
import * as m0027 from './0027_limites_login.js';
import * as m0028 from './0028_sesiones.js';
import * as m0029 from './0029_avisos.js';
import * as m0030 from './0030_sync_epoca.js';
import * as m0033 from './0033_hora_de_accion.js';
import * as m0034 from './0034_referencia_unica.js';
import * as m0036 from './0036_escritorios_metricas.js';

export const MIGRACIONES: Record<string, Migration> = {
  '0001_catalogos_generales': m0001,
  '0002_usuarios': m0002,
  '0003_ppsh': m0003,
  '0004_auditoria': m0004,
  '0010_workflow': m0010,
  '0011_plantillas_workflow': m0011,
  '0012_indices_casos': m0012,
  '0020_sync': m0020,
  '0021_sync_workflow': m0021,
  '0022_busqueda_terminos': m0022,
  '0023_indices_fecha': m0023,
  '0024_intentos_login': m0024,
  '0025_archivos_subidos': m0025,
  '0026_revision_acceso': m0026,
  '0027_limites_login': m0027,
  '0028_sesiones': m0028,
  '0029_avisos': m0029,
  '0030_sync_epoca': m0030,
  '0033_hora_de_accion': m0033,
  '0034_referencia_unica': m0034,
  '0036_escritorios_metricas': m0036,
};

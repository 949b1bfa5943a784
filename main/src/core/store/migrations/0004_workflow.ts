/**
 * Workflow cases get mirror tables of their own (until now their rows waited in `catalogos`, unused): the officer
 * starts and moves them offline, so they need the two-copy rows of 0001 and a place in the search index. The rows
 * already pulled move over, so an upgraded desk does not pull them again.
 *
 * Search rowids: a workflow case is indexed under the negative of its rid, so both kinds share the FTS tables without
 * colliding (ppsh_solicitudes rids are positive).
 */
import { espejo } from './0001_espejo.js';
import type { MigracionLocal } from './index.js';

const HIJOS: [tabla: string, fk: string][] = [
  ['workflow_respuestas_etapa', 'instancia_id'],
  ['workflow_respuestas', 'respuesta_etapa_id'],
  ['workflow_historial', 'instancia_id'],
  ['workflow_comentarios', 'instancia_id'],
];

const mover = (tabla: string) => [
  `insert into ${tabla} (id, version, datos, servidor, sucio)
   select clave, version, datos, null, 0 from catalogos where tabla = '${tabla}'`,
  `delete from catalogos where tabla = '${tabla}'`,
];

export const migracion: MigracionLocal = {
  nombre: '0004_workflow',
  sql: [
    espejo('workflow_instancias', [
      'num_expediente',
      'referencia_provisional',
      'estado',
      'prioridad',
      'cod_agencia',
      'fecha_apertura',
      'asignado_a_user_id',
      'updated_at',
      'activo',
    ]),
    'create index ix_instancias_fecha on workflow_instancias (fecha_apertura)',
    'create index ix_instancias_estado on workflow_instancias (estado, fecha_apertura)',
    'create index ix_instancias_asignado on workflow_instancias (asignado_a_user_id)',
    'create index ix_instancias_numero on workflow_instancias (num_expediente)',
    'create index ix_instancias_sucio on workflow_instancias (sucio) where sucio = 1',
    ...HIJOS.flatMap(([t, fk]) => [
      espejo(t, [fk]),
      `create index ix_${t}_${fk} on ${t} (${fk})`,
      `create index ix_${t}_sucio on ${t} (sucio) where sucio = 1`,
    ]),
    ...['workflow_instancias', ...HIJOS.map(([t]) => t)].flatMap(mover),
    `insert into busqueda_palabras (rowid, numeros, nombres, documentos)
     select -rid, trim(coalesce(num_expediente, '') || ' ' || coalesce(referencia_provisional, '')),
            coalesce(datos->>'nombre_titular', ''), coalesce(datos->>'documento_titular', '')
     from workflow_instancias`,
    `insert into busqueda_trigramas (rowid, codigos)
     select -rid, trim(coalesce(num_expediente, '') || ' ' || coalesce(referencia_provisional, '')) || ' ' ||
            coalesce(datos->>'documento_titular', '')
     from workflow_instancias`,
  ],
};

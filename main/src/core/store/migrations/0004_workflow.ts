/**
 * Workflow cases get mirror tables of their own (until now their rows waited in `catalogos`, unused): the officer
 * starts and moves them offline, so they need the two-copy rows of 0001 and a place in the search index. The rows
 * already pulled move over, so an upgraded desk does not pull them again.
 *
 * Search rowids: a workflow case is indexed under the negative of its rid, so both kinds share the FTS tables without
 * colliding (ppsh_solicitudes rids are positive).
 *
 * The mirror tables are written out as literal SQL, the same shape 0001 builds for PPSH: a migration is frozen history,
 * so it copies what it needs instead of importing another migration whose helper could change under it (duplication
 * intended; test/arbol/migraciones.test.ts keeps every migration self-contained).
 */
import type { MigracionLocal } from './migracion.js';

/** A mirror table as 0001 defines them: the two copies of the row, and query columns generated from `datos`. */
const COLUMNAS_ESPEJO = `
    rid integer primary key,
    id text not null unique,
    version integer not null default 0,
    datos text not null,
    servidor text,
    sucio integer not null default 0`;

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
    `create table workflow_instancias (${COLUMNAS_ESPEJO},
    num_expediente generated always as (datos->>'num_expediente') virtual,
    referencia_provisional generated always as (datos->>'referencia_provisional') virtual,
    estado generated always as (datos->>'estado') virtual,
    prioridad generated always as (datos->>'prioridad') virtual,
    cod_agencia generated always as (datos->>'cod_agencia') virtual,
    fecha_apertura generated always as (datos->>'fecha_apertura') virtual,
    asignado_a_user_id generated always as (datos->>'asignado_a_user_id') virtual,
    updated_at generated always as (datos->>'updated_at') virtual,
    activo generated always as (datos->>'activo') virtual
  )`,
    'create index ix_instancias_fecha on workflow_instancias (fecha_apertura)',
    'create index ix_instancias_estado on workflow_instancias (estado, fecha_apertura)',
    'create index ix_instancias_asignado on workflow_instancias (asignado_a_user_id)',
    'create index ix_instancias_numero on workflow_instancias (num_expediente)',
    'create index ix_instancias_sucio on workflow_instancias (sucio) where sucio = 1',
    ...HIJOS.flatMap(([t, fk]) => [
      `create table ${t} (${COLUMNAS_ESPEJO},
    ${fk} generated always as (datos->>'${fk}') virtual
  )`,
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

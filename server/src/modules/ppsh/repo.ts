/** PPSH reads: one case scoped to the caller's office, the filtered caseload page, a case's children. */
import type { SelectQueryBuilder } from 'kysely';
import { tienePermiso } from '#shared/roles';
import type { FiltrosSolicitudes } from '#shared/ppsh/schemas';
import type { Actor } from '../../contexto.js';
import { condicionesDeBusqueda, contarHastaTope } from '../../db/busqueda.js';
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/escritura.js';
import type { Database, SolicitudRow } from '../../db/schema.js';
import { noEncontrado } from '../../error-api.js';

type Lector = Db | Trx;

/** Offices a user may see: their own, or every office for ADMIN. */
export function filtrarOficina<O>(qb: SelectQueryBuilder<Database, 'ppsh_solicitudes', O>, actor: Actor) {
  return tienePermiso(actor.rol, 'todas_las_oficinas')
    ? qb
    : qb.where('ppsh_solicitudes.cod_agencia', '=', actor.cod_agencia);
}

export async function solicitudVisible(db: Lector, actor: Actor, id: string): Promise<SolicitudRow> {
  const fila = await filtrarOficina(db.selectFrom('ppsh_solicitudes').selectAll(), actor)
    .where('id', '=', id)
    .where('activo', '=', 1)
    .executeTakeFirst();
  if (!fila) throw noEncontrado('La solicitud');
  return fila;
}

const ORDEN: Record<string, 'fecha_solicitud' | 'num_expediente' | 'prioridad' | 'estado_actual' | 'updated_at'> = {
  fecha_solicitud: 'fecha_solicitud',
  num_expediente: 'num_expediente',
  prioridad: 'prioridad',
  estado: 'estado_actual',
  updated_at: 'updated_at',
};

export async function listarSolicitudes(db: Db, actor: Actor, f: FiltrosSolicitudes) {
  let q = filtrarOficina(db.selectFrom('ppsh_solicitudes'), actor).where('activo', '=', 1);
  if (f.estado) q = q.where('estado_actual', '=', f.estado);
  if (f.prioridad) q = q.where('prioridad', '=', f.prioridad);
  if (f.causa_humanitaria) q = q.where('cod_causa_humanitaria', '=', f.causa_humanitaria);
  if (f.fecha_desde) q = q.where('fecha_solicitud', '>=', f.fecha_desde);
  if (f.fecha_hasta) q = q.where('fecha_solicitud', '<=', f.fecha_hasta);
  if (f.agencia) q = q.where('cod_agencia', '=', f.agencia);
  if (f.asignado_a) q = q.where('user_id_asignado', '=', f.asignado_a);
  const desc = f.orden.startsWith('-');
  const columna = ORDEN[f.orden.replace('-', '')] ?? 'fecha_solicitud';
  const buscar = (amplia: boolean) =>
    condicionesDeBusqueda(f.buscar ?? '', 'ppsh_solicitudes.id', amplia).reduce((qb, c) => qb.where(c), q);
  const conteo = await contarHastaTope(db, buscar(false));
  // Many matches in the office's date order: walk that index and stop after the page (db/busqueda.ts).
  const filas = await buscar(conteo.total_es_minimo && columna === 'fecha_solicitud')
    .selectAll()
    .orderBy(columna, desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(f.page_size)
    .offset((f.page - 1) * f.page_size)
    .execute();
  return { ...conteo, filas };
}

export const solicitantesDe = (db: Lector, solicitudId: string) =>
  db
    .selectFrom('ppsh_solicitantes')
    .selectAll()
    .where('solicitud_id', '=', solicitudId)
    .where('activo', '=', 1)
    .orderBy('es_titular', 'desc')
    .orderBy('created_at')
    .execute();

export const documentosDe = (db: Lector, solicitudId: string) =>
  db
    .selectFrom('ppsh_documentos')
    .selectAll()
    .where('solicitud_id', '=', solicitudId)
    .where('activo', '=', 1)
    .orderBy('uploaded_at')
    .execute();

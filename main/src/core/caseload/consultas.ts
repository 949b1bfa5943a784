/** The caseload as the renderer reads it, straight from the local store: works the same online and offline. */
import type { z } from 'zod';
import type { ConsultaExpedientes } from '../../../../shared/src/bridge/contrato.js';
import type {
  DetalleExpediente,
  ExpedienteResumen,
  Fila,
  PaginaExpedientes,
} from '../../../../shared/src/bridge/tipos.js';
import { diasEntre, fechaPanama } from '../../../../shared/src/calendario.js';
import { ESTADOS_PPSH, transicionesDisponibles, type EstadoPpsh } from '../../../../shared/src/ppsh/estados.js';
import type { Rol } from '../../../../shared/src/roles.js';
import { noEncontradoLocal } from '../errores.js';
import type { CacheDocumentos } from '../documentos/cache.js';
import type { Sqlite } from '../store/abrir.js';
import { condicionBusqueda } from '../store/busqueda.js';
import type { TablaExpediente } from '../store/tablas.js';

const ESTADO = new Map(ESTADOS_PPSH.map((e) => [e.cod as string, e]));

const ORDEN: Record<string, string> = {
  fecha_solicitud: 'fecha_solicitud',
  numero: 'coalesce(num_expediente, referencia_provisional)',
  prioridad: `case prioridad when 'ALTA' then 0 when 'NORMAL' then 1 else 2 end`,
  estado: 'estado_actual',
  updated_at: 'updated_at',
};

const PENDIENTE = `exists (select 1 from outbox o where o.solicitud_id = s.id and o.estado = 'pendiente')`;

interface FilaCaso {
  datos: string;
  pendiente: number;
}

function resumen(f: FilaCaso, hoy: string): ExpedienteResumen {
  const s = JSON.parse(f.datos) as Record<string, unknown>;
  const estado = String(s.estado_actual);
  const e = ESTADO.get(estado);
  const fecha = String(s.fecha_solicitud);
  const cerrado = e?.final ? String(s.fecha_resolucion ?? String(s.fecha_estado).slice(0, 10)) : hoy;
  return {
    id: String(s.id),
    tipo: 'PPSH',
    numero: String(s.num_expediente ?? s.referencia_provisional ?? ''),
    num_expediente: (s.num_expediente as string | null) ?? null,
    referencia_provisional: (s.referencia_provisional as string | null) ?? null,
    nombre_titular: String(s.nombre_titular ?? ''),
    documento_titular: String(s.documento_titular ?? ''),
    total_personas: Number(s.total_personas ?? 0),
    estado: { codigo: estado, nombre: e?.nombre ?? estado, color: e?.color ?? '#7f8c8d', es_final: e?.final ?? false },
    prioridad: String(s.prioridad),
    cod_agencia: String(s.cod_agencia),
    user_id_asignado: (s.user_id_asignado as string | null) ?? null,
    fecha_solicitud: fecha,
    dias_abierto: Math.max(0, diasEntre(fecha, cerrado)),
    updated_at: String(s.updated_at),
    pendiente_sync: f.pendiente === 1,
  };
}

export function consultarExpedientes(
  db: Sqlite,
  c: z.output<typeof ConsultaExpedientes>,
  hoy = fechaPanama(),
): PaginaExpedientes {
  const donde = ['activo = 1'];
  const params: unknown[] = [];
  if (c.estado?.length) {
    donde.push(`estado_actual in (${c.estado.map(() => '?').join(', ')})`);
    params.push(...c.estado);
  }
  if (c.prioridad) {
    donde.push('prioridad = ?');
    params.push(c.prioridad);
  }
  if (c.asignado_a) {
    donde.push('user_id_asignado = ?');
    params.push(c.asignado_a);
  }
  if (c.solo_pendientes) donde.push(PENDIENTE);
  const busqueda = c.buscar ? condicionBusqueda(c.buscar) : null;
  if (busqueda) {
    donde.push(busqueda.sql);
    params.push(...busqueda.params);
  }
  const where = donde.join(' and ');
  const desc = c.orden.startsWith('-');
  const columna = ORDEN[c.orden.replace('-', '')] ?? 'fecha_solicitud';
  const { total } = db.prepare(`select count(*) as total from ppsh_solicitudes s where ${where}`).get(...params) as {
    total: number;
  };
  const filas = db
    .prepare(
      `select datos, ${PENDIENTE} as pendiente from ppsh_solicitudes s where ${where}
       order by ${columna} ${desc ? 'desc' : 'asc'}, id ${desc ? 'desc' : 'asc'} limit ? offset ?`,
    )
    .all(...params, c.limite, c.desplazamiento) as FilaCaso[];
  return { items: filas.map((f) => resumen(f, hoy)), total };
}

const hijos = (db: Sqlite, tabla: TablaExpediente, id: string, orden: string): Fila[] =>
  (
    db.prepare(`select datos from ${tabla} where solicitud_id = ? order by ${orden}`).all(id) as { datos: string }[]
  ).map((r) => JSON.parse(r.datos) as Fila);

export function detalleExpediente(
  db: Sqlite,
  cache: CacheDocumentos,
  id: string,
  rol: Rol,
  hoy = fechaPanama(),
): DetalleExpediente {
  const f = db.prepare(`select datos, ${PENDIENTE} as pendiente from ppsh_solicitudes s where id = ?`).get(id) as
    FilaCaso | undefined;
  if (!f) throw noEncontradoLocal('La solicitud');
  const solicitud = JSON.parse(f.datos) as Fila;
  const estado = String(solicitud.estado_actual) as EstadoPpsh;
  const { pendientes } = db
    .prepare(`select count(*) as pendientes from outbox where solicitud_id = ? and estado = 'pendiente'`)
    .get(id) as { pendientes: number };
  return {
    ...resumen(f, hoy),
    solicitud,
    solicitantes: hijos(db, 'ppsh_solicitantes', id, `datos->>'es_titular' desc, datos->>'created_at'`).filter(
      (p) => p.activo,
    ),
    documentos: hijos(db, 'ppsh_documentos', id, `datos->>'uploaded_at'`)
      .filter((d) => d.activo)
      .map((d) => ({ ...d, en_cache: cache.tiene(String(d.sha256)) })),
    historial: hijos(db, 'ppsh_estado_historial', id, `datos->>'fecha_cambio', id`),
    entrevistas: hijos(db, 'ppsh_entrevistas', id, `datos->>'fecha_programada'`),
    comentarios: hijos(db, 'ppsh_comentarios', id, `datos->>'created_at', id`),
    pagos: hijos(db, 'ppsh_pagos', id, `datos->>'created_at'`),
    transiciones_disponibles: transicionesDisponibles(estado, rol),
    comandos_pendientes: pendientes,
  };
}

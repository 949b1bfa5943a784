/**
 * The caseload as the renderer reads it, straight from the local store: works the same online and offline. PPSH
 * solicitudes and workflow trámites are listed together with common columns (as the server's unified caseload).
 *
 * A page costs what the page shows, not what the whole search matches (bench/sync-busqueda.ts measures it):
 * - the count stops at LIMITE_CONTEO unless the caller asks for the exact figure;
 * - each kind is read sorted and cut at offset + limit, and the two are merged here;
 * - a broad search (many FTS candidates) in date order walks the date index and stops at the page's last row, instead
 *   of reading and sorting every match (each read parses the row's JSON); a narrow one reads its few matches by rid.
 */
import type { z } from 'zod';
import { LIMITE_CONTEO, type ConsultaExpedientes } from '#shared/bridge/contrato';
import type { DetalleExpediente, ExpedienteResumen, Fila, PaginaExpedientes } from '#shared/bridge/tipos';
import { diasEntre, fechaPanama } from '#shared/calendario';
import { estadoCaso, type TipoCaso } from '#shared/casos/schemas';
import { calcularSla } from '#shared/casos/sla';
import { transicionesDisponibles, type EstadoPpsh } from '#shared/ppsh/estados';
import type { Rol } from '#shared/roles';
import { noEncontradoLocal } from '../error-core.js';
import type { CacheDocumentos } from '../documentos/cache.js';
import type { Sqlite } from '../store/abrir.js';
import { buscarCoincidencias, type Coincidencias } from '../store/busqueda.js';
import type { TablaCaso, TablaExpediente } from '../store/tablas.js';

type Consulta = z.output<typeof ConsultaExpedientes>;

/** Where each kind keeps the common columns. */
export interface Fuente {
  tipo: TipoCaso;
  tabla: TablaCaso;
  estado: string;
  fecha: string;
  asignado: string;
  /** Index on the opening date: walked in order for a broad search. */
  indiceFecha: string;
  /** The template's code of a workflow case (its row has only workflow_id). */
  codigo: string;
}

export const FUENTES: Fuente[] = [
  {
    tipo: 'PPSH',
    tabla: 'ppsh_solicitudes',
    estado: 'estado_actual',
    fecha: 'fecha_solicitud',
    asignado: 'user_id_asignado',
    indiceFecha: 'ix_solicitudes_fecha',
    codigo: 'null',
  },
  {
    tipo: 'WORKFLOW',
    tabla: 'workflow_instancias',
    estado: 'estado',
    fecha: 'fecha_apertura',
    asignado: 'asignado_a_user_id',
    indiceFecha: 'ix_instancias_fecha',
    codigo: `(select w.datos->>'codigo' from catalogos w where w.tabla = 'workflows' and w.clave = s.datos->>'workflow_id')`,
  },
];

/** The sort key of each order, as one SQL expression per kind (both kinds sort alike, so pages merge). */
function claveOrden(f: Fuente, orden: string): string {
  switch (orden) {
    case 'numero':
      return 'coalesce(num_expediente, referencia_provisional)';
    case 'prioridad':
      // Workflow cases also have URGENTE, above ALTA.
      return `case prioridad when 'URGENTE' then 0 when 'ALTA' then 1 when 'NORMAL' then 2 else 3 end`;
    case 'estado':
      return f.estado;
    case 'updated_at':
      return 'updated_at';
    default:
      return f.fecha;
  }
}

/**
 * Above this many matches, walking the date index beats sorting them. On 100,000 cases sorting costs about 4.5 µs a
 * match, and a walk about 5 ms × page end / matches (the whole index when matches are fewer than the page), so
 * with matches spread over the dates the two cross near 150; 300 leaves room for matches bunched in old dates.
 */
const CANDIDATOS_RECORRIDO = 300;

export const pendienteSql = `exists (select 1 from outbox o where o.solicitud_id = s.id and o.estado = 'pendiente')`;

export interface FilaCaso {
  datos: string;
  pendiente: number;
  workflow_codigo: string | null;
  clave: string | number | null;
}

/** The common columns of a case row of either kind. */
export function resumen(
  tipo: TipoCaso,
  f: Pick<FilaCaso, 'datos' | 'pendiente' | 'workflow_codigo'>,
  hoy: string,
): ExpedienteResumen {
  const s = JSON.parse(f.datos) as Record<string, unknown>;
  const ppsh = tipo === 'PPSH';
  const codigo = String(ppsh ? s.estado_actual : s.estado);
  const etapa = ppsh ? null : ((s.etapa_actual_nombre as string | null) ?? null);
  const estado = estadoCaso(tipo, codigo, etapa);
  const fecha = String(ppsh ? s.fecha_solicitud : s.fecha_apertura);
  const cierre = String((ppsh ? s.fecha_resolucion : null) ?? (ppsh ? s.fecha_estado : s.fecha_fin) ?? hoy).slice(
    0,
    10,
  );
  return {
    id: String(s.id),
    tipo,
    workflow_codigo: f.workflow_codigo,
    etapa,
    numero: String(s.num_expediente ?? s.referencia_provisional ?? ''),
    num_expediente: (s.num_expediente as string | null) ?? null,
    referencia_provisional: (s.referencia_provisional as string | null) ?? null,
    nombre_titular: String(s.nombre_titular ?? ''),
    documento_titular: String(s.documento_titular ?? ''),
    total_personas: ppsh ? Number(s.total_personas ?? 0) : s.nombre_titular ? 1 : 0,
    estado,
    prioridad: String(s.prioridad),
    cod_agencia: String(s.cod_agencia),
    user_id_asignado: ((ppsh ? s.user_id_asignado : s.asignado_a_user_id) as string | null) ?? null,
    fecha_solicitud: fecha,
    dias_abierto: Math.max(0, diasEntre(fecha, estado.es_final ? cierre : hoy)),
    updated_at: String(s.updated_at),
    pendiente_sync: f.pendiente === 1,
    vencido:
      calcularSla(
        {
          tipo,
          estado: codigo,
          es_final: estado.es_final,
          fecha_apertura: fecha,
          // When it entered its state (PPSH) or stage (workflow); a row without it counts from its last change.
          fecha_estado: String((ppsh ? s.fecha_estado : s.fecha_etapa) ?? s.updated_at),
          fecha_estimada_fin: (s.fecha_estimada_fin as string | null) ?? null,
        },
        hoy,
      ).estado === 'VENCIDO',
  };
}

interface Filtro {
  where: string;
  params: unknown[];
}

function filtros(f: Fuente, c: Consulta, coincidencias: Coincidencias | null): Filtro {
  const donde = ['activo = 1'];
  const params: unknown[] = [];
  if (c.estado?.length) {
    donde.push(`${f.estado} in (${c.estado.map(() => '?').join(', ')})`);
    params.push(...c.estado);
  }
  if (c.prioridad) {
    donde.push('prioridad = ?');
    params.push(c.prioridad);
  }
  if (c.asignado_a) {
    donde.push(`${f.asignado} = ?`);
    params.push(c.asignado_a);
  }
  if (c.solo_pendientes) donde.push(pendienteSql);
  if (coincidencias) donde.push(coincidencias.condicion(f.tabla));
  return { where: donde.join(' and '), params };
}

/** The table to read a page from: by date index for a broad search in date order (see the header). */
const origen = (f: Fuente, orden: string, coincidencias: Coincidencias | null) =>
  orden === 'fecha_solicitud' && coincidencias && coincidencias.total > CANDIDATOS_RECORRIDO
    ? `${f.tabla} s indexed by ${f.indiceFecha}`
    : `${f.tabla} s`;

const comparar = (a: FilaCaso & { id: string }, b: FilaCaso & { id: string }) =>
  a.clave === b.clave ? a.id.localeCompare(b.id) : (a.clave ?? '') < (b.clave ?? '') ? -1 : 1;

export function consultarExpedientes(db: Sqlite, c: Consulta, hoy = fechaPanama()): PaginaExpedientes {
  const desc = c.orden.startsWith('-');
  const orden = c.orden.replace('-', '');
  const hasta = c.desplazamiento + c.limite;
  const tope = c.contar_exacto ? -1 : LIMITE_CONTEO + 1;
  let total = 0;
  const filas: (FilaCaso & { id: string; tipo: TipoCaso })[] = [];
  const coincidencias = c.buscar ? buscarCoincidencias(db, c.buscar) : null;
  // A search of nothing but punctuation matches nothing (rather than everything).
  const fuentes = c.buscar && !coincidencias ? [] : FUENTES.filter((f) => !c.tipo || c.tipo === f.tipo);
  for (const f of fuentes) {
    const q = filtros(f, c, coincidencias);
    total += (
      db
        .prepare(`select count(*) as n from (select 1 from ${f.tabla} s where ${q.where} limit ?)`)
        .get(...q.params, tope) as { n: number }
    ).n;
    const clave = claveOrden(f, orden);
    const dir = desc ? 'desc' : 'asc';
    const pagina = db
      .prepare(
        `select id, datos, ${pendienteSql} as pendiente, ${f.codigo} as workflow_codigo, ${clave} as clave
         from ${origen(f, orden, coincidencias)} where ${q.where}
         order by clave ${dir}, id ${dir} limit ?`,
      )
      .all(...q.params, hasta) as (FilaCaso & { id: string })[];
    filas.push(...pagina.map((p) => ({ ...p, tipo: f.tipo })));
  }
  filas.sort((a, b) => (desc ? -comparar(a, b) : comparar(a, b)));
  const totalEsMinimo = !c.contar_exacto && total > LIMITE_CONTEO;
  return {
    items: filas.slice(c.desplazamiento, hasta).map((f) => resumen(f.tipo, f, hoy)),
    total: totalEsMinimo ? LIMITE_CONTEO : total,
    total_es_minimo: totalEsMinimo,
  };
}

/** Child rows of a case, in the given order. */
export const hijos = (db: Sqlite, tabla: TablaExpediente, fk: string, id: string, orden: string): Fila[] =>
  (db.prepare(`select datos from ${tabla} where ${fk} = ? order by ${orden}`).all(id) as { datos: string }[]).map(
    (r) => JSON.parse(r.datos) as Fila,
  );

/** A case row with whether it has commands waiting, and how many. */
export function filaCaso(db: Sqlite, tipo: TipoCaso, id: string) {
  const f = FUENTES.find((x) => x.tipo === tipo)!;
  const fila = db
    .prepare(
      `select datos, ${pendienteSql} as pendiente, ${f.codigo} as workflow_codigo from ${f.tabla} s where id = ?`,
    )
    .get(id) as Pick<FilaCaso, 'datos' | 'pendiente' | 'workflow_codigo'> | undefined;
  if (!fila) return undefined;
  const { pendientes } = db
    .prepare(`select count(*) as pendientes from outbox where solicitud_id = ? and estado = 'pendiente'`)
    .get(id) as { pendientes: number };
  return { ...fila, pendientes };
}

export function detalleExpediente(
  db: Sqlite,
  cache: CacheDocumentos,
  id: string,
  rol: Rol,
  hoy = fechaPanama(),
): DetalleExpediente {
  const f = filaCaso(db, 'PPSH', id);
  if (!f) throw noEncontradoLocal('La solicitud');
  const solicitud = JSON.parse(f.datos) as Fila;
  const estado = String(solicitud.estado_actual) as EstadoPpsh;
  const de = (tabla: TablaExpediente, orden: string) => hijos(db, tabla, 'solicitud_id', id, orden);
  return {
    ...resumen('PPSH', f, hoy),
    solicitud,
    solicitantes: de('ppsh_solicitantes', `datos->>'es_titular' desc, datos->>'created_at'`).filter((p) => p.activo),
    documentos: de('ppsh_documentos', `datos->>'uploaded_at'`)
      .filter((d) => d.activo)
      .map((d) => ({ ...d, en_cache: cache.tiene(String(d.sha256)) })),
    historial: de('ppsh_estado_historial', `datos->>'fecha_cambio', id`),
    entrevistas: de('ppsh_entrevistas', `datos->>'fecha_programada'`),
    comentarios: de('ppsh_comentarios', `datos->>'created_at', id`),
    pagos: de('ppsh_pagos', `datos->>'created_at'`),
    transiciones_disponibles: transicionesDisponibles(estado, rol),
    comandos_pendientes: f.pendientes,
  };
}

/**
 * The unified caseload: PPSH solicitudes and workflow cases as one list. A UNION ALL of two selects, one per table,
 * each filtered on its own indexed columns, sorted and cut to the rows the page can need (top offset+size) before
 * the union is merged and paged. We chose this over a maintained `casos` projection table: no second copy to keep in
 * step with every PPSH and workflow write (and with the sync push), and each branch keeps its own indexes
 * (office + date / state / assignee) on both engines. See docs/workflow.md.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type SelectQueryBuilder } from 'kysely';
import { diasEntre, fechaPanama, sumarDias } from '#shared/calendario';
import { estadoCaso, type CasoItem, type FiltrosCasos, type TipoCaso } from '#shared/casos/schemas';
import { calcularSla, fechaCorte, inicioDiaPanama, PLAZO_CASO_DIAS_HABILES } from '#shared/casos/sla';
import { ESTADOS_PPSH, PLAZO_SUBSANACION_DIAS_HABILES } from '#shared/ppsh/estados';
import { tienePermiso } from '#shared/roles';
import { ESTADOS_INSTANCIA_FINALES } from '#shared/workflow/schemas';
import type { Actor } from '../../contexto.js';
import { condicionesDeBusqueda, contarHastaTope, TOPE_CONTEO, type Conteo } from '../../db/busqueda.js';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';

// The two branches read different tables through one set of column names: Kysely cannot type a query builder that
// is generic over the table, so the branch builders are untyped here and the row shape is fixed by CasoFila.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Rama = SelectQueryBuilder<Database, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<Database, any>;

export interface CasoFila {
  id: string;
  tipo: TipoCaso;
  numero: string;
  referencia_provisional: string | null;
  titular: string;
  documento: string;
  estado: string;
  etapa: string | null;
  prioridad: string;
  prioridad_rango: number;
  asignado_a: string | null;
  asignado_nombre: string | null;
  agencia: string;
  fecha_apertura: string;
  fecha_estado: string;
  fecha_estimada_fin: string | null;
  updated_at: string;
}

interface Columnas {
  tabla: 'ppsh_solicitudes' | 'workflow_instancias';
  tipo: TipoCaso;
  numero: string;
  estado: string;
  etapa: string | null;
  asignado: string;
  apertura: string;
  fechaEstimada: string | null;
  finales: readonly string[];
  /** Cases whose approval is pending (the supervisor's queue). */
  enCola: (eb: Eb) => Expression<SqlBool>;
}

const FINALES_PPSH = ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod as string);

export const RAMAS: Record<TipoCaso, Columnas> = {
  PPSH: {
    tabla: 'ppsh_solicitudes',
    tipo: 'PPSH',
    numero: 'num_expediente',
    estado: 'estado_actual',
    etapa: null,
    asignado: 'user_id_asignado',
    apertura: 'fecha_solicitud',
    fechaEstimada: null,
    finales: FINALES_PPSH,
    enCola: (eb) => eb('ppsh_solicitudes.estado_actual', '=', 'EN_APROBACION'),
  },
  WORKFLOW: {
    tabla: 'workflow_instancias',
    tipo: 'WORKFLOW',
    numero: 'num_expediente',
    estado: 'estado',
    etapa: 'etapa_actual_nombre',
    asignado: 'asignado_a_user_id',
    apertura: 'fecha_apertura',
    fechaEstimada: 'fecha_estimada_fin',
    finales: ESTADOS_INSTANCIA_FINALES,
    enCola: (eb) =>
      eb.and([
        eb('workflow_instancias.pendiente_validacion', '=', 1),
        eb('workflow_instancias.estado', 'not in', [...ESTADOS_INSTANCIA_FINALES]),
      ]),
  },
};

/**
 * "Overdue" as a date comparison the database can run, equal to calcularSla(...) === 'VENCIDO' (shared/src/casos/sla.ts):
 * business-day clocks become cut-off dates computed once per request.
 */
export function vencido(c: Columnas, eb: Eb, hoy: string): Expression<SqlBool> {
  const col = (n: string) => `${c.tabla}.${n}`;
  const corteGeneral = fechaCorte(PLAZO_CASO_DIAS_HABILES, hoy);
  const abierto = eb(col(c.estado), 'not in', [...c.finales]);
  if (c.tipo === 'PPSH') {
    const limiteSubsanacion = inicioDiaPanama(sumarDias(fechaCorte(PLAZO_SUBSANACION_DIAS_HABILES, hoy), 1));
    return eb.and([
      abierto,
      eb.or([
        eb.and([eb(col(c.estado), '=', 'INCOMPLETO'), eb(col('fecha_estado'), '<', limiteSubsanacion)]),
        eb.and([eb(col(c.estado), '!=', 'INCOMPLETO'), eb(col(c.apertura), '<=', corteGeneral)]),
      ]),
    ]);
  }
  return eb.and([
    abierto,
    eb.or([
      eb.and([eb(col(c.fechaEstimada!), 'is not', null), eb(col(c.fechaEstimada!), '<', hoy)]),
      eb.and([eb(col(c.fechaEstimada!), 'is', null), eb(col(c.apertura), '<=', corteGeneral)]),
    ]),
  ]);
}

export interface Consulta {
  filtros: Partial<FiltrosCasos> & Pick<FiltrosCasos, 'page' | 'page_size'>;
  /** Only cases awaiting approval, oldest in the queue first. */
  cola?: boolean;
}

/** `amplia`: the search is known to match many cases (see condicionesDeBusqueda). */
export function ramaFiltrada(db: Db, c: Columnas, actor: Actor, q: Consulta, hoy: string, amplia = false): Rama {
  const col = (n: string) => `${c.tabla}.${n}`;
  const f = q.filtros;
  let r: Rama = (db.selectFrom(c.tabla) as Rama).where(col('activo'), '=', 1);
  if (!tienePermiso(actor.rol, 'todas_las_oficinas')) r = r.where(col('cod_agencia'), '=', actor.cod_agencia);
  if (f.agencia) r = r.where(col('cod_agencia'), '=', f.agencia);
  if (q.cola) r = r.where((eb) => c.enCola(eb));
  if (f.estado) r = r.where(col(c.estado), '=', f.estado);
  if (f.asignado_a) r = r.where(col(c.asignado), '=', f.asignado_a);
  if (f.mios) r = r.where(col(c.asignado), '=', actor.id);
  if (f.prioridad) r = r.where(col('prioridad'), '=', f.prioridad);
  if (f.fecha_desde) r = r.where(col(c.apertura), '>=', f.fecha_desde);
  if (f.fecha_hasta) r = r.where(col(c.apertura), '<=', f.fecha_hasta);
  if (f.abiertos) r = r.where(col(c.estado), 'not in', [...c.finales]);
  if (f.vencido !== undefined) r = r.where((eb) => (f.vencido ? vencido(c, eb, hoy) : eb.not(vencido(c, eb, hoy))));
  // Every word must start a term of the case's search text (number, reference, names, documents; db/busqueda.ts).
  for (const coincide of condicionesDeBusqueda(f.buscar ?? '', col('id'), amplia)) r = r.where(coincide);
  return r;
}

const rangoPrioridad = (columna: string) =>
  sql<number>`case ${sql.ref(columna)} when 'URGENTE' then 4 when 'ALTA' then 3 when 'NORMAL' then 2 else 1 end`;

function seleccionar(r: Rama, c: Columnas, conNombreAsignado: boolean): Rama {
  const col = (n: string) => `${c.tabla}.${n}`;
  const nulo = sql<string | null>`null`;
  return r.select((eb: Eb) => [
    sql.ref(col('id')).as('id'),
    sql.lit(c.tipo).as('tipo'),
    sql.ref(col(c.numero)).as('numero'),
    sql.ref(col('referencia_provisional')).as('referencia_provisional'),
    sql.ref(col('nombre_titular')).as('titular'),
    sql.ref(col('documento_titular')).as('documento'),
    sql.ref(col(c.estado)).as('estado'),
    (c.etapa ? sql.ref(col(c.etapa)) : nulo).as('etapa'),
    sql.ref(col('prioridad')).as('prioridad'),
    rangoPrioridad(col('prioridad')).as('prioridad_rango'),
    sql.ref(col(c.asignado)).as('asignado_a'),
    (conNombreAsignado
      ? eb
          .selectFrom('usuarios')
          .select('usuarios.nombre')
          .whereRef('usuarios.id', '=', col(c.asignado) as never)
      : nulo
    ).as('asignado_nombre'),
    sql.ref(col('cod_agencia')).as('agencia'),
    sql.ref(col(c.apertura)).as('fecha_apertura'),
    sql.ref(col(c.tipo === 'PPSH' ? 'fecha_estado' : 'fecha_etapa')).as('fecha_estado'),
    (c.fechaEstimada ? sql.ref(col(c.fechaEstimada)) : nulo).as('fecha_estimada_fin'),
    sql.ref(col('updated_at')).as('updated_at'),
  ]);
}

/** Sort key → (column of the merged rows, whether ascending means ascending in that column). */
const ORDEN: Record<string, [keyof CasoFila, boolean]> = {
  numero: ['numero', true],
  tipo: ['tipo', true],
  titular: ['titular', true],
  documento: ['documento', true],
  estado: ['estado', true],
  prioridad: ['prioridad_rango', true],
  asignado: ['asignado_nombre', true],
  agencia: ['agencia', true],
  fecha_apertura: ['fecha_apertura', true],
  dias_abierto: ['fecha_apertura', false],
  sla: ['fecha_estado', true],
  updated_at: ['updated_at', true],
};

export async function listarCasos(db: Db, actor: Actor, q: Consulta, hoy: string = fechaPanama()) {
  const f = q.filtros;
  const clave = q.cola ? 'sla' : (f.orden ?? '-fecha_apertura');
  const [columna, ascendente] = ORDEN[clave.replace('-', '')]!;
  const direccion = clave.startsWith('-') === ascendente ? 'desc' : 'asc';
  const tipos = (f.tipo ? [f.tipo] : (['PPSH', 'WORKFLOW'] as const)).map((t) => RAMAS[t]);
  const hasta = (f.page - 1) * f.page_size + f.page_size;

  const conteos = await Promise.all(tipos.map((c) => contarHastaTope(db, ramaFiltrada(db, c, actor, q, hoy))));
  const suma = conteos.reduce((a, n) => a + n.total, 0);
  const conteo: Conteo = {
    total: Math.min(suma, TOPE_CONTEO),
    total_es_minimo: suma > TOPE_CONTEO || conteos.some((n) => n.total_es_minimo),
  };
  // Each branch sorted and cut to the first `hasta` rows: the page is among them, and each branch can use its index
  // (a branch with many matches, in date order, walks that index: condicionesDeBusqueda).
  const cortadas = tipos.map((c, i) =>
    db
      .selectFrom(
        seleccionar(
          ramaFiltrada(db, c, actor, q, hoy, conteos[i]!.total_es_minimo && columna === 'fecha_apertura'),
          c,
          columna === 'asignado_nombre',
        )
          .orderBy(columna, direccion)
          .orderBy('id', direccion)
          .limit(hasta)
          .as(`r${i}`),
      )
      .selectAll(),
  );
  const union = cortadas.slice(1).reduce((u, r) => u.unionAll(r), cortadas[0]!);
  const filas = (await db
    .selectFrom(union.as('c'))
    .selectAll()
    .orderBy(columna, direccion)
    .orderBy('id', direccion)
    .limit(f.page_size)
    .offset((f.page - 1) * f.page_size)
    .execute()) as CasoFila[];
  const asignados = [...new Set(filas.map((r) => r.asignado_a).filter((x): x is string => Boolean(x)))];
  const nombres = new Map(
    asignados.length
      ? (await db.selectFrom('usuarios').select(['id', 'nombre']).where('id', 'in', asignados).execute()).map((u) => [
          u.id,
          u.nombre,
        ])
      : [],
  );
  return { ...conteo, items: filas.map((r) => aItem(r, nombres, hoy)) };
}

export function aItem(r: CasoFila, nombres: Map<string, string>, hoy: string): CasoItem {
  const estado = estadoCaso(r.tipo, r.estado, r.etapa);
  return {
    id: r.id,
    tipo: r.tipo,
    numero: r.numero,
    referencia_provisional: r.referencia_provisional,
    workflow_codigo: r.tipo === 'WORKFLOW' ? r.numero.replace(/^WF-(.+)-\d{4}-\d{6}$/, '$1') : null,
    titular: r.titular,
    documento: r.documento,
    estado,
    etapa: r.etapa,
    prioridad: r.prioridad,
    asignado: r.asignado_a ? { id: r.asignado_a, nombre: nombres.get(r.asignado_a) ?? r.asignado_a } : null,
    agencia: r.agencia,
    fecha_apertura: r.fecha_apertura,
    dias_abierto: diasEntre(r.fecha_apertura, hoy),
    fecha_estado: r.fecha_estado,
    sla: calcularSla({ ...r, es_final: estado.es_final }, hoy),
    updated_at: r.updated_at,
  };
}

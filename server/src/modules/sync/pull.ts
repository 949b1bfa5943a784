/**
 * GET /sync/pull: the changes after a cursor, in order, scoped to what the user may see, with each row's current state.
 * Keyset pagination on the change number; rows are loaded per table with `where key in (…)`, so a first sync of a large
 * caseload costs a few indexed queries per page whatever its depth.
 */
import type { SelectQueryBuilder } from 'kysely';
import {
  CURSOR_INICIAL,
  type Cambio,
  type Fila,
  type MotivoReset,
  type PullQuery,
  type PullRespuesta,
} from '#shared/sync/protocolo';
import { tienePermiso } from '#shared/roles';
import type { Actor } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import type { Trx } from '../../db/escritura.js';
import type { Database, SyncCambioRow } from '../../db/schema.js';
import { AppError } from '../../error-api.js';
import { epocaActual } from './epoca.js';
import type { MetricasSync } from './metricas.js';
import { paraCliente, TABLAS, type DefTabla } from './tablas.js';

/**
 * What a user receives: one office (or all, for ADMIN), with or without internal comments. Stamped into the cursor, so a
 * cursor issued for another scope (the user moved office, their role changed) is detected and answered with a reset.
 */
interface Alcance {
  codigo: string;
  agencia: string | null;
  verInternos: boolean;
}

function alcanceDe(actor: Actor): Alcance {
  const agencia = tienePermiso(actor.rol, 'todas_las_oficinas') ? null : actor.cod_agencia;
  const verInternos = tienePermiso(actor.rol, 'comentario.ver_internos');
  return { codigo: `${agencia ?? '*'}${verInternos ? '' : 'p'}`, agencia, verInternos };
}

/**
 * `<epoch>.<scope>:<seq>`. A cursor of the earlier format (`<scope>:<seq>`, issued before epochs existed) belongs to no
 * known history: it is read with a null epoch, which never matches, so its desk resets.
 */
const FORMATO_CURSOR = /^(?:([0-9a-f]{32})\.)?([0-9]{2}|\*)(p?):(\d{1,15})$/;
const cursorDe = (epoca: string, a: Alcance, seq: number) => `${epoca}.${a.codigo}:${seq}`;

function leerCursor(cursor: string): { epoca: string | null; codigo: string; seq: number } | null {
  if (cursor === CURSOR_INICIAL) return null;
  const m = FORMATO_CURSOR.exec(cursor);
  if (!m)
    throw new AppError('VALIDACION', 'Cursor de sincronización inválido: envíe el último nextCursor recibido o "0"');
  return { epoca: m[1] ?? null, codigo: `${m[2]}${m[3]}`, seq: Number(m[4]) };
}

const MENSAJES_RESET: Record<MotivoReset, string> = {
  ALCANCE_CAMBIADO: 'Su oficina o sus permisos cambiaron: los expedientes se descargan de nuevo',
  CURSOR_COMPACTADO: 'Su copia local es demasiado antigua: los expedientes se descargan de nuevo',
  CURSOR_DESCONOCIDO:
    'El servidor no reconoce su punto de sincronización (¿base de datos restaurada?): se descarga de nuevo',
  EPOCA_CAMBIADA:
    'El servidor fue restaurado o reemplazado: los expedientes se descargan de nuevo y se reenvía lo que usted ya había sincronizado',
};

/** The answer that sends a desk back to the start (push answers it too, with no command applied). */
export const resetPor = (motivo: MotivoReset) => ({ motivo, mensaje: MENSAJES_RESET[motivo] });

/** SQL Server allows 2,100 parameters per statement; stay well under it. */
const IDS_POR_CONSULTA = 1000;

type Lector = Db | Trx;

/** The current rows of one table by key. Table and key come from TABLAS, never from the request. */
async function cargarFilas(db: Lector, def: DefTabla, ids: string[]): Promise<Map<string, Fila>> {
  const filas = new Map<string, Fila>();
  for (let i = 0; i < ids.length; i += IDS_POR_CONSULTA) {
    const trozo = ids.slice(i, i + IDS_POR_CONSULTA);
    // Dynamic table: typed as one concrete table only to satisfy Kysely; the columns read are generic (selectAll).
    const leidas = (await db
      .selectFrom(def.tabla as 'ppsh_solicitudes')
      .selectAll()
      .where(def.clave as 'id', 'in', (def.claveNumerica ? trozo.map(Number) : trozo) as string[])
      .execute()) as unknown as Fila[];
    for (const fila of leidas) filas.set(String(fila[def.clave]), paraCliente(def.tabla, fila));
  }
  return filas;
}

function entradasDe(db: Lector, despuesDe: number) {
  return db.selectFrom('sync_cambios').select(['seq', 'tabla', 'fila_id', 'version']).where('seq', '>', despuesDe);
}

/** The user's scope as index seeks on (cod_agencia, seq): everything for ADMIN, else their office's and the catalogs'. */
function tramos<O>(q: SelectQueryBuilder<Database, 'sync_cambios', O>, a: Alcance) {
  return a.agencia === null ? [q] : [q.where('cod_agencia', '=', a.agencia), q.where('cod_agencia', 'is', null)];
}

/** Change-log entries after `despuesDe` in the user's scope, merged in change order. */
async function entradas(db: Lector, a: Alcance, despuesDe: number, cuantas: number) {
  const filas = [];
  for (const q of tramos(entradasDe(db, despuesDe).orderBy('seq').limit(cuantas), a))
    filas.push(...(await q.execute()));
  return filas
    .map((f) => ({ ...f, seq: Number(f.seq) }))
    .sort((x, y) => x.seq - y.seq)
    .slice(0, cuantas);
}

async function contarRestantes(db: Lector, a: Alcance, despuesDe: number): Promise<number> {
  const q = entradasDe(db, despuesDe)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'));
  let total = 0;
  for (const t of tramos(q, a)) total += Number((await t.executeTakeFirstOrThrow()).n);
  return total;
}

function cambioDe(
  e: Pick<SyncCambioRow, 'seq' | 'tabla' | 'fila_id' | 'version'>,
  fila: Fila | undefined,
  a: Alcance,
): Cambio {
  const base = { seq: e.seq, tabla: e.tabla as Cambio['tabla'], id: e.fila_id };
  // A row gone from its table, or one this user may not see, is a delete: the client drops any copy it holds.
  const oculta = TABLAS.get(e.tabla)!.conInternos && fila?.es_interno === 1 && !a.verInternos;
  if (!fila || oculta) return { ...base, op: 'delete', version: e.version };
  return { ...base, op: 'upsert', version: Number(fila.version), fila };
}

export async function pull(db: Db, actor: Actor, q: PullQuery, metricas?: MetricasSync): Promise<PullRespuesta> {
  const a = alcanceDe(actor);
  const cursor = leerCursor(q.cursor);
  const contador = await db.selectFrom('sync_contador').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const epoca = await epocaActual(db);
  const cabeza = Number(contador.seq);
  // The epoch first: in another history the numbers mean nothing, even when they happen to look plausible.
  const motivo: MotivoReset | null = !cursor
    ? null
    : cursor.epoca !== epoca
      ? 'EPOCA_CAMBIADA'
      : cursor.codigo !== a.codigo
        ? 'ALCANCE_CAMBIADO'
        : cursor.seq > cabeza
          ? 'CURSOR_DESCONOCIDO'
          : cursor.seq > 0 && cursor.seq < Number(contador.seq_minimo)
            ? 'CURSOR_COMPACTADO'
            : null;
  metricas?.pulls.inc();
  if (motivo)
    return {
      changes: [],
      nextCursor: CURSOR_INICIAL,
      hasMore: true,
      reset: resetPor(motivo),
      epoca,
    };

  const desde = cursor?.seq ?? 0;
  metricas?.retraso.observe(cabeza - desde);
  const lote = await entradas(db, a, desde, q.limit + 1);
  const hasMore = lote.length > q.limit;
  const pagina = lote.slice(0, q.limit);

  const porTabla = new Map<string, string[]>();
  for (const e of pagina) {
    const ids = porTabla.get(e.tabla) ?? porTabla.set(e.tabla, []).get(e.tabla)!;
    ids.push(e.fila_id);
  }
  const filas = new Map<string, Map<string, Fila>>();
  for (const [tabla, ids] of porTabla) filas.set(tabla, await cargarFilas(db, TABLAS.get(tabla)!, ids));

  const hasta = pagina.at(-1)?.seq ?? desde;
  return {
    changes: pagina.map((e) => cambioDe(e, filas.get(e.tabla)?.get(e.fila_id), a)),
    nextCursor: cursorDe(epoca, a, hasta),
    hasMore,
    epoca,
    ...(q.contar === 'true' ? { restantes: hasMore ? await contarRestantes(db, a, hasta) : 0 } : {}),
  };
}

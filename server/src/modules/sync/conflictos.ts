/**
 * Is a stale edit a conflict? A command whose officer saw version B of a row conflicts only when another writer's change
 * after B touched a field the command writes; changes to other fields (a denormalised summary, another officer's
 * unrelated edit) are merged. B is the server version the desk's view was built on, so the officer's own earlier queued
 * commands on the row, applied since B, are part of what she saw and are never a conflict: "own" is a write by the same
 * user from the same desk (audit `cliente` = `sync <clientId>`). What changed is read from audit_log, which holds every
 * write's row before and after (db/escritura.ts). When the trail cannot prove the fields are untouched (B unknown,
 * entries purged), the answer is "conflict": never overwrite blindly.
 */
import type { FilaServidor } from '#shared/sync/protocolo';
import type { Actor, Contexto } from '../../contexto.js';
import type { Trx } from '../../db/escritura.js';
import { AppError } from '../../error-api.js';
import type { Objetivo } from './comandos.js';
import { oficinaVisible, paraCliente, TABLAS } from './tablas.js';

/** Raised inside the command's transaction so nothing it did survives; carries the server's row back to the client. */
export class Conflicto extends AppError {
  /** `suyo`: every conflicting change was the officer's own, made from another desk or the web (another writer). */
  constructor(
    readonly fila: FilaServidor,
    suyo = false,
  ) {
    super(
      'CONFLICTO_VERSION',
      suyo
        ? 'Usted modificó este expediente desde otra estación mientras trabajaba sin conexión en esta; revise cuál de ' +
            'sus cambios debe quedar y vuelva a aplicarlo'
        : 'Otra persona modificó estos datos mientras usted trabajaba sin conexión; revise y vuelva a aplicar su cambio',
    );
  }
}

/** The current row, if the user may see it (the feed knows each row's office). */
export async function filaActual(trx: Trx, actor: Actor, o: Objetivo): Promise<FilaServidor | undefined> {
  const entrada = await trx
    .selectFrom('sync_cambios')
    .select('cod_agencia')
    .where('tabla', '=', o.tabla)
    .where('fila_id', '=', o.id)
    .executeTakeFirst();
  if (!entrada || !oficinaVisible(actor, entrada.cod_agencia)) return undefined;
  const clave = TABLAS.get(o.tabla)!.clave;
  // Dynamic table: typed as one concrete table only to satisfy Kysely (selectAll, generic columns).
  const fila = (await trx
    .selectFrom(o.tabla as 'ppsh_solicitudes')
    .selectAll()
    .where(clave as 'id', '=', o.id)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  return fila && { tabla: o.tabla, id: o.id, version: Number(fila.version), fila: paraCliente(o.tabla, fila) };
}

/**
 * Fields other writers changed since `version`, each with whether every such change was by this same officer (from
 * another desk or the web), or null when the audit trail does not reach back to it.
 */
async function camposCambiadosPorOtrosDesde(
  trx: Trx,
  ctx: Contexto,
  o: Objetivo,
  version: number,
): Promise<Map<string, { suyo: boolean }> | null> {
  const entradas = await trx
    .selectFrom('audit_log')
    .select(['antes', 'despues', 'usuario_id', 'cliente'])
    .where('entidad', '=', o.tabla)
    .where('entidad_id', '=', o.id)
    .execute();
  const propia = (e: (typeof entradas)[number]) =>
    ctx.cliente !== undefined && e.usuario_id === ctx.actor.id && e.cliente === ctx.cliente;
  const cambiados = new Map<string, { suyo: boolean }>();
  let alcanzada = false;
  for (const e of entradas) {
    if (!e.antes || !e.despues) continue;
    const antes = JSON.parse(e.antes) as Record<string, unknown>;
    const despues = JSON.parse(e.despues) as Record<string, unknown>;
    if (Number(antes.version) < version) continue;
    if (Number(antes.version) === version) alcanzada = true;
    if (propia(e)) continue;
    const suyo = e.usuario_id === ctx.actor.id;
    for (const k of Object.keys(despues))
      if (JSON.stringify(antes[k]) !== JSON.stringify(despues[k]))
        cambiados.set(k, { suyo: suyo && (cambiados.get(k)?.suyo ?? true) });
  }
  return alcanzada ? cambiados : null;
}

/**
 * The row as the command found it, when applying it over `baseVersion` is safe; throws Conflicto otherwise. A missing
 * row is left for the service to report (NO_ENCONTRADO, in Spanish, with office scoping).
 */
export async function comprobarBase(
  trx: Trx,
  ctx: Contexto,
  o: Objetivo,
  campos: string[],
  baseVersion: number,
): Promise<FilaServidor | undefined> {
  const actual = await filaActual(trx, ctx.actor, o);
  if (!actual || actual.version === baseVersion) return actual;
  const cambiados = await camposCambiadosPorOtrosDesde(trx, ctx, o, baseVersion);
  const enDisputa = campos.filter((c) => cambiados?.has(c)).map((c) => cambiados!.get(c)!);
  if (cambiados && !enDisputa.length) return actual;
  throw new Conflicto(actual, enDisputa.length > 0 && enDisputa.every((c) => c.suyo));
}

/** Builders for sync stories: a desk plugged into the server through its own cable, logged in and synced. */
import Database from 'better-sqlite3';
import type { Core } from '../../../main/src/core/core.js';
import type { ServidorDePrueba } from '../../helpers/servidor.js';
import { PASSWORD_DEMO } from '../../helpers/servidor.js';
import { abrirEscritorio, type Escritorio } from '../../core/helpers/escritorio.js';
import type { OpcionesCore } from '../../../main/src/core/core.js';
import { crearRed, type Red } from './red.js';

export interface Puesto extends Escritorio {
  red: Red;
  usuario: string;
}

export async function puesto(s: ServidorDePrueba, usuario: string, extra: Partial<OpcionesCore> = {}): Promise<Puesto> {
  const red = await crearRed(s.api);
  const e = abrirEscritorio(red.api, { sync: { backoffBaseMs: 10, backoffMaxMs: 50, intervaloMs: 60_000 }, ...extra });
  await e.core['sesion.login']({ username: usuario, password: PASSWORD_DEMO });
  await e.core['sync.ahora']({});
  const cerrar = e.cerrar;
  return Object.assign(e, {
    red,
    usuario,
    async cerrar() {
      await cerrar();
      await red.cerrar();
    },
  });
}

/** Through `invocar`, as the renderer calls it: arguments validated and defaults applied. */
export const consulta = (core: Core, filtros: Partial<Parameters<Core['expedientes.consultar']>[0]> = {}) =>
  core.invocar('expedientes.consultar', { limite: 500, ...filtros });

/** A case of the desk's caseload in a given state (deterministic: oldest first). */
export async function casoEn(core: Core, estado: string, saltar = 0): Promise<string> {
  const p = await consulta(core, { estado: [estado as never], orden: 'fecha_solicitud' });
  const c = p.items[saltar];
  if (!c) throw new Error(`no hay expediente en ${estado}`);
  return c.id;
}

/** Server rows of an office's cases as {id: version}, to compare with what a desk holds. */
export async function versionesServidor(s: ServidorDePrueba, agencia: string): Promise<Record<string, number>> {
  const filas = await s.db
    .selectFrom('ppsh_solicitudes')
    .select(['id', 'version'])
    .where('cod_agencia', '=', agencia)
    .execute();
  return Object.fromEntries(filas.map((f) => [f.id, f.version]));
}

export function versionesEscritorio(core: Core): Record<string, number> {
  // Read the store file directly: the desk's own view, including rows the caseload query filters out.
  const db = new Database(core.archivo, { readonly: true });
  try {
    const filas = db.prepare(`select id, datos->>'version' as version from ppsh_solicitudes`).all() as {
      id: string;
      version: number;
    }[];
    return Object.fromEntries(filas.map((f) => [f.id, Number(f.version)]));
  } finally {
    db.close();
  }
}

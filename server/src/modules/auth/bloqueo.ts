/**
 * Login throttling after OWASP's authentication guidance (docs/security.md, "Inicio de sesión"):
 *
 * - Per (username, source address): after `maxIntentos` wrong passwords the pair is blocked, first for
 *   `bloqueoMinutos`, each following block twice as long (up to a day); a quiet day forgets the blocks. An attacker's
 *   address is blocked for that name, never the officer at her own desk.
 * - Per username, from every address the officer never logged in from: a much higher ceiling (`maxIntentosCuenta`)
 *   against guessing spread over many addresses. Addresses she logged in from are not held by it.
 *
 * Every attempt RESERVES its place in both counters, by one atomic UPDATE each, before its password is checked: an
 * attempt that finds the limit reached (or the key blocked) is refused without any password check, so a burst of
 * concurrent attempts checks at most the allowed number, and the refusal is the same for a right and a wrong password.
 * Keys exist for unknown usernames too: a made-up name is throttled exactly like a real one.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';
import { ahora } from '../../db/escritura.js';
import type { Database } from '../../db/schema.js';

export interface OpcionesBloqueo {
  /** Wrong passwords per (username, address) before that pair is blocked. */
  maxIntentos: number;
  /** The pair's first block; each next one doubles. Also the window in which its failures add up. */
  bloqueoMinutos: number;
  /** Wrong passwords per username, from addresses the officer never used, before the username is blocked there. */
  maxIntentosCuenta: number;
  /** The username's first block and window. */
  bloqueoCuentaMinutos: number;
}

/** No block lasts longer than a day; a day without a block forgets the earlier ones. */
const BLOQUEO_MAXIMO_MS = 24 * 3_600_000;
/** Rows untouched this long (and not blocked) are swept, at most once a minute per process. */
const BARRIDO_MS = 60_000;

type Eb = ExpressionBuilder<Database, 'limites_login'>;
const sinBloqueo = (instante: string) => (eb: Eb) =>
  eb.or([eb('bloqueado_hasta', 'is', null), eb('bloqueado_hasta', '<=', instante)]);

interface Limite {
  clave: string;
  maximo: number;
  minutos: number;
}

export const claveOrigen = (usuario: string, origen: string) => `o:${usuario}|${origen}`;
export const claveCuenta = (usuario: string) => `u:${usuario}`;

export function crearBloqueo(db: Db, o: OpcionesBloqueo) {
  let ultimoBarrido = 0;
  const haceMs = (ms: number) => new Date(Date.now() - ms).toISOString();

  async function barrer(instante: string): Promise<void> {
    if (Date.now() - ultimoBarrido < BARRIDO_MS) return;
    ultimoBarrido = Date.now();
    await db
      .deleteFrom('limites_login')
      .where('updated_at', '<', haceMs(2 * BLOQUEO_MAXIMO_MS))
      .where(sinBloqueo(instante))
      .execute();
  }

  async function asegurarFila(clave: string, usuario: string, instante: string): Promise<void> {
    const existe = () => db.selectFrom('limites_login').select('clave').where('clave', '=', clave).executeTakeFirst();
    if (await existe()) return;
    try {
      await db
        .insertInto('limites_login')
        .values({
          clave,
          usuario,
          intentos: 0,
          bloqueos: 0,
          bloqueado_hasta: null,
          ventana_desde: instante,
          updated_at: instante,
        })
        .execute();
    } catch (e) {
      // A concurrent attempt inserted it first: the row is there, which is all we need.
      if (!(await existe())) throw e;
    }
  }

  /**
   * Takes one place of the key's window, atomically: false (and nothing counted) when the key is blocked or its window
   * is full. A window older than the key's period starts again at this attempt.
   */
  async function reservar(l: Limite, usuario: string): Promise<boolean> {
    const instante = ahora();
    await asegurarFila(l.clave, usuario, instante);
    const inicioVentana = haceMs(l.minutos * 60_000);
    const olvido = haceMs(BLOQUEO_MAXIMO_MS);
    const r = await db
      .updateTable('limites_login')
      .set((eb) => ({
        intentos: eb
          .case()
          .when('ventana_desde', '<', inicioVentana)
          .then(1)
          .else(eb('intentos', '+', 1))
          .end(),
        ventana_desde: eb
          .case()
          .when('ventana_desde', '<', inicioVentana)
          .then(instante)
          .else(eb.ref('ventana_desde'))
          .end(),
        bloqueos: eb.case().when('bloqueado_hasta', '<', olvido).then(0).else(eb.ref('bloqueos')).end(),
        updated_at: instante,
      }))
      .where('clave', '=', l.clave)
      .where(sinBloqueo(instante))
      .where((eb) => eb.or([eb('intentos', '<', l.maximo), eb('ventana_desde', '<', inicioVentana)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Gives back a place taken by an attempt that turned out not to be a failure (or was refused by the other key). */
  const liberar = (clave: string) =>
    db
      .updateTable('limites_login')
      .set((eb) => ({ intentos: eb('intentos', '-', 1) }))
      .where('clave', '=', clave)
      .where('intentos', '>', 0)
      .execute();

  /** A wrong password: blocks the key when its window is full; true when THIS attempt blocked it. */
  async function fallo(l: Limite): Promise<boolean> {
    const instante = ahora();
    const fila = await db
      .selectFrom('limites_login')
      .select(['intentos', 'bloqueos'])
      .where('clave', '=', l.clave)
      .executeTakeFirst();
    if (!fila || fila.intentos < l.maximo) return false;
    const duracion = Math.min(l.minutos * 60_000 * 2 ** Math.min(fila.bloqueos, 16), BLOQUEO_MAXIMO_MS);
    const r = await db
      .updateTable('limites_login')
      .set({
        intentos: 0,
        bloqueos: fila.bloqueos + 1,
        bloqueado_hasta: new Date(Date.now() + duracion).toISOString(),
        ventana_desde: instante,
        updated_at: instante,
      })
      .where('clave', '=', l.clave)
      .where('bloqueos', '=', fila.bloqueos)
      .where('intentos', '>=', l.maximo)
      .where(sinBloqueo(instante))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  const limites = (usuario: string, origen: string) => ({
    origen: { clave: claveOrigen(usuario, origen), maximo: o.maxIntentos, minutos: o.bloqueoMinutos },
    cuenta: { clave: claveCuenta(usuario), maximo: o.maxIntentosCuenta, minutos: o.bloqueoCuentaMinutos },
  });

  return {
    /**
     * Reserves the attempt's place before its password is checked. `conocido`: the officer logged in from this address
     * before, so the username's ceiling does not hold it. False: refused, check no password.
     */
    async reservar(usuario: string, origen: string, conocido: boolean): Promise<boolean> {
      await barrer(ahora());
      const l = limites(usuario, origen);
      if (!(await reservar(l.origen, usuario))) return false;
      if (conocido || (await reservar(l.cuenta, usuario))) return true;
      await liberar(l.origen.clave);
      return false;
    },

    /** The password was wrong: which keys this attempt blocked. */
    async fallo(usuario: string, origen: string, conocido: boolean): Promise<{ origen: boolean; cuenta: boolean }> {
      const l = limites(usuario, origen);
      return { origen: await fallo(l.origen), cuenta: conocido ? false : await fallo(l.cuenta) };
    },

    /** The password was right: the pair starts afresh; the username's ceiling only gets its place back. */
    async exito(usuario: string, origen: string, conocido: boolean): Promise<void> {
      const l = limites(usuario, origen);
      await db
        .updateTable('limites_login')
        .set({ intentos: 0, bloqueos: 0, updated_at: ahora() })
        .where('clave', '=', l.origen.clave)
        .execute();
      if (!conocido) await liberar(l.cuenta.clave);
    },
  };
}

/** An administrator's unlock (a password reset): every key of the name starts again with no failures. */
export const desbloquear = (db: Db, username: string) =>
  db.deleteFrom('limites_login').where('usuario', '=', username.trim().toLowerCase()).execute();

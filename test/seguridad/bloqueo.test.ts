/**
 * The login throttle (modules/auth/bloqueo.ts): a burst of concurrent wrong passwords is cut at the limit and the right
 * one sent inside it is refused like any other; its answers do not tell a real username from a made-up one; blocks of
 * the same (username, address) grow, are forgotten after a quiet day, and an administrator's reset clears them.
 * Bursts from several addresses are in test/hostil/bloqueo-origenes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente, type Respuesta } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { claveOrigen, desbloquear } from '../../server/src/modules/auth/bloqueo.js';

const MAX = 5;
const MINUTOS = 15;
let s: ServidorDePrueba;

beforeAll(async () => {
  s = await iniciarServidor({ env: { LOGIN_MAX_INTENTOS: String(MAX), LOGIN_BLOQUEO_MINUTOS: String(MINUTOS) } });
});
afterAll(() => s.cerrar());

const login = (username: string, password: string) => cliente().post(`${s.api}/auth/login`, { username, password });
const forma = (r: Respuesta) => ({ status: r.status, code: r.body.error?.code, message: r.body.error?.message });

describe('bloqueo de cuenta bajo intentos concurrentes', () => {
  it('30 contraseñas equivocadas a la vez y la correcta dentro de la ráfaga: la cuenta queda bloqueada', async () => {
    let terminadas = 0;
    const malas = Array.from({ length: 30 }, (_, i) =>
      login('analista', `equivocada-${i}`).finally(() => terminadas++),
    );
    await new Promise((r) => setTimeout(r, 30));
    const enVuelo = 30 - terminadas;
    const correcta = await login('analista', PASSWORD_DEMO);
    const respuestas = await Promise.all(malas);
    expect(enVuelo, 'la correcta salió mientras la ráfaga seguía en curso').toBeGreaterThan(0);
    expect(respuestas.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    expect(forma(correcta)).toMatchObject({ status: 423, code: 'CUENTA_BLOQUEADA' });
    // After the burst, still locked: the counter did not end at 1-2.
    expect((await login('analista', PASSWORD_DEMO)).status).toBe(423);
    const auditoria = await s.db
      .selectFrom('audit_log')
      .select('accion')
      .where('username', '=', 'analista')
      .where('accion', '=', 'LOGIN')
      .execute();
    expect(auditoria).toEqual([]);
  });

  it('un usuario inexistente recibe las mismas respuestas que uno real', async () => {
    const secuencia = async (username: string) => {
      const r: ReturnType<typeof forma>[] = [];
      for (let i = 0; i < MAX + 1; i++) r.push(forma(await login(username, 'equivocada')));
      return r;
    };
    const real = await secuencia('supervisor');
    const inventado = await secuencia('no-existe-nadie');
    expect(real).toEqual(inventado);
    expect(real.at(-1)).toMatchObject({ status: 423, code: 'CUENTA_BLOQUEADA' });
    expect(real[0]).toMatchObject({ status: 401, code: 'CREDENCIALES_INVALIDAS' });
  });

  it('menos fallos que el máximo no bloquean, y un acceso correcto perdona los fallos', async () => {
    for (let i = 0; i < MAX - 1; i++) expect((await login('recepcion', 'equivocada')).status).toBe(401);
    expect((await login('recepcion', PASSWORD_DEMO)).status).toBe(200);
    for (let i = 0; i < MAX - 1; i++) expect((await login('recepcion', 'equivocada')).status).toBe(401);
    expect((await login('recepcion', PASSWORD_DEMO)).status).toBe(200);
  });

  describe('bloqueos que crecen', () => {
    const fila = (username: string) =>
      s.db
        .selectFrom('limites_login')
        .selectAll()
        .where('clave', '=', claveOrigen(username, '127.0.0.1'))
        .executeTakeFirstOrThrow();
    /** Minutes from now to the end of the pair's block. */
    const minutosBloqueado = async (username: string) =>
      (Date.parse((await fila(username)).bloqueado_hasta!) - Date.now()) / 60_000;
    const vencer = (username: string, haceMs: number) =>
      s.db
        .updateTable('limites_login')
        .set({ bloqueado_hasta: new Date(Date.now() - haceMs).toISOString() })
        .where('clave', '=', claveOrigen(username, '127.0.0.1'))
        .execute();
    const fallar = async (username: string) => {
      for (let i = 0; i < MAX; i++) expect((await login(username, `mala-${i}`)).status).toBe(401);
      expect((await login(username, PASSWORD_DEMO)).status).toBe(423);
    };

    it('cada bloqueo del mismo usuario y dirección dura el doble que el anterior; un día tranquilo lo olvida', async () => {
      await fallar('admin');
      expect(await minutosBloqueado('admin')).toBeCloseTo(MINUTOS, 0);
      await vencer('admin', 1000);
      await fallar('admin');
      expect(await minutosBloqueado('admin')).toBeCloseTo(2 * MINUTOS, 0);
      await vencer('admin', 1000);
      await fallar('admin');
      expect(await minutosBloqueado('admin')).toBeCloseTo(4 * MINUTOS, 0);
      // The last block ended more than a day ago: the next one starts again at the first length.
      await vencer('admin', 25 * 3_600_000);
      await fallar('admin');
      expect(await minutosBloqueado('admin')).toBeCloseTo(MINUTOS, 0);
    });

    it('el restablecimiento del administrador quita todos los bloqueos del nombre', async () => {
      await fallar('recepcion.darien');
      await desbloquear(s.db, 'Recepcion.Darien ');
      expect((await login('recepcion.darien', PASSWORD_DEMO)).status).toBe(200);
    });
  });
});

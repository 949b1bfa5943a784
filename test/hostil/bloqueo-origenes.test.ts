/**
 * Guessing passwords against the login, as an attacker does it: bursts fired all at once, from one address and from
 * several (127.0.0.x, the client socket bound to each). The server must check no more passwords than its limits allow
 * (counted by its own /metrics and its audit rows), answer a right password over a limit exactly like a wrong one, and
 * never let one address lock the officer out of her own desk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { contadoresLogin, forma, postDesde } from './desde.js';

const POR_ORIGEN = 5;
const POR_CUENTA = 12;
let s: ServidorDePrueba;

beforeAll(async () => {
  s = await iniciarServidor({
    env: {
      LOGIN_MAX_INTENTOS: String(POR_ORIGEN),
      LOGIN_MAX_INTENTOS_CUENTA: String(POR_CUENTA),
      // The address is the socket's: a client's own X-Forwarded-For must not pick a fresh budget.
      TRUST_PROXY: 'false',
    },
  });
});
afterAll(() => s?.cerrar());

const login = (origen: string, username: string, password: string, headers?: Record<string, string>) =>
  postDesde(origen, `${s.api}/auth/login`, { username, password }, headers);

const fallidosAuditados = async (username: string) =>
  (
    await s.db
      .selectFrom('audit_log')
      .select('accion')
      .where('username', '=', username)
      .where('accion', 'in', ['LOGIN_FALLIDO', 'CUENTA_BLOQUEADA'])
      .execute()
  ).length;

describe('ráfagas de contraseñas contra el inicio de sesión', () => {
  it('40 a la vez desde una dirección, la correcta como la número 20: se comprueban como mucho 5 y la correcta no se distingue', async () => {
    const antes = await contadoresLogin(s.url);
    const rafaga = Array.from({ length: 40 }, (_, i) =>
      login('127.0.0.2', 'supervisor', i === 19 ? PASSWORD_DEMO : `equivocada-${i}`),
    );
    const respuestas = await Promise.all(rafaga);
    const despues = await contadoresLogin(s.url);
    const verificadas = despues.verificadas - antes.verificadas;
    expect(verificadas, 'contraseñas comprobadas en la ráfaga').toBeLessThanOrEqual(POR_ORIGEN);
    expect(verificadas).toBeGreaterThan(0);
    expect(despues.rechazadas - antes.rechazadas).toBe(40 - verificadas);
    expect(await fallidosAuditados('supervisor')).toBeLessThanOrEqual(POR_ORIGEN);

    const correcta = respuestas[19]!;
    const malas = respuestas.filter((_, i) => i !== 19);
    expect(malas.filter((r) => r.status === 401).length).toBeLessThanOrEqual(POR_ORIGEN);
    const rechazos = respuestas.filter((r) => r.status === 423);
    expect(rechazos.length).toBeGreaterThanOrEqual(40 - POR_ORIGEN);
    const unRechazo = forma(rechazos[0]!);
    expect(unRechazo).toMatchObject({ status: 423, code: 'CUENTA_BLOQUEADA' });
    // Every refusal is the same answer: none tells which password was right.
    for (const r of rechazos) expect(forma(r)).toEqual(unRechazo);
    expect(respuestas.every((r) => [401, 423].includes(r.status) || r === correcta)).toBe(true);
    // The right one was either among the few checked (the attacker's allowance) or refused like any other.
    if (correcta.status !== 200) expect(forma(correcta)).toEqual(unRechazo);

    // Over the limit, the right password is not even checked, and the answer is the wrong password's.
    const medio = await contadoresLogin(s.url);
    const derecha = await login('127.0.0.2', 'supervisor', PASSWORD_DEMO);
    const errada = await login('127.0.0.2', 'supervisor', 'otra-equivocada');
    expect(forma(derecha)).toEqual(unRechazo);
    expect(forma(errada)).toEqual(unRechazo);
    expect((await contadoresLogin(s.url)).verificadas).toBe(medio.verificadas);
  });

  it('un atacante en 127.0.0.5 falla muchas veces por consulta; consulta entra desde 127.0.0.9', async () => {
    const rafaga = await Promise.all(Array.from({ length: 30 }, (_, i) => login('127.0.0.5', 'consulta', `mala-${i}`)));
    expect(rafaga.filter((r) => r.status === 401).length).toBeLessThanOrEqual(POR_ORIGEN);
    // Sequential guesses after the burst: still refused, and they never reach the username's ceiling.
    for (let i = 0; i < 10; i++) expect((await login('127.0.0.5', 'consulta', `lenta-${i}`)).status).toBe(423);
    // Nor does a forged X-Forwarded-For give the attacker a fresh budget.
    const disfrazado = await login('127.0.0.5', 'consulta', 'mala-con-cabecera', { 'x-forwarded-for': '10.9.8.7' });
    expect(disfrazado.status).toBe(423);

    const enSuEscritorio = await login('127.0.0.9', 'consulta', PASSWORD_DEMO);
    expect(enSuEscritorio.status, JSON.stringify(enSuEscritorio.body)).toBe(200);
    // She is told: her username was blocked at the attacker's address.
    const avisos = enSuEscritorio.body.avisos as { tipo: string; origen: string | null }[];
    expect(avisos).toEqual(expect.arrayContaining([expect.objectContaining({ tipo: 'BLOQUEO', origen: '127.0.0.5' })]));
    // The attacker's address stays blocked, even with her password.
    expect((await login('127.0.0.5', 'consulta', PASSWORD_DEMO)).status).toBe(423);
  });

  it('muchas direcciones a la vez contra un usuario: el techo por cuenta corta la ráfaga; su escritorio conocido sigue entrando', async () => {
    // Her desk: she logged in from it before the campaign.
    expect((await login('127.0.0.20', 'analista', PASSWORD_DEMO)).status).toBe(200);
    const antes = await contadoresLogin(s.url);
    const atacantes = Array.from({ length: 8 }, (_, i) => `127.0.1.${i + 1}`);
    const rafaga = await Promise.all(
      atacantes.flatMap((origen) =>
        Array.from({ length: POR_ORIGEN }, (_, i) => login(origen, 'analista', `distribuida-${origen}-${i}`)),
      ),
    );
    const verificadas = (await contadoresLogin(s.url)).verificadas - antes.verificadas;
    expect(verificadas, `${rafaga.length} intentos desde ${atacantes.length} direcciones`).toBeLessThanOrEqual(
      POR_CUENTA,
    );
    expect(rafaga.filter((r) => r.status === 401)).toHaveLength(verificadas);
    // A new address is now held by the username's ceiling, right password or not, with the same answer.
    const nueva = await login('127.0.2.1', 'analista', PASSWORD_DEMO);
    expect(forma(nueva)).toEqual(forma(rafaga.find((r) => r.status === 423)!));
    // Her own desk is not.
    const suya = await login('127.0.0.20', 'analista', PASSWORD_DEMO);
    expect(suya.status, JSON.stringify(suya.body)).toBe(200);
  });

  it('un usuario inventado recibe lo mismo que uno real, ráfaga incluida', async () => {
    const secuencia = async (username: string, origen: string) => {
      const r = await Promise.all(Array.from({ length: 12 }, (_, i) => login(origen, username, `x-${i}`)));
      return r.map(forma).sort((a, b) => a.status - b.status);
    };
    expect(await secuencia('recepcion', '127.0.0.30')).toEqual(await secuencia('nadie.inventado', '127.0.0.31'));
  });
});

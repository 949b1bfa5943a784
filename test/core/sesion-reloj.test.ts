/**
 * The 7-day offline window against a desk's own clock: it is measured from the server's time (its Date header), and a
 * clock set back behind a time the desk already saw unlocks nothing. The desk's clock is injected; the server's is the
 * real one. Real core, real SQLite file, real API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { puesto } from '../sync/helpers/escenario.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

const DIA = 86_400_000;

/** The desk's clock: starts `adelanto` ms ahead of the real time and is then set by the test. */
function relojDelEscritorio(adelanto = 0) {
  const inicio = Date.now();
  let ahora = inicio + adelanto;
  return { leer: () => new Date(ahora), poner: (dia: number) => (ahora = inicio + adelanto + dia * DIA) };
}

const ATRASADA = /La hora de este equipo está atrasada/;
const VENCIDA = /Pasaron más de 7 días/;

describe('reloj del escritorio y plazo sin conexión', () => {
  it('el día 8 se niega; con el reloj vuelto al día 1 también (y al día 2 tras ver el día 30), y lo dice', async () => {
    const reloj = relojDelEscritorio();
    const p = await puesto(s, 'recepcion', { reloj: reloj.leer });
    try {
      await p.core['sesion.bloquear']({});
      p.red.cortar();
      const intento = (dia: number) => {
        reloj.poner(dia);
        return p.core['sesion.desbloquear']({ password: PASSWORD_DEMO }).then(
          () => 'desbloqueó',
          (e: Error) => (ATRASADA.test(e.message) ? 'hora atrasada' : VENCIDA.test(e.message) ? 'vencido' : e.message),
        );
      };
      const vistos = { 6: await intento(6) };
      await p.core['sesion.bloquear']({});
      Object.assign(vistos, { 8: await intento(8), 1: await intento(1) });
      Object.assign(vistos, { 30: await intento(30), 2: await intento(2) });
      expect(vistos).toEqual({ 6: 'desbloqueó', 8: 'vencido', 1: 'hora atrasada', 30: 'vencido', 2: 'hora atrasada' });
      expect(await p.core['sesion.estado']({})).toMatchObject({
        desbloqueo_offline: 'reloj_atrasado',
        desbloqueo_offline_hasta: null,
      });
      // The move back survives a restart (the mark is in the desk's store).
      const core = await p.reiniciar();
      await expect(core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        code: 'NO_AUTENTICADO',
        message: expect.stringMatching(ATRASADA),
      });
      // Online, the server decides: the officer gets in, and the mark starts again from the server's time.
      p.red.restablecer();
      expect(await core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({ estado: 'activa' });
    } finally {
      await p.cerrar();
    }
  });

  it('la ventana se mide desde la hora del servidor aunque el reloj del equipo vaya 3 días adelantado', async () => {
    const reloj = relojDelEscritorio(3 * DIA);
    const antes = Date.now();
    const p = await puesto(s, 'recepcion', { reloj: reloj.leer });
    try {
      const hasta = Date.parse((await p.core['sesion.estado']({})).desbloqueo_offline_hasta!);
      // Seven days from the server's time of the login (its Date header has whole seconds), not from the desk's.
      expect(hasta).toBeGreaterThanOrEqual(Math.floor(antes / 1000) * 1000 + 7 * DIA);
      expect(hasta).toBeLessThanOrEqual(Date.now() + 7 * DIA);

      await p.core['sesion.bloquear']({});
      p.red.cortar();
      // The clock stays 3 days fast: real day 3.5 reads day 6.5 on this desk, inside the server's window.
      reloj.poner(3.5);
      expect(await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({ estado: 'activa' });
      await p.core['sesion.bloquear']({});
      // Real day 4 (and an hour, past the seconds the login took on a loaded machine) reads day 7: the server's window
      // is over, though the desk's own login time would allow 3 more days.
      reloj.poner(4 + 1 / 24);
      await expect(p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        message: expect.stringMatching(VENCIDA),
      });
    } finally {
      await p.cerrar();
    }
  });
});

/**
 * The sync engine's backoff after a failure is full jitter: the next attempt is anywhere between now and the exponential
 * ceiling (docs/sync.md), so desks that lose the link together do not come back in step. The random source is injected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { puesto } from '../sync/helpers/escenario.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

describe('espera entre reintentos', () => {
  // Equal jitter (half the ceiling plus a random half) would wait 625 and 750 ms here.
  for (const azar of [0.25, 0.5])
    it(`con azar ${azar} el siguiente intento llega a ${azar} del techo (1 s tras el primer fallo)`, async () => {
      const techo = 1000;
      const p = await puesto(s, 'recepcion', {
        syncAutomatico: true,
        sync: { backoffBaseMs: techo, backoffMaxMs: 60_000, intervaloMs: 60_000, azar: () => azar },
      });
      try {
        p.red.cortar();
        const e = await p.core['sync.ahora']({});
        expect(e.ultimo_error?.code).toBe('SIN_CONEXION');
        const espera = Date.parse(e.proximo_intento!) - Date.parse(e.ultimo_error!.fecha);
        expect(espera).toBeGreaterThanOrEqual(Math.round(azar * techo));
        expect(espera).toBeLessThan(Math.round(azar * techo) + 50);
      } finally {
        await p.cerrar();
      }
    });
});

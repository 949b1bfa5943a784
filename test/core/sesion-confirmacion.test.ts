/**
 * A final decision (approve, reject) needs the password typed again: `sesion.confirmarIdentidad` checks it with the
 * server when it answers and with the desk's verifier (and its count of wrong tries) when it does not; the core refuses
 * to queue APROBADO or RECHAZADO without a confirmation, which serves one decision within two minutes. Other moves need
 * none. Real core, real SQLite file, real API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, puesto } from '../sync/helpers/escenario.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

const PIDE_CONTRASENA = {
  code: 'NO_AUTENTICADO',
  message: expect.stringMatching(/Escriba su contraseña para confirmar/),
};

describe('confirmar la identidad antes de una decisión final', () => {
  it('aprobar y rechazar piden la contraseña, una vez por decisión y por dos minutos, con y sin conexión', async () => {
    let ahora = Date.now();
    const p = await puesto(s, 'supervisor', { reloj: () => new Date(ahora) });
    try {
      // The oldest case awaiting a decision (a decided one leaves that state, so the next call gets another).
      const caso = () => casoEn(p.core, 'EN_APROBACION');
      const aprobar = async () =>
        p.core['ppsh.cambiarEstado']({
          id: await caso(),
          cambio: { estado_nuevo: 'APROBADO', num_resolucion: 'RES-2026-0042' },
        });

      await expect(aprobar()).rejects.toMatchObject(PIDE_CONTRASENA);
      await expect(p.core['sesion.confirmarIdentidad']({ password: 'equivocada' })).rejects.toMatchObject({
        code: 'CREDENCIALES_INVALIDAS',
      });
      await expect(aprobar()).rejects.toMatchObject(PIDE_CONTRASENA);

      // Online: the server checks it.
      expect(await p.core['sesion.confirmarIdentidad']({ password: PASSWORD_DEMO })).toEqual({
        confirmada_hasta: new Date(ahora + 120_000).toISOString(),
      });
      await aprobar();
      // One confirmation, one decision.
      await expect(aprobar()).rejects.toMatchObject(PIDE_CONTRASENA);

      // Offline: the desk's verifier, with the same count of wrong tries as the lock screen.
      p.red.cortar();
      await expect(p.core['sesion.confirmarIdentidad']({ password: 'otra-mala' })).rejects.toMatchObject({
        code: 'CREDENCIALES_INVALIDAS',
        message: 'Contraseña incorrecta: quedan 9 intentos sin conexión',
      });
      await p.core['sesion.confirmarIdentidad']({ password: PASSWORD_DEMO });
      ahora += 121_000;
      await expect(
        p.core['ppsh.cambiarEstado']({
          id: await caso(),
          cambio: { estado_nuevo: 'RECHAZADO', num_resolucion: 'RES-2026-0099' },
        }),
      ).rejects.toMatchObject(PIDE_CONTRASENA);
      await p.core['sesion.confirmarIdentidad']({ password: PASSWORD_DEMO });
      await p.core['ppsh.cambiarEstado']({
        id: await caso(),
        cambio: { estado_nuevo: 'RECHAZADO', num_resolucion: 'RES-2026-0099' },
      });

      // Sending a case back to evaluation is not a final decision.
      await p.core['ppsh.cambiarEstado']({
        id: await caso(),
        cambio: { estado_nuevo: 'EN_EVALUACION', observaciones: 'Falta un documento' },
      });

      p.red.restablecer();
      const estado = await p.core['sync.ahora']({});
      expect({ pendientes: estado.pendientes, fallidos: estado.fallidos }).toEqual({ pendientes: 0, fallidos: 0 });
    } finally {
      await p.cerrar();
    }
  });
});

/**
 * "Mi cuenta" through the real core and a real API server: her own password change (the desk keeps working on the
 * session the server hands back, the old password no longer logs in) and her list of sessions, ending one or all others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abrirEscritorio, type Escritorio } from './helpers/escritorio.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';

const NUEVA = 'una frase larga de aduana panameña';

let s: ServidorDePrueba;
let e: Escritorio;
beforeAll(async () => {
  s = await iniciarServidor();
  e = abrirEscritorio(s.api);
  await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO });
});
afterAll(async () => {
  await e.cerrar();
  await s.cerrar();
});

/** Whether the server still renews a session by its refresh token (false once it was ended). */
async function sigueViva(refresh: string): Promise<boolean> {
  const r = await fetch(`${s.url}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refresh }),
  });
  return r.status === 200;
}

describe('mi cuenta en el escritorio', () => {
  it('lista sus sesiones y marca la de esta estación', async () => {
    await s.login('recepcion');
    const sesiones = await e.core.invocar('cuenta.sesiones', {});
    expect(sesiones).toHaveLength(2);
    expect(sesiones.filter((x) => x.actual)).toHaveLength(1);
    expect(Object.keys(sesiones[0]!).sort()).toEqual([
      'actual',
      'creada_en',
      'dispositivo',
      'id',
      'origen',
      'ultimo_uso',
    ]);
  });

  it('rechaza la contraseña actual equivocada y la nueva débil con el mensaje del servidor', async () => {
    await expect(
      e.core.invocar('cuenta.cambiarPassword', { actual: 'no-es-la-mia-123', nueva: NUEVA }),
    ).rejects.toMatchObject({ code: 'VALIDACION', message: expect.stringMatching(/actual no es correcta/) });
    await expect(
      e.core.invocar('cuenta.cambiarPassword', { actual: PASSWORD_DEMO, nueva: 'password1234' }),
    ).rejects.toMatchObject({ code: 'VALIDACION', message: expect.stringMatching(/demasiado común/) });
    await expect(
      e.core.invocar('cuenta.cambiarPassword', { actual: PASSWORD_DEMO, nueva: 'corta' }),
    ).rejects.toMatchObject({ code: 'VALIDACION', message: expect.stringMatching(/al menos 12 caracteres/) });
  });

  it('cambia la contraseña: la anterior ya no entra, la nueva sí, y el escritorio sigue trabajando', async () => {
    const otra = await s.login('recepcion');
    const estado = await e.core.invocar('cuenta.cambiarPassword', { actual: PASSWORD_DEMO, nueva: NUEVA });
    expect(estado).toMatchObject({ estado: 'activa', usuario: { username: 'recepcion' } });

    await expect(s.login('recepcion', PASSWORD_DEMO)).rejects.toThrow(/401/);
    expect(await sigueViva(otra.refresh_token)).toBe(false);
    // This desk works on the session the server handed back: only it is left, until the new login below.
    expect(await e.core.invocar('cuenta.sesiones', {})).toMatchObject([{ actual: true }]);
    await e.core.invocar('sync.ahora', {});
    expect(await e.core.invocar('sesion.estado', {})).toMatchObject({ estado: 'activa' });
    await s.login('recepcion', NUEVA);

    // The verifier learnt the new password: offline unlock after a restart takes it, and not the old one.
    const core = await e.reiniciar({ apiUrl: 'http://127.0.0.1:9/api/v1' });
    await expect(core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
      code: 'CREDENCIALES_INVALIDAS',
    });
    expect(await core['sesion.desbloquear']({ password: NUEVA })).toMatchObject({ estado: 'activa' });
    await e.reiniciar();
    await e.core['sesion.login']({ username: 'recepcion', password: NUEVA });
  });

  it('cierra una sesión suya, y todas las demás, con su contraseña', async () => {
    const a = await s.login('recepcion', NUEVA);
    const b = await s.login('recepcion', NUEVA);
    const antes = await e.core.invocar('cuenta.sesiones', {});
    expect(antes.length).toBeGreaterThanOrEqual(3);

    await expect(e.core.invocar('cuenta.cerrarSesiones', { password: PASSWORD_DEMO })).rejects.toMatchObject({
      code: 'VALIDACION',
    });
    expect(await sigueViva(a.refresh_token)).toBe(true);

    const otra = antes.find((x) => !x.actual)!;
    expect(await e.core.invocar('cuenta.cerrarSesiones', { password: NUEVA, id: otra.id })).toEqual({ cerradas: 1 });
    expect((await e.core.invocar('cuenta.sesiones', {})).map((x) => x.id)).not.toContain(otra.id);

    const { cerradas } = await e.core.invocar('cuenta.cerrarSesiones', { password: NUEVA });
    expect(cerradas).toBe(antes.length - 2);
    expect(await e.core.invocar('cuenta.sesiones', {})).toMatchObject([{ actual: true }]);
    expect(await sigueViva(b.refresh_token)).toBe(false);
    expect(await e.core.invocar('sesion.estado', {})).toMatchObject({ estado: 'activa' });
  });
});

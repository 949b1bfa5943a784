/**
 * The officer's session on a desk: online login through the real API, offline unlock within the window (clock injected),
 * and the lock the server imposes when the account is disabled or the session revoked, with the outbox kept on disk.
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

const DIA = 86_400_000;

/** A clock the test moves forward. */
function reloj() {
  let ahora = Date.now();
  return { leer: () => new Date(ahora), avanzar: (ms: number) => (ahora += ms) };
}

describe('sesión del escritorio', () => {
  it('sin conexión se desbloquea con la contraseña dentro de los 7 días, y no después', async () => {
    const t = reloj();
    const p = await puesto(s, 'recepcion', { reloj: t.leer });
    try {
      p.red.cortar();
      await p.core['sesion.bloquear']({});
      await expect(p.core['expedientes.consultar']({} as never)).rejects.toMatchObject({ code: 'NO_AUTENTICADO' });

      t.avanzar(6 * DIA);
      await expect(p.core['sesion.desbloquear']({ password: 'otra-clave' })).rejects.toMatchObject({
        code: 'CREDENCIALES_INVALIDAS',
      });
      expect(await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({
        estado: 'activa',
        usuario: { username: 'recepcion' },
      });

      await p.core['sesion.bloquear']({});
      t.avanzar(2 * DIA);
      await expect(p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        code: 'NO_AUTENTICADO',
        message: expect.stringMatching(/más de 7 días/),
      });
      expect(await p.core['sesion.estado']({})).toMatchObject({ estado: 'bloqueada', desbloqueo_offline_hasta: null });

      // Back online, the same password logs in again and the window starts over.
      p.red.restablecer();
      expect(await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({ estado: 'activa' });
    } finally {
      await p.cerrar();
    }
  });

  it('el desbloqueo sin conexión sobrevive a un reinicio de la aplicación', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      p.red.cortar();
      const core = await p.reiniciar();
      expect(await core['sesion.estado']({})).toMatchObject({
        estado: 'bloqueada',
        usuario: { username: 'recepcion' },
      });
      expect(await core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({ estado: 'activa' });
    } finally {
      await p.cerrar();
    }
  });

  for (const [caso, cortar, code] of [
    [
      'una cuenta desactivada',
      (id: string) => s.db.updateTable('usuarios').set({ activo: 0 }).where('id', '=', id).execute(),
      'CUENTA_INACTIVA',
    ],
    [
      // What `npm run users -- disable` does: the account off and its sessions revoked; the desk must name the account.
      'una cuenta desactivada por la herramienta de usuarios',
      async (id: string) => {
        await s.db.updateTable('usuarios').set({ activo: 0 }).where('id', '=', id).execute();
        await s.db
          .updateTable('refresh_tokens')
          .set({ revocado_en: new Date().toISOString() })
          .where('usuario_id', '=', id)
          .execute();
      },
      'CUENTA_INACTIVA',
    ],
    [
      'una sesión revocada',
      (id: string) =>
        s.db
          .updateTable('refresh_tokens')
          .set({ revocado_en: new Date().toISOString() })
          .where('usuario_id', '=', id)
          .execute(),
      'TOKEN_INVALIDO',
    ],
  ] as const) {
    it(`${caso} bloquea el escritorio y conserva el outbox sin sincronizar`, async () => {
      const p = await puesto(s, 'analista');
      const usuario = (await p.core['sesion.estado']({})).usuario!;
      try {
        p.red.cortar();
        const id = await casoEn(p.core, 'EN_EVALUACION');
        await p.core['ppsh.comentar']({ id, comentario: { comentario: 'Trabajo sin conexión' } });
        await cortar(usuario.id);

        p.red.restablecer();
        const estado = await p.core['sync.ahora']({});
        expect(estado.pendientes).toBe(1);
        expect(await p.core['sesion.estado']({})).toMatchObject({
          estado: 'bloqueada',
          motivo: { code },
          desbloqueo_offline_hasta: null,
        });
        await expect(
          p.core['ppsh.comentar']({ id, comentario: { comentario: 'otro', es_interno: true } }),
        ).rejects.toMatchObject({ code: 'NO_AUTENTICADO' });

        // The password alone no longer opens it, offline or after a restart; the unsynced command is still on disk.
        p.red.cortar();
        const core = await p.reiniciar();
        await expect(core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
          code: 'NO_AUTENTICADO',
        });
        expect((await core['sync.estado']({})).pendientes).toBe(1);
      } finally {
        await s.db.updateTable('usuarios').set({ activo: 1 }).where('id', '=', usuario.id).execute();
        await p.cerrar();
      }
    });
  }
});

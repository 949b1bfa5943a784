/**
 * Offline unlock as an attacker at the desk or with a copy of its folder would try it, and the server session a desk
 * leaves behind: the verifier and the count of wrong tries live in the protected secret store (not in SQLite); ten
 * wrong passwords wipe the verifier, concurrent guesses included; online the server decides first, so a password reset
 * takes effect at once; locking, signing out and restarting end the server session (queued while offline); the
 * server's notices reach the officer after login. Real core, real SQLite file, real API.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import argon2 from 'argon2';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abrirStore } from '../../main/src/core/store/abrir.js';
import { MIGRACIONES_LOCALES } from '../../main/src/core/store/migrations/index.js';
import { hashPassword } from '../../server/src/modules/auth/passwords.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { puesto, type Puesto } from '../sync/helpers/escenario.js';
import { abrirEscritorio, nuevoDirectorio } from './helpers/escritorio.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

const secretos = (p: Puesto) =>
  JSON.parse(fs.readFileSync(path.join(p.dir, 'secretos.json'), 'utf8')) as Record<string, string>;

/** Whether the server still renews with this refresh token (a throwaway call: the desk's queue is what is tested). */
async function renueva(refresh: string): Promise<number> {
  const r = await fetch(`${s.api}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refresh }),
  });
  return r.status;
}

async function cambiarPasswordEnServidor(username: string, nueva: string) {
  await s.db
    .updateTable('usuarios')
    .set({ password_hash: await hashPassword(nueva) })
    .where('username', '=', username)
    .execute();
}

describe('desbloqueo del escritorio', () => {
  it('el verificador y los intentos viven en el almacén protegido: el SQLite copiado no trae nada que adivinar', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      await p.core['sesion.bloquear']({});
      const archivos = fs.readdirSync(p.dir).filter((f) => f.startsWith('tramites.db'));
      const bytes = Buffer.concat(archivos.map((f) => fs.readFileSync(path.join(p.dir, f))));
      expect(bytes.includes('$argon2')).toBe(false);
      const db = new Database(p.core.archivo, { readonly: true });
      try {
        expect(db.prepare('select verificador from sesion').get()).toEqual({ verificador: '' });
      } finally {
        db.close();
      }
      expect(JSON.parse(secretos(p).verificador_local!)).toMatchObject({
        hash: expect.stringMatching(/^\$argon2id\$/),
      });
    } finally {
      await p.cerrar();
    }
  });

  it('al actualizar, el verificador que un escritorio anterior dejó en el SQLite se borra del archivo', async () => {
    const dir = nuevoDirectorio('migracion-0006-');
    const archivo = path.join(dir, 'tramites.db');
    try {
      const hash = await argon2.hash(PASSWORD_DEMO, { type: argon2.argon2id });
      const viejo = new Database(archivo);
      viejo.pragma('journal_mode = WAL');
      for (const m of MIGRACIONES_LOCALES.slice(0, 5)) for (const sql of m.sql) viejo.exec(sql);
      viejo.pragma('user_version = 5');
      viejo
        .prepare('insert into sesion (id, usuario, verificador, ultimo_online) values (1, ?, ?, ?)')
        .run('{"id":"u"}', hash, new Date().toISOString());
      viejo.close();
      expect(fs.readFileSync(archivo).includes(hash)).toBe(true);

      const db = abrirStore(archivo);
      db.pragma('wal_checkpoint(TRUNCATE)');
      expect(db.prepare('select verificador, visto_max from sesion').get()).toEqual({
        verificador: '',
        visto_max: null,
      });
      db.close();
      const bytes = Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))));
      expect(bytes.includes(hash.slice(-20))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sin conexión, 10 contraseñas incorrectas (aun en paralelo y con reinicios) borran el verificador y lo dice', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      await p.core['sesion.bloquear']({});
      p.red.cortar();
      const mensajes: string[] = [];
      for (let i = 0; i < 4; i++)
        await p.core['sesion.desbloquear']({ password: `mala-${i}` }).catch((e: Error) => mensajes.push(e.message));
      expect(mensajes).toEqual([
        'Contraseña incorrecta: quedan 9 intentos sin conexión',
        'Contraseña incorrecta: quedan 8 intentos sin conexión',
        'Contraseña incorrecta: quedan 7 intentos sin conexión',
        'Contraseña incorrecta: quedan 6 intentos sin conexión',
      ]);
      // A restart (or an edited SQLite file) does not give the tries back: the count is in the protected store.
      let core = await p.reiniciar();
      expect(await core['sesion.estado']({})).toMatchObject({
        intentos_restantes: 6,
        desbloqueo_offline: 'disponible',
      });

      const paralelo = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => core['sesion.desbloquear']({ password: `paralela-${i}` })),
      );
      expect(paralelo.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'desbloqueó'))).toEqual([
        'Contraseña incorrecta: quedan 5 intentos sin conexión',
        'Contraseña incorrecta: quedan 4 intentos sin conexión',
        'Contraseña incorrecta: quedan 3 intentos sin conexión',
        'Contraseña incorrecta: quedan 2 intentos sin conexión',
        'Contraseña incorrecta: queda 1 intento sin conexión',
        'Contraseña incorrecta. Se agotaron los intentos sin conexión: conéctese a la red para ingresar',
        'Se agotaron los intentos sin conexión en este equipo: conéctese a la red para ingresar',
        'Se agotaron los intentos sin conexión en este equipo: conéctese a la red para ingresar',
      ]);
      await expect(core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        code: 'NO_AUTENTICADO',
        message: expect.stringMatching(/Se agotaron los intentos/),
      });
      expect(await core['sesion.estado']({})).toMatchObject({
        estado: 'bloqueada',
        desbloqueo_offline: 'agotado',
        desbloqueo_offline_hasta: null,
        intentos_restantes: null,
      });
      expect(secretos(p).verificador_local).toBeUndefined();

      // The server lets her in again, and that gives back the offline unlock with a fresh count.
      p.red.restablecer();
      expect(await core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({
        estado: 'activa',
        intentos_restantes: 10,
        desbloqueo_offline: 'disponible',
      });
      await core['sesion.bloquear']({});
      p.red.cortar();
      core = await p.reiniciar();
      expect(await core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({ estado: 'activa' });
    } finally {
      await p.cerrar();
    }
  });

  it('con conexión decide el servidor: tras cambiar la contraseña allí, la vieja no desbloquea (ni luego sin red) y la nueva sí', async () => {
    const p = await puesto(s, 'consulta');
    try {
      await p.core['sesion.bloquear']({});
      await cambiarPasswordEnServidor('consulta', 'nueva-clave-2026');
      await expect(p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        code: 'CREDENCIALES_INVALIDAS',
      });
      p.red.cortar();
      await expect(p.core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        code: 'NO_AUTENTICADO',
        message: expect.stringMatching(/no puede verificar su contraseña sin conexión/),
      });
      p.red.restablecer();
      expect(await p.core['sesion.desbloquear']({ password: 'nueva-clave-2026' })).toMatchObject({ estado: 'activa' });
      await p.core['sesion.bloquear']({});
      p.red.cortar();
      expect(await p.core['sesion.desbloquear']({ password: 'nueva-clave-2026' })).toMatchObject({ estado: 'activa' });
    } finally {
      await cambiarPasswordEnServidor('consulta', PASSWORD_DEMO);
      await p.cerrar();
    }
  });

  it('desbloqueado sin red, al volver la conexión entra solo; si la contraseña cambió en el servidor, bloquea y lo dice', async () => {
    const p = await puesto(s, 'analista');
    try {
      await p.core['sesion.bloquear']({});
      p.red.cortar();
      await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      p.red.restablecer();
      expect((await p.core['sync.ahora']({})).ultimo_error).toBeNull();

      await p.core['sesion.bloquear']({});
      p.red.cortar();
      await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      await cambiarPasswordEnServidor('analista', 'otra-clave-2026');
      p.red.restablecer();
      await p.core['sync.ahora']({});
      expect(await p.core['sesion.estado']({})).toMatchObject({
        estado: 'bloqueada',
        motivo: { code: 'CREDENCIALES_INVALIDAS', message: expect.stringMatching(/contraseña cambió en el servidor/) },
      });
    } finally {
      await cambiarPasswordEnServidor('analista', PASSWORD_DEMO);
      await p.cerrar();
    }
  });

  it('bloquear, "Otra cuenta" y reiniciar cierran la sesión en el servidor; sin red quedan en cola hasta que vuelve', async () => {
    const p = await puesto(s, 'recepcion');
    try {
      // Lock, online: the refresh token the desk held is dead on the server at once.
      const alBloquear = secretos(p).refresh_token!;
      await p.core['sesion.bloquear']({});
      expect(secretos(p).refresh_token).toBeUndefined();
      expect(await renueva(alBloquear)).toBe(401);

      // Lock, offline: queued in the protected store, sent when the network returns (here: at the next unlock).
      await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      const sinRed = secretos(p).refresh_token!;
      p.red.cortar();
      await p.core['sesion.bloquear']({});
      expect(JSON.parse(secretos(p).cierres_pendientes!)).toEqual([sinRed]);
      p.red.restablecer();
      await p.core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      await expect.poll(() => secretos(p).cierres_pendientes).toBeUndefined();
      expect(await renueva(sinRed)).toBe(401);

      // A restart (closing the app offline, opening it online): the next start sends it.
      const alReiniciar = secretos(p).refresh_token!;
      p.red.cortar();
      await p.core.cerrar();
      expect(JSON.parse(secretos(p).cierres_pendientes!)).toEqual([alReiniciar]);
      p.red.restablecer();
      const core = await p.reiniciar();
      await expect.poll(() => secretos(p).cierres_pendientes).toBeUndefined();
      expect(await renueva(alReiniciar)).toBe(401);

      // "Otra cuenta" (sign-out) while active.
      await core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      const alSalir = secretos(p).refresh_token!;
      await core['sesion.logout']({});
      expect(await renueva(alSalir)).toBe(401);
      expect(secretos(p)).toEqual({});
    } finally {
      await p.cerrar();
    }
  });
});

describe('avisos del servidor', () => {
  /**
   * A relay to the real API that rewrites the login answer's notices (`avisos`: the list to put, or undefined for an
   * older server that sends none and has no /auth/avisos).
   */
  async function relevoConAvisos(avisos: unknown[] | undefined) {
    const destino = new URL(s.api);
    const leidos: unknown[] = [];
    const srv = http.createServer((entrada, salida) => {
      const partes: Buffer[] = [];
      entrada.on('data', (c: Buffer) => partes.push(c));
      entrada.on('end', async () => {
        const ruta = entrada.url!.slice(destino.pathname.length);
        if (ruta.startsWith('/auth/avisos')) {
          if (ruta === '/auth/avisos/leidos') leidos.push(JSON.parse(Buffer.concat(partes).toString()));
          salida.writeHead(avisos ? 200 : 404, { 'content-type': 'application/json' });
          return salida.end(
            JSON.stringify(avisos ? { leidos: 1 } : { error: { code: 'NO_ENCONTRADO', message: 'x' } }),
          );
        }
        const r = await fetch(`${destino.origin}${entrada.url}`, {
          method: entrada.method,
          headers: {
            'content-type': 'application/json',
            ...(entrada.headers.authorization && { authorization: entrada.headers.authorization }),
          },
          body: entrada.method === 'GET' ? undefined : Buffer.concat(partes),
        });
        let cuerpo = Buffer.from(await r.arrayBuffer());
        if (ruta === '/auth/login' && r.ok) {
          const { avisos: _delServidor, ...resto } = JSON.parse(cuerpo.toString()) as Record<string, unknown>;
          cuerpo = Buffer.from(JSON.stringify(avisos ? { ...resto, avisos } : resto));
        }
        salida.writeHead(r.status, { 'content-type': 'application/json', date: r.headers.get('date') ?? '' });
        salida.end(cuerpo);
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return {
      api: `http://127.0.0.1:${(srv.address() as AddressInfo).port}${destino.pathname}`,
      leidos,
      cerrar: () =>
        new Promise<void>((r) => {
          srv.closeAllConnections();
          srv.close(() => r());
        }),
    };
  }

  it('muestra los avisos bien formados tras el login, los marca leídos en el servidor y tolera que falten', async () => {
    const reset = {
      id: '0190f3a4-7b1c-7c2d-8e3f-4a5b6c7d8e9f',
      tipo: 'PASSWORD_RESTABLECIDA',
      mensaje: 'TI restableció su contraseña',
      origen: null,
      created_at: '2026-03-02T14:00:00Z',
    };
    const bloqueo = { id: 8, tipo: 'BLOQUEO', fecha: '2026-03-01T10:00:00Z', mensaje: 'Bloqueo desde 10.0.0.9' };
    const conAvisos = await relevoConAvisos([reset, bloqueo, { id: 9, tipo: 'X' }, 'basura', null]);
    const sinAvisos = await relevoConAvisos(undefined);
    const a = abrirEscritorio(conAvisos.api);
    const b = abrirEscritorio(sinAvisos.api);
    try {
      expect((await a.core['sesion.login']({ username: 'supervisor', password: PASSWORD_DEMO })).avisos).toEqual([
        { id: reset.id, tipo: 'PASSWORD_RESTABLECIDA', fecha: reset.created_at, mensaje: reset.mensaje },
        { id: '8', tipo: 'BLOQUEO', fecha: bloqueo.fecha, mensaje: bloqueo.mensaje },
      ]);
      expect((await a.core['sesion.avisosLeidos']({ ids: [reset.id] })).avisos.map((x) => x.id)).toEqual(['8']);
      expect(conAvisos.leidos).toEqual([{ ids: [reset.id] }]);
      await a.core['sesion.bloquear']({});
      expect((await a.core['sesion.estado']({})).avisos).toEqual([]);

      expect(await b.core['sesion.login']({ username: 'supervisor', password: PASSWORD_DEMO })).toMatchObject({
        estado: 'activa',
        avisos: [],
      });
    } finally {
      await a.cerrar();
      await b.cerrar();
      await conAvisos.cerrar();
      await sinAvisos.cerrar();
    }
  });
});

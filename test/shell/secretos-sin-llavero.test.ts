/**
 * The app's secret store (main/src/secretos.ts) on a Linux desk without a keyring, where Electron's safeStorage
 * "encrypts" with a key published in Chromium's source (`basic_text`): nothing may be kept there, not the refresh token,
 * not the offline-unlock verifier. The Electron binary cannot run on our machines, so safeStorage is SIMULATED at that
 * edge (the four calls the store makes); the core, its SQLite file and the API server are real.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/src/core/core.js';
import { SecretosSafeStorage, type CifradoSeguro } from '../../main/src/secretos.js';
import { nuevoDirectorio } from '../core/helpers/escritorio.js';
import { crearRed, type Red } from '../sync/helpers/red.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';

type Backend = ReturnType<NonNullable<CifradoSeguro['getSelectedStorageBackend']>>;

/** safeStorage simulated: a reversible "encryption" and the backend Electron would report. */
function safeStorageSimulado(backend: Backend | undefined, disponible = true): CifradoSeguro {
  return {
    isEncryptionAvailable: () => disponible,
    encryptString: (s) => Buffer.from(`cifrado:${Buffer.from(s).toString('hex')}`),
    decryptString: (b) => Buffer.from(b.toString().slice('cifrado:'.length), 'hex').toString(),
    ...(backend && { getSelectedStorageBackend: () => backend }),
  };
}

const leer = (archivo: string) =>
  fs.existsSync(archivo) ? (JSON.parse(fs.readFileSync(archivo, 'utf8')) as Record<string, string>) : {};

let s: ServidorDePrueba;
let red: Red;
const dirs: string[] = [];
beforeAll(async () => {
  s = await iniciarServidor();
  red = await crearRed(s.api);
});
afterAll(async () => {
  await red?.cerrar();
  await s?.cerrar();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('secretos con safeStorage simulado (sin el binario de Electron)', () => {
  it('en Linux sin llavero (basic_text) o sin cifrado no guarda nada; con llavero, en Windows y macOS guarda cifrado', async () => {
    const dir = nuevoDirectorio('secretos-');
    dirs.push(dir);
    const casos: [string, CifradoSeguro, NodeJS.Platform, boolean][] = [
      ['linux basic_text', safeStorageSimulado('basic_text'), 'linux', false],
      ['linux antes de ready', safeStorageSimulado('unknown'), 'linux', false],
      ['linux sin cifrado', safeStorageSimulado('gnome_libsecret', false), 'linux', false],
      ['linux gnome_libsecret', safeStorageSimulado('gnome_libsecret'), 'linux', true],
      ['linux kwallet5', safeStorageSimulado('kwallet5'), 'linux', true],
      ['windows (DPAPI)', safeStorageSimulado(undefined), 'win32', true],
      ['macOS (Keychain)', safeStorageSimulado(undefined), 'darwin', true],
    ];
    const resultado: Record<string, { protegido: boolean; guardado: string | null; enArchivo: boolean }> = {};
    for (const [nombre, cifrado, plataforma] of casos) {
      const archivo = path.join(dir, `${nombre}.json`);
      const secretos = new SecretosSafeStorage(cifrado, archivo, plataforma);
      await secretos.set('refresh_token', 'token-secreto');
      resultado[nombre] = {
        protegido: secretos.protegido(),
        guardado: await secretos.get('refresh_token'),
        enArchivo: JSON.stringify(leer(archivo)).includes('token-secreto'),
      };
    }
    expect(resultado).toEqual(
      Object.fromEntries(
        casos.map(([nombre, , , guarda]) => [
          nombre,
          { protegido: guarda, guardado: guarda ? 'token-secreto' : null, enArchivo: false },
        ]),
      ),
    );
  });

  it('un valor que una versión anterior dejó con basic_text se lee (para revocarlo) y no se vuelve a escribir', async () => {
    const dir = nuevoDirectorio('secretos-');
    dirs.push(dir);
    const archivo = path.join(dir, 'secretos.json');
    const cifrado = safeStorageSimulado('basic_text');
    fs.writeFileSync(archivo, JSON.stringify({ refresh_token: cifrado.encryptString('viejo').toString('base64') }));
    const secretos = new SecretosSafeStorage(cifrado, archivo, 'linux');
    expect(await secretos.get('refresh_token')).toBe('viejo');
    await secretos.set('refresh_token', 'nuevo');
    expect(leer(archivo)).toEqual({});
  });

  it('el escritorio sin llavero inicia sesión en línea, no deja token ni verificador en disco y pide conexión tras reiniciar', async () => {
    const dir = nuevoDirectorio('sin-llavero-');
    dirs.push(dir);
    const archivo = path.join(dir, 'secretos.json');
    const abrir = () =>
      createCore({
        dataDir: dir,
        apiUrl: red.api,
        syncAutomatico: false,
        secretStore: new SecretosSafeStorage(safeStorageSimulado('basic_text'), archivo, 'linux'),
      });
    let core = abrir();
    try {
      expect(await core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO })).toMatchObject({
        estado: 'activa',
        desbloqueo_offline: 'sin_verificador',
        desbloqueo_offline_hasta: null,
      });
      // The session works while the app runs (the token lives in memory): a sync reaches the server.
      expect((await core['sync.ahora']({})).ultimo_error).toBeNull();
      expect(leer(archivo)).toEqual({});

      red.cortar();
      await core.cerrar();
      core = abrir();
      await expect(core['sesion.desbloquear']({ password: PASSWORD_DEMO })).rejects.toMatchObject({
        code: 'NO_AUTENTICADO',
        message: expect.stringMatching(/no puede verificar su contraseña sin conexión: conéctese/),
      });
      red.restablecer();
      expect(await core['sesion.desbloquear']({ password: PASSWORD_DEMO })).toMatchObject({ estado: 'activa' });
      expect(leer(archivo)).toEqual({});
    } finally {
      red.restablecer();
      await core.cerrar();
    }
  });
});

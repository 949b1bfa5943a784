/**
 * Passwords a person chooses follow ASVS V2.1 (shared/src/auth/politica.ts): 12 to 128 characters counted as characters,
 * no composition rules, not on the common-password list, not the username. The demo's older password still logs in.
 * With PASSWORD_PEPPER the server keys every hash with a secret outside the database, rehashing at the next login
 * without ending any session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lanzarEnGrupo } from '../helpers/procesos.js';
import { PASSWORDS_COMUNES, esPasswordComun } from '#shared/auth/comunes';
import { PASSWORD_MAXIMO, PASSWORD_MINIMO, problemaDePassword } from '#shared/auth/politica';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');
const PEPPER = 'pepper-de-prueba-9f3c1a7e5b2d8064c4e1f0a3b7d92c5e';

describe('política de contraseñas nuevas', () => {
  it('de 12 a 128 caracteres, contados como caracteres (un emoji es uno)', () => {
    expect([PASSWORD_MINIMO, PASSWORD_MAXIMO]).toEqual([12, 128]);
    expect(problemaDePassword('bosque nubl1')).toBeNull();
    expect(problemaDePassword('bosque nub1')).toMatch(/al menos 12/);
    const emoji = '🌴🚢🌿🦜🐢🌊🐒🦋🌺🍍🥥🐸';
    expect(emoji.length).toBe(24);
    expect(problemaDePassword(emoji)).toBeNull();
    expect(problemaDePassword(emoji.slice(0, 22))).toMatch(/al menos 12/);
    expect(problemaDePassword([...'la selva del Darién y el canal '.repeat(5)].slice(0, 128).join(''))).toBeNull();
    expect(problemaDePassword('l'.repeat(60) + ' y el canal ' + 'x'.repeat(60))).toMatch(/máximo 128/);
  });

  it('sin reglas de composición: solo minúsculas y espacios sirve, solo dígitos aleatorios también', () => {
    expect(problemaDePassword('tres gatos pardos en la oficina')).toBeNull();
    expect(problemaDePassword('8306915247730618')).toBeNull();
  });

  it('rechaza las comunes y filtradas, con sus finales de siempre, y el nombre de usuario', () => {
    expect(PASSWORDS_COMUNES.size).toBeGreaterThan(2000);
    for (const p of [
      'password1234',
      'contraseña123',
      'Panama2026!',
      'migracion2026',
      'qwertyuiop12',
      '123456789012',
      'iloveyou2024',
      'Bienvenido123',
      'aaaaaaaaaaaaaa',
      'abcabcabcabc',
    ])
      expect(esPasswordComun(p), p).toBe(true);
    expect(problemaDePassword('Contraseña2026!')).toMatch(/común/);
    expect(problemaDePassword('soy jperez del turno', 'JPerez')).toMatch(/nombre de usuario/);
  });
});

describe('npm run users -- create aplica la política', () => {
  it('una contraseña corta no crea al funcionario; una frase sí (la común: reset-password en sesiones.test.ts)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-politica-'));
    const crear = (password: string) =>
      new Promise<{ codigo: number | null; stderr: string }>((resolve) => {
        const hijo = lanzarEnGrupo(
          process.execPath,
          [
            '--import',
            'tsx',
            'server/src/cli/users.ts',
            'create',
            '--username',
            'ana.gomez',
            '--nombre',
            'Ana Gómez',
          ].concat(['--rol', 'ANALISTA', '--agencia', '02']),
          {
            cwd: RAIZ,
            env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 't.db')}`, USER_PASSWORD: password },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        hijo.stderr?.on('data', (t: Buffer) => (stderr += t.toString('utf8')));
        hijo.once('close', (codigo) => resolve({ codigo, stderr }));
      });
    try {
      const corta = await crear('demo2026');
      expect(corta).toMatchObject({ codigo: 1, stderr: expect.stringContaining('al menos 12 caracteres') });
      expect(await crear('el archivo de la oficina central')).toMatchObject({ codigo: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('pepper (PASSWORD_PEPPER)', () => {
  let s: ServidorDePrueba;
  afterAll(() => s?.cerrar());

  const hash = async (username: string) =>
    (
      await s.db
        .selectFrom('usuarios')
        .select('password_hash')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).password_hash;

  it('rehace al entrar el hash sin pepper, sin cerrar ninguna sesión; cambio y nuevo acceso usan el pepper', async () => {
    s = await iniciarServidor({ env: { PASSWORD_PEPPER: PEPPER } });
    expect(await hash('analista')).toMatch(/^\$argon2id\$/);
    const primera = await s.login('analista');
    expect(await hash('analista')).toMatch(/^p1\$\$argon2id\$/);
    // The rehash changed the stored hash, not the password: the earlier session lives on.
    const segunda = await s.login('analista');
    expect((await cliente(primera.access_token).get(`${s.api}/auth/me`)).status).toBe(200);
    const cambio = await cliente(segunda.access_token).post(`${s.api}/auth/cambiar-password`, {
      actual: PASSWORD_DEMO,
      nueva: 'la pimienta va aparte del plato',
    });
    expect(cambio.status, JSON.stringify(cambio.body)).toBe(200);
    expect(await hash('analista')).toMatch(/^p1\$\$argon2id\$/);
    expect(
      (
        await cliente().post(`${s.api}/auth/login`, {
          username: 'analista',
          password: 'la pimienta va aparte del plato',
        })
      ).status,
    ).toBe(200);
  });

  it('sin el pepper, un hash hecho con él no coincide (la base copiada sola no basta)', async () => {
    const { comprobarPassword } = await import('../../server/src/modules/auth/passwords.js');
    const guardado = await hash('analista');
    expect((await comprobarPassword(guardado, 'la pimienta va aparte del plato', PEPPER)).correcta).toBe(true);
    expect((await comprobarPassword(guardado, 'la pimienta va aparte del plato')).correcta).toBe(false);
    expect(
      (await comprobarPassword(guardado, 'la pimienta va aparte del plato', 'otro-pepper-de-treinta-y-dos-caracteres'))
        .correcta,
    ).toBe(false);
  });
});

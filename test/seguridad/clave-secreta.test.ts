/**
 * The API refuses to sign tokens with a key anyone could know (ASVS 2.10.4 / 6.4): the .env.example placeholder, a
 * repeated or low-entropy key, outside development and tests, saying why in Spanish at start-up. And a new embedded
 * database gets the demo users (published password) only when DEMO=true asks for them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lanzarEnGrupo } from '../helpers/procesos.js';
import { prepararBaseDeDatos } from '../../server/src/arranque.js';
import { loadConfig } from '../../server/src/config.js';
import { crearLogger } from '../../server/src/logger.js';
import { problemaDeClave } from '../../server/src/modules/auth/clave-secreta.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');
const EJEMPLO = /^SECRET_KEY=(.*)$/m.exec(fs.readFileSync(path.join(RAIZ, '.env.example'), 'utf8'))![1]!.trim();
const temporal = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-clave-'));

describe('SECRET_KEY fuera de desarrollo y pruebas', () => {
  it.each(['production', 'staging'])('en %s rechaza el valor de .env.example, con un mensaje en español', (entorno) => {
    expect(() => loadConfig({ ENVIRONMENT: entorno, SECRET_KEY: EJEMPLO })).toThrow(
      /SECRET_KEY no sirve en .*: parece un valor de ejemplo \(contiene "cambiar"\); genere una clave con: openssl rand -hex 32/,
    );
  });

  it.each([
    ['un carácter repetido', 'x'.repeat(40)],
    ['un fragmento repetido', 'abc123'.repeat(8)],
    ['una secuencia', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['una frase con pocas letras distintas', 'esta es la clave de la api de tramites'],
    ['un ejemplo de otra plantilla', 'your-secret-key-here-0123456789abcdef'],
  ])('rechaza %s', (_que, clave) => {
    expect(problemaDeClave(clave)).not.toBeNull();
    expect(() => loadConfig({ ENVIRONMENT: 'production', SECRET_KEY: clave })).toThrow(/Configuración inválida/);
  });

  it('JWT_SECRET_KEY, cuando está, es la que se juzga y se nombra', () => {
    expect(() =>
      loadConfig({ ENVIRONMENT: 'production', SECRET_KEY: randomBytes(32).toString('hex'), JWT_SECRET_KEY: EJEMPLO }),
    ).toThrow(/JWT_SECRET_KEY no sirve/);
  });

  it('acepta claves aleatorias (openssl rand -hex 32, 32 bytes en base64url), siempre', () => {
    for (let i = 0; i < 200; i++) {
      for (const clave of [randomBytes(32).toString('hex'), randomBytes(32).toString('base64url')])
        expect(loadConfig({ ENVIRONMENT: 'production', SECRET_KEY: clave }).jwt.secret).toBe(clave);
    }
  });

  it('en desarrollo y pruebas cualquier clave larga sirve (las de las pruebas lo son)', () => {
    for (const entorno of ['development', 'testing'])
      expect(loadConfig({ ENVIRONMENT: entorno, SECRET_KEY: EJEMPLO }).jwt.secret).toBe(EJEMPLO);
  });

  it('el proceso de la API no arranca en producción con el valor de ejemplo y dice por qué', async () => {
    const dir = temporal();
    try {
      const hijo = lanzarEnGrupo(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
        cwd: RAIZ,
        env: {
          ...process.env,
          ENVIRONMENT: 'production',
          SECRET_KEY: EJEMPLO,
          JWT_SECRET_KEY: '',
          DATABASE_URL: `sqlite:${path.join(dir, 't.db')}`,
          PORT: '0',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      hijo.stderr?.on('data', (t: Buffer) => (stderr += t.toString('utf8')));
      const codigo = await new Promise<number | null>((r) => hijo.once('close', r));
      expect(codigo).toBe(1);
      expect(stderr).toContain('SECRET_KEY no sirve en production: parece un valor de ejemplo');
      expect(fs.existsSync(path.join(dir, 't.db')), 'no llegó a abrir la base').toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('usuarios de demostración', () => {
  const usuariosEnBaseNueva = async (env: Record<string, string>) => {
    const dir = temporal();
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 't.db')}`,
      UPLOAD_DIR: path.join(dir, 'up'),
      ...env,
    });
    const db = await prepararBaseDeDatos(config, crearLogger('silent'));
    try {
      return (await db.selectFrom('usuarios').select('username').execute()).map((u) => u.username);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('una base embebida nueva sin DEMO (ni ENVIRONMENT) no recibe usuarios con contraseña conocida', async () => {
    expect(await usuariosEnBaseNueva({})).toEqual([]);
    expect(await usuariosEnBaseNueva({ ENVIRONMENT: 'testing' })).toEqual([]);
  });

  it('con DEMO=true sí (npm start lo pide)', async () => {
    expect((await usuariosEnBaseNueva({ DEMO: 'true' })).sort()).toEqual(
      ['admin', 'analista', 'consulta', 'recepcion', 'recepcion.darien', 'supervisor'].sort(),
    );
    expect(fs.readFileSync(path.join(RAIZ, 'main/src/arrancar.ts'), 'utf8')).toMatch(
      /DEMO: process\.env\.DEMO \?\? 'true'/,
    );
  }, 120_000);
});

/** Start-up configuration: the seed's variable names, clear Spanish errors, no production without a secret. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { parseDatabaseUrl } from '../../server/src/db/url.js';

/** A key production accepts (random-looking; test/seguridad/clave-secreta.test.ts covers the refused ones). */
const CLAVE_FUERTE = '9f3c1a7e5b2d8064c4e1f0a3b7d92c5e18a6f4b0d3e7c2a9';

describe('configuración', () => {
  it('lee las variables del .env del manual, con sus comentarios al final', () => {
    const c = loadConfig({
      SECRET_KEY: CLAVE_FUERTE,
      ENVIRONMENT: 'production',
      LOG_LEVEL: 'WARNING',
      MAX_UPLOAD_SIZE: '10485760  # 10MB en bytes',
      RATE_LIMIT_PERIOD: '60  # segundos',
      ALLOWED_ORIGINS: 'http://localhost:3000,https://tramites.gob.pa',
      ALLOWED_EXTENSIONS: 'pdf,jpg,jpeg,png,doc,docx',
      DEBUG: 'False',
    });
    expect(c.logLevel).toBe('warn');
    expect(c.uploads.maxBytes).toBe(10485760);
    expect(c.rateLimit.periodSeconds).toBe(60);
    expect(c.cors.origins).toEqual(['http://localhost:3000', 'https://tramites.gob.pa']);
    expect(c.jwt.accessMinutes).toBe(15);
  });

  it('en producción no arranca sin SECRET_KEY', () => {
    expect(() => loadConfig({ ENVIRONMENT: 'production' })).toThrow(/SECRET_KEY.*obligatoria/);
  });

  it('JWT_SECRET_KEY tiene prioridad y debe ser larga', () => {
    expect(loadConfig({ JWT_SECRET_KEY: 'y'.repeat(32), SECRET_KEY: 'x'.repeat(32) }).jwt.secret).toBe('y'.repeat(32));
    expect(() => loadConfig({ SECRET_KEY: 'corta' })).toThrow(/al menos 32/);
  });

  it('nombra cada variable inválida', () => {
    expect(() => loadConfig({ PORT: 'abc', RATE_LIMIT_ENABLED: 'quizas', JWT_ALGORITHM: 'RS256' })).toThrow(
      /PORT: .*número[\s\S]*JWT_ALGORITHM: solo se admite HS256[\s\S]*RATE_LIMIT_ENABLED: valor booleano/,
    );
  });

  it('DATABASE_URL: sqlite, mssql y cadena ADO', () => {
    expect(parseDatabaseUrl('sqlite:/datos/t.db')).toEqual({ kind: 'sqlite', file: '/datos/t.db' });
    expect(parseDatabaseUrl(undefined).kind).toBe('sqlite');
    expect(
      parseDatabaseUrl('mssql://sa:Cl%40ve!@db:1433/TramitesMigratorios?encrypt=true&trustServerCertificate=true'),
    ).toEqual({
      kind: 'mssql',
      server: 'db',
      port: 1433,
      database: 'TramitesMigratorios',
      user: 'sa',
      password: 'Cl@ve!',
      encrypt: true,
      trustServerCertificate: true,
    });
    expect(
      parseDatabaseUrl(
        'mssql+pyodbc://sa:x@db:1433/Tramites?driver=ODBC+Driver+18+for+SQL+Server&TrustServerCertificate=yes',
      ),
    ).toMatchObject({ kind: 'mssql', database: 'Tramites', trustServerCertificate: true });
    expect(
      parseDatabaseUrl('Server=tcp:db,1433;Database=Tramites;User Id=sa;Password=p;TrustServerCertificate=true'),
    ).toMatchObject({
      server: 'db',
      port: 1433,
      database: 'Tramites',
      user: 'sa',
      password: 'p',
      trustServerCertificate: true,
    });
    expect(() => parseDatabaseUrl('postgres://x')).toThrow(/no reconocida/);
  });
});

describe('demostración', () => {
  it('apagada salvo que se pida con DEMO=true (sus usuarios tienen una contraseña publicada)', () => {
    expect(loadConfig({}).demo.enabled).toBe(false);
    expect(loadConfig({ DEMO: 'false' }).demo.enabled).toBe(false);
    expect(loadConfig({ DEMO: 'true' }).demo.enabled).toBe(true);
    expect(loadConfig({ ENVIRONMENT: 'production', SECRET_KEY: CLAVE_FUERTE }).demo.enabled).toBe(false);
    expect(loadConfig({ ENVIRONMENT: 'production', SECRET_KEY: CLAVE_FUERTE, DEMO: 'true' }).demo.enabled).toBe(true);
    expect(() => loadConfig({ DEMO: 'tal vez' })).toThrow(/DEMO: valor booleano inválido/);
  });
});

/**
 * deploy/scripts/certificados.sh on a dry path (a stand-in certbot: Let's Encrypt cannot be reached from here) and the
 * .env settings reaching every script through lib.sh, without overriding what the caller's environment says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers/tools.js';

const CERTIFICADOS = path.join(ROOT, 'deploy/scripts/certificados.sh');

describe('certificados.sh con un certbot de prueba', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = tempDir('certbot');
    const certbot = path.join(dir, 'certbot');
    // Records its arguments; on certonly/renew it writes a certificate where certbot would (live/<domain>/).
    fs.writeFileSync(
      certbot,
      [
        '#!/bin/sh',
        `echo "$*" >> "${dir}/llamadas"`,
        'case "$*" in *--dry-run*) exit 0 ;; esac',
        `mkdir -p "${dir}/le/live/tramites.gob.pa"`,
        `echo "cadena $(date +%s%N)" > "${dir}/le/live/tramites.gob.pa/fullchain.pem"`,
        `echo clave > "${dir}/le/live/tramites.gob.pa/privkey.pem"`,
      ].join('\n'),
      { mode: 0o755 },
    );
    fs.mkdirSync(path.join(dir, 'certs'));
    env = {
      PATH: process.env.PATH,
      PROYECTO_DIR: dir,
      CERTBOT: certbot,
      LETSENCRYPT_DIR: path.join(dir, 'le'),
      TLS_DOMAIN: 'tramites.gob.pa',
      TLS_EMAIL: 'infra@tramites.gob.pa',
      TLS_CERT_DIR: path.join(dir, 'certs'),
      ACME_WEBROOT: path.join(dir, 'acme'),
      RECARGAR_NGINX: 'false',
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const certificados = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    run('bash', [CERTIFICADOS, ...args], { env: { ...env, ...extra } });

  it('emite por webroot y deja fullchain.pem y privkey.pem donde nginx los lee', async () => {
    const r = await certificados(['emitir']);
    expect(r.code, r.stderr).toBe(0);
    const llamada = fs.readFileSync(path.join(dir, 'llamadas'), 'utf8');
    expect(llamada).toContain(`certonly --webroot -w ${dir}/acme -d tramites.gob.pa --email infra@tramites.gob.pa`);
    expect(fs.readFileSync(path.join(dir, 'certs/fullchain.pem'), 'utf8')).toMatch(/^cadena/);
    expect(fs.statSync(path.join(dir, 'certs/privkey.pem')).mode & 0o077).toBe(0o040);
    expect(fs.existsSync(path.join(dir, 'acme'))).toBe(true);
  });

  it('la prueba de renovación usa --dry-run y no toca los certificados instalados', async () => {
    const antes = fs.readFileSync(path.join(dir, 'certs/fullchain.pem'), 'utf8');
    const r = await certificados(['probar']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'llamadas'), 'utf8')).toMatch(/renew --webroot -w \S+ --dry-run/);
    expect(fs.readFileSync(path.join(dir, 'certs/fullchain.pem'), 'utf8')).toBe(antes);
  });

  it('un uso incorrecto sale con 2 como los demás scripts y dice qué falta', async () => {
    const sinAccion = await certificados([]);
    expect(sinAccion.code).toBe(2);
    expect(sinAccion.stderr).toMatch(/uso: certificados\.sh <emitir\|renovar\|probar>/);
    const sinDominio = await certificados(['emitir'], { TLS_DOMAIN: '' });
    expect(sinDominio.code).toBe(2);
    expect(sinDominio.stderr).toMatch(/falta TLS_DOMAIN/);
  });
});

describe('.env llega a los scripts (lib.sh)', () => {
  it('carga BACKUP_ROOT, puertos y retenciones de .env, sin pisar el entorno ni expandir valores', async () => {
    const dir = tempDir('envscripts');
    try {
      fs.writeFileSync(
        path.join(dir, '.env'),
        [
          '# comentario',
          'BACKUP_ROOT=/respaldos/oficina',
          'HTTPS_PORT=8443',
          'SYNC_RETENTION_DAYS="45"',
          'DB_PASSWORD=Cl@ve$HOME!',
        ].join('\n'),
      );
      const r = await run(
        'bash',
        [
          '-c',
          `source ${path.join(ROOT, 'deploy/scripts/lib.sh')}; echo "$BACKUP_ROOT|$HTTPS_PORT|$SYNC_RETENTION_DAYS|$DB_PASSWORD"`,
        ],
        { env: { PATH: process.env.PATH, PROYECTO_DIR: dir, HTTPS_PORT: '9443' } },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe('/respaldos/oficina|9443|45|Cl@ve$HOME!');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

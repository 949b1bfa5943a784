/**
 * The operations scripts against a fake Docker host (helpers/host-falso.ts): an external SQL Server (backup and restore
 * never touch a local db container; the .bak travels through the shared folder or stays on the server, said loudly),
 * deploy.sh's checks and the port it waits on (compared with what the real `docker-compose config` publishes),
 * rollback.sh in a blue-green install, the daily sessions check and the weekly security-updates count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCommand } from './helpers/compose.js';
import { hostFalso, type HostFalso } from './helpers/host-falso.js';
import { ROOT, run, tempDir } from './helpers/tools.js';

const SCRIPTS = path.join(ROOT, 'deploy/scripts');
/** .env.example with every CAMBIAR placeholder filled, as an operator leaves it. */
const ENV = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').replace(/=CAMBIAR-?/g, '=Listo-');

/** A project folder whose .env is ENV with the `extra` lines replacing the variables they set. */
function proyecto(dir: string, extra = ''): string {
  const p = path.join(dir, 'proyecto');
  fs.mkdirSync(p, { recursive: true });
  const cambiadas = new Set(extra.split('\n').map((l) => l.split('=')[0]));
  const base = ENV.split('\n').filter((l) => !cambiadas.has(l.split('=')[0]));
  fs.writeFileSync(path.join(p, '.env'), `${base.join('\n')}\n${extra}\n`);
  return p;
}

const script = (host: HostFalso, proyectoDir: string, nombre: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  run('bash', [path.join(SCRIPTS, nombre), ...args], {
    env: { PATH: `${host.bin}:${process.env.PATH}`, HOME: process.env.HOME, PROYECTO_DIR: proyectoDir, ...env },
  });

describe('SQL Server externo: backup.sh y restore.sh sin contenedor db local', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('sql-externo');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const EXTERNO = {
    DB_HOST: 'sql.migracion.gob.pa',
    DB_ADMIN_PASSWORD: '',
    DB_BACKUP_DIR_SERVIDOR: 'D:\\Respaldos',
  };

  it('con la carpeta compartida: BACKUP escribe en el servidor, el .bak llega al respaldo y se borra allá', async () => {
    const host = hostFalso(path.join(dir, 'compartida'));
    const p = proyecto(path.join(dir, 'compartida'));
    const raiz = path.join(dir, 'compartida/respaldos');
    const r = await script(host, p, 'backup.sh', [], {
      ...EXTERNO,
      DB_BACKUP_DIR_LOCAL: host.compartida,
      BACKUP_ROOT: raiz,
    });
    expect(r.code, r.stderr).toBe(0);
    const respaldo = r.stdout.trim().split('\n').at(-1)!;
    const sello = path.basename(respaldo);
    const docker = host.llamadas().filter((l) => l.startsWith('docker'));
    expect(docker.some((l) => l.includes(`cli.js backup --out D:\\Respaldos\\tramites_${sello}.bak`))).toBe(true);
    expect(docker.filter((l) => /^docker (cp|exec)|ps -q db/.test(l))).toEqual([]);
    expect(docker.filter((l) => l.includes('db-local'))).toEqual([]);
    expect(fs.readFileSync(path.join(respaldo, 'db.bak'), 'utf8')).toMatch(/^bak /);
    expect(fs.readdirSync(host.compartida)).toEqual([]);
    expect(fs.readFileSync(path.join(respaldo, 'SHA256SUMS'), 'utf8')).toMatch(/ db\.bak\n/);

    // restore.sh puts it back in the shared folder for SQL Server to read, and removes it afterwards.
    const rr = await script(host, p, 'restore.sh', [respaldo, '--si'], {
      ...EXTERNO,
      DB_BACKUP_DIR_LOCAL: host.compartida,
      BACKUP_ROOT: raiz,
    });
    expect(rr.code, rr.stderr).toBe(0);
    const llamadas = host.llamadas();
    expect(llamadas).toContain(`servidor: D:\\Respaldos\\restore_${sello}.bak presente`);
    expect(llamadas.filter((l) => /^docker (cp|exec)|ps -q db/.test(l))).toEqual([]);
    expect(fs.readdirSync(host.compartida)).toEqual([]);
  });

  it('sin carpeta compartida: el respaldo de la base queda en el servidor, se dice y restore.sh lo usa desde allí', async () => {
    const host = hostFalso(path.join(dir, 'sin-compartida'));
    const p = proyecto(path.join(dir, 'sin-compartida'));
    const raiz = path.join(dir, 'sin-compartida/respaldos');
    const r = await script(host, p, 'backup.sh', [], { ...EXTERNO, BACKUP_ROOT: raiz });
    expect(r.code, r.stderr).toBe(0);
    const respaldo = r.stdout.trim().split('\n').at(-1)!;
    const sello = path.basename(respaldo);
    expect(r.stderr).toMatch(/ATENCIÓN: la base quedó respaldada en el servidor externo/);
    expect(fs.existsSync(path.join(respaldo, 'db.bak'))).toBe(false);
    expect(fs.readFileSync(path.join(respaldo, 'db.bak.ubicacion'), 'utf8').trim()).toBe(
      `D:\\Respaldos\\tramites_${sello}.bak`,
    );
    const rr = await script(host, p, 'restore.sh', [respaldo, '--si'], { ...EXTERNO, BACKUP_ROOT: raiz });
    expect(rr.code, rr.stderr).toBe(0);
    expect(
      host.llamadas().some((l) => l.includes(`restore --from D:\\Respaldos\\tramites_${sello}.bak --confirmar`)),
    ).toBe(true);
  });

  it('sin DB_BACKUP_DIR_SERVIDOR no adivina una ruta del servidor: lo pide', async () => {
    const host = hostFalso(path.join(dir, 'sin-ruta'));
    const p = proyecto(path.join(dir, 'sin-ruta'));
    const r = await script(host, p, 'backup.sh', [], {
      ...EXTERNO,
      DB_BACKUP_DIR_SERVIDOR: '',
      BACKUP_ROOT: path.join(dir, 'sin-ruta/respaldos'),
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/defina DB_BACKUP_DIR_SERVIDOR/);
    expect(host.llamadas().filter((l) => l.includes('cli.js backup'))).toEqual([]);
  });

  it('con el servicio db local (sin DB_HOST) sigue copiando del contenedor, con el perfil db-local', async () => {
    const host = hostFalso(path.join(dir, 'local'));
    const p = proyecto(path.join(dir, 'local'));
    const r = await script(host, p, 'backup.sh', [], { BACKUP_ROOT: path.join(dir, 'local/respaldos') });
    expect(r.code, r.stderr).toBe(0);
    const docker = host.llamadas().filter((l) => l.startsWith('docker'));
    expect(docker.some((l) => /^docker cp dbid:\/var\/opt\/mssql\/backup\/tramites_\d+_\d+\.bak /.test(l))).toBe(true);
    expect(docker.filter((l) => l.startsWith('docker compose')).every((l) => l.includes('perfiles=db-local'))).toBe(
      true,
    );
  });
});

describe('lib.sh elige los perfiles de compose', () => {
  const perfiles = async (entorno: string, env: NodeJS.ProcessEnv) => {
    const r = await run('bash', ['-c', `source ${SCRIPTS}/lib.sh; usar_entorno ${entorno}; echo "$COMPOSE_PROFILES"`], {
      env: { PATH: process.env.PATH, PROYECTO_DIR: '/nonexistent', ...env },
    });
    return { salida: r.stdout.trim(), log: r.stderr };
  };

  it.each([
    ['prod', {}, 'db-local'],
    ['bluegreen', {}, 'db-local,bluegreen'],
    ['bluegreen', { DB_HOST: 'sql.migracion.gob.pa' }, 'bluegreen'],
    ['prod', { DB_HOST: 'db', COMPOSE_PROFILES: 'db-local' }, 'db-local'],
    ['bluegreen', { COMPOSE_PROFILES: 'bluegreen' }, 'bluegreen,db-local'],
  ] as const)('%s con %j → %s', async (entorno, env, esperado) => {
    expect((await perfiles(entorno, env)).salida).toBe(esperado);
  });

  it('un db-local pedido con un SQL Server externo se quita y se dice', async () => {
    const r = await perfiles('prod', { DB_HOST: 'sql.migracion.gob.pa', COMPOSE_PROFILES: 'db-local' });
    expect(r.salida).toBe('');
    expect(r.log).toMatch(/no se arranca el servicio db/);
  });
});

describe('deploy.sh', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('deploy-sh');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Host ports that `docker-compose config` publishes for nginx with this overlay, as deploy.sh would run it. */
  async function puertosPublicados(overlay: string): Promise<string[]> {
    const [bin, ...prefijo] = composeCommand();
    const envFile = path.join(dir, `env-${overlay}`);
    fs.writeFileSync(envFile, ENV);
    const r = await run(
      bin!,
      [
        ...prefijo,
        '--env-file',
        envFile,
        '--project-directory',
        ROOT,
        '-f',
        path.join(ROOT, 'docker-compose.yml'),
        '-f',
        path.join(ROOT, `deploy/compose/docker-compose.${overlay}.yml`),
        'config',
      ],
      { env: { PATH: process.env.PATH, NGINX_BIND: '127.0.0.1' } },
    );
    expect(r.code, r.stderr).toBe(0);
    const nginx = r.stdout.split(/^ {2}(?=\S)/m).find((b) => b.startsWith('nginx:')) ?? '';
    return [...nginx.matchAll(/- (?:127\.0\.0\.1:)?(\d+):8443/g)].map((m) => m[1]!);
  }

  it.each(['dev', 'test'])('%s espera la salud en un puerto que su overlay publica de verdad', async (entorno) => {
    const host = hostFalso(path.join(dir, entorno));
    const p = proyecto(path.join(dir, entorno));
    const r = await script(host, p, 'deploy.sh', [entorno]);
    expect(r.code, r.stderr).toBe(0);
    const esperado = host
      .llamadas()
      .filter((l) => l.startsWith('curl') && l.includes('/health'))
      .map((l) => /https:\/\/127\.0\.0\.1:(\d+)\/health/.exec(l)?.[1]);
    expect(esperado.length).toBeGreaterThan(0);
    const publicados = await puertosPublicados(entorno);
    expect(publicados.length).toBeGreaterThan(0);
    for (const puerto of esperado) expect(publicados).toContain(puerto);
  });

  it.each([
    ['mssql://sa:Cl4ve@sql.migracion.gob.pa:1433/TramitesMigratorios'],
    ['Server=sql.migracion.gob.pa,1433;Database=TramitesMigratorios;User Id=sa;Password=x;Encrypt=true'],
  ])('rechaza un DATABASE_URL con sa antes de tocar Docker: %s', async (url) => {
    const host = hostFalso(path.join(dir, `sa-${url.length}`));
    const p = proyecto(path.join(dir, `sa-${url.length}`), `DATABASE_URL=${url}`);
    const r = await script(host, p, 'deploy.sh', ['prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DATABASE_URL en \.env usa el login sa/);
    expect(host.llamadas()).toEqual([]);
  });

  it('sin DB_ADMIN_PASSWORD: se rechaza con el SQL Server local y se acepta con uno externo', async () => {
    const local = hostFalso(path.join(dir, 'admin-local'));
    const pLocal = proyecto(path.join(dir, 'admin-local'), 'DB_ADMIN_PASSWORD=');
    const r = await script(local, pLocal, 'deploy.sh', ['prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/falta DB_ADMIN_PASSWORD en \.env: es la contraseña de sa del SQL Server local/);

    const externo = hostFalso(path.join(dir, 'admin-externo'));
    const pExterno = proyecto(path.join(dir, 'admin-externo'), 'DB_ADMIN_PASSWORD=\nDB_HOST=sql.migracion.gob.pa');
    const e = await script(externo, pExterno, 'deploy.sh', ['prod']);
    expect(e.code, e.stderr).toBe(0);
    const up = externo.llamadas().find((l) => l.includes(' up -d'))!;
    expect(up).not.toMatch(/db-local/);
  });

  it('rechaza un TLS_CERT_DIR con los enlaces de live/ de Let’s Encrypt', async () => {
    const host = hostFalso(path.join(dir, 'live'));
    const live = path.join(dir, 'live/le/live/tramites.gob.pa');
    fs.mkdirSync(path.join(dir, 'live/le/archive/tramites.gob.pa'), { recursive: true });
    fs.mkdirSync(live, { recursive: true });
    fs.writeFileSync(path.join(dir, 'live/le/archive/tramites.gob.pa/fullchain1.pem'), 'x');
    fs.symlinkSync('../../archive/tramites.gob.pa/fullchain1.pem', path.join(live, 'fullchain.pem'));
    const p = proyecto(path.join(dir, 'live'), `TLS_CERT_DIR=${live}`);
    const r = await script(host, p, 'deploy.sh', ['prod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tiene enlaces simbólicos/);
  });
});

describe('rollback.sh <commit> en una instalación blue-green', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('rollback');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('construye la versión anterior en el color inactivo, exige su salud y cambia con switchover.sh', async () => {
    const host = hostFalso(dir, { bluegreen: true });
    // A repository of its own with the scripts, two commits; switchover.sh records instead of touching nginx.
    const repo = path.join(dir, 'repo');
    fs.cpSync(SCRIPTS, path.join(repo, 'deploy/scripts'), { recursive: true });
    fs.writeFileSync(
      path.join(repo, 'deploy/scripts/switchover.sh'),
      `#!/bin/bash\necho "switchover $*" >> "${dir}/llamadas"\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(repo, '.env'), ENV);
    const git = (...a: string[]) => run('git', ['-C', repo, ...a]);
    await git('init', '-q');
    await git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A');
    await git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'v1');
    const v1 = (await git('rev-parse', 'HEAD')).stdout.trim();
    fs.writeFileSync(path.join(repo, 'version'), '2');
    await git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A');
    await git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'v2');

    const r = await run('bash', [path.join(repo, 'deploy/scripts/rollback.sh'), v1, '--si'], {
      env: { PATH: `${host.bin}:${process.env.PATH}`, HOME: process.env.HOME },
    });
    expect(r.code, r.stderr).toBe(0);
    expect((await git('rev-parse', 'HEAD')).stdout.trim()).toBe(v1);
    const llamadas = host.llamadas();
    // Blue is active (no color.conf): the previous version goes to green, behind the health gate, then the switch.
    const pasos = llamadas.filter((l) => / build | up | run |^switchover|curl .*health/.test(l));
    expect(pasos.map((l) => l.replace(/ \[perfiles=.*\]$/, '').replace(/^docker compose .* (build|up)/, '$1'))).toEqual(
      [
        'build --pull api-green',
        'up -d --no-deps api-green',
        expect.stringMatching(/^curl .*http:\/\/127\.0\.0\.1:8002\/health$/),
        'switchover green',
      ],
    );
    // Never the single-mode deploy (whose nginx wants the router's ports) and never migrations.
    expect(llamadas.filter((l) => /remove-orphans|run --rm/.test(l))).toEqual([]);
  });
});

describe('verificaciones periódicas', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('periodicas');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('daily_check.sh sin DB_MONITOR_PASSWORD no revisa bloqueos con el login de la API: lo avisa', async () => {
    const host = hostFalso(path.join(dir, 'sin'));
    const p = proyecto(path.join(dir, 'sin'), 'DB_MONITOR_PASSWORD=');
    const r = await script(host, p, 'daily_check.sh', [], { BACKUP_ROOT: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no se revisaron los bloqueos: falta DB_MONITOR_PASSWORD/);
    expect(host.llamadas().filter((l) => l.includes('cli.js sessions'))).toEqual([]);

    const con = hostFalso(path.join(dir, 'con'));
    const r2 = await script(con, proyecto(path.join(dir, 'con')), 'daily_check.sh', [], { BACKUP_ROOT: dir });
    expect(r2.stderr).not.toMatch(/no se revisaron los bloqueos/);
    expect(con.llamadas().filter((l) => l.includes('cli.js sessions')).length).toBe(1);
  });

  it('weekly_maintenance.sh refresca las listas de apt antes de contar las actualizaciones de seguridad', async () => {
    const host = hostFalso(path.join(dir, 'semanal'));
    const p = proyecto(path.join(dir, 'semanal'));
    const r = await script(host, p, 'weekly_maintenance.sh', [], { BACKUP_ROOT: path.join(dir, 'semanal/respaldos') });
    expect(r.code, r.stderr).toBe(0);
    expect(host.llamadas().filter((l) => l.startsWith('apt-get'))).toEqual([
      'apt-get update -qq',
      'apt-get -s upgrade',
    ]);
  });
});

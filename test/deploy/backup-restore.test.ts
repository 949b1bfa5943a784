/**
 * Backup and restore of the embedded database and the uploads through deploy/scripts/backup.sh and restore.sh
 * (which drive the ops CLI): taken hot while the real API runs, restored after the data was damaged, with the same
 * rows and the same file hashes; plus the 7-day retention and the refusal of an altered backup.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEnv, startApi, stopApi, type ApiInstance } from './helpers/api.js';
import { ROOT, run, tempDir } from './helpers/tools.js';

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/** Every row of every table, in a stable order: equal digests mean equal data. */
function huellaDeDatos(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const tablas = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tablas.map((t) => [t, sha256(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()))]),
    );
  } finally {
    db.close();
  }
}

function huellaDeArchivos(dir: string): Record<string, string> {
  const archivos = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    archivos.map((e) => {
      const full = path.join(e.parentPath, e.name);
      return [path.relative(dir, full), sha256(fs.readFileSync(full))];
    }),
  );
}

function auditoria(db: Database.Database, fecha: Date, accion: string) {
  db.prepare('INSERT INTO audit_log (id, fecha, accion, entidad) VALUES (?, ?, ?, ?)').run(
    crypto.randomUUID(),
    fecha.toISOString(),
    accion,
    'prueba_respaldo',
  );
}

describe('respaldo y restauración de la base embebida y los archivos subidos', () => {
  let dir: string;
  let api: ApiInstance | undefined;
  let env: NodeJS.ProcessEnv;
  let dbFile: string;
  let uploads: string;
  let backupRoot: string;

  const script = (nombre: string, args: string[]) =>
    run('bash', [path.join(ROOT, 'deploy/scripts', nombre), ...args], { env, timeoutMs: 90_000 });
  const ops = (args: string[]) =>
    run(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/src/ops/cli.ts', ...args], { env });

  beforeAll(async () => {
    dir = tempDir('backup');
    api = await startApi('respaldo', path.join(dir, 'api'));
    env = { ...apiEnv(api.dir, api.port), OPS_MODE: 'local', BACKUP_ROOT: path.join(dir, 'backups') };
    dbFile = path.join(api.dir, 'tramites.db');
    uploads = path.join(api.dir, 'uploads');
    backupRoot = path.join(dir, 'backups');
  });

  afterAll(async () => {
    await stopApi(api);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('respalda en caliente y restaura las mismas filas y los mismos archivos', async () => {
    // Data written while the API is running (WAL mode): the backup must still be consistent.
    const db = new Database(dbFile);
    for (let i = 0; i < 50; i++) auditoria(db, new Date(), `accion_${i}`);
    db.close();
    fs.mkdirSync(path.join(uploads, 'ab'), { recursive: true });
    fs.writeFileSync(path.join(uploads, 'ab', 'abcdef.pdf'), crypto.randomBytes(200_000));
    fs.writeFileSync(path.join(uploads, 'foto.jpg'), crypto.randomBytes(50_000));

    // A backup older than the 7-day retention, and a recent one that must stay.
    const viejo = path.join(backupRoot, '20000101_010101');
    const reciente = path.join(backupRoot, '20000102_010101');
    fs.mkdirSync(viejo, { recursive: true });
    fs.mkdirSync(reciente, { recursive: true });
    const haceDias = (d: number) => new Date(Date.now() - d * 86_400_000);
    fs.utimesSync(viejo, haceDias(10), haceDias(10));
    fs.utimesSync(reciente, haceDias(1), haceDias(1));

    const respaldo = await script('backup.sh', []);
    expect(respaldo.code, respaldo.stderr).toBe(0);
    const carpeta = respaldo.stdout.trim().split('\n').at(-1)!;
    expect(fs.readdirSync(carpeta).sort()).toEqual(['SHA256SUMS', 'config.tar.gz', 'db.sqlite', 'uploads.tar.gz']);
    expect(fs.existsSync(viejo)).toBe(false);
    expect(fs.existsSync(reciente)).toBe(true);

    await stopApi(api);
    const datosAntes = huellaDeDatos(dbFile);
    const archivosAntes = huellaDeArchivos(uploads);
    expect(datosAntes.audit_log).toBeDefined();
    expect(Object.keys(archivosAntes)).toHaveLength(2);

    // Damage: rows deleted, a file changed, another removed, a stray file added.
    const dañada = new Database(dbFile);
    dañada.prepare("DELETE FROM audit_log WHERE accion LIKE 'accion_1%'").run();
    dañada.close();
    fs.writeFileSync(path.join(uploads, 'foto.jpg'), 'otra cosa');
    fs.rmSync(path.join(uploads, 'ab', 'abcdef.pdf'));
    fs.writeFileSync(path.join(uploads, 'intruso.txt'), 'no debería quedar');
    expect(huellaDeDatos(dbFile)).not.toEqual(datosAntes);

    const restaurado = await script('restore.sh', [carpeta, '--si']);
    expect(restaurado.code, restaurado.stderr).toBe(0);
    // A restore starts a new history (docs/sync.md "Restore"): every row as backed up, but another epoch and every
    // number counter moved past what the lost days may have printed on receipts.
    const { sync_epoca: epocaRestaurada, secuencias: contadoresRestaurados, ...restaurados } = huellaDeDatos(dbFile);
    const { sync_epoca: epocaRespaldada, secuencias: contadoresRespaldados, ...respaldados } = datosAntes;
    expect(restaurados).toEqual(respaldados);
    expect(epocaRestaurada).not.toBe(epocaRespaldada);
    expect(contadoresRestaurados).not.toBe(contadoresRespaldados);
    const base = new Database(dbFile, { readonly: true });
    try {
      expect(base.prepare('SELECT anterior, motivo FROM sync_epoca').get()).toMatchObject({
        anterior: expect.stringMatching(/^[0-9a-f]{32}$/),
        motivo: expect.any(String),
      });
      const contadores = base.prepare('SELECT valor FROM secuencias').pluck().all() as number[];
      expect(contadores.length).toBeGreaterThan(0);
      expect(contadores.every((v) => v >= 10_000)).toBe(true);
    } finally {
      base.close();
    }
    expect(huellaDeArchivos(uploads)).toEqual(archivosAntes);

    const chequeo = await ops(['check']);
    expect(chequeo.code, chequeo.stderr).toBe(0);
    expect(chequeo.stdout).toMatch(/sin errores/);
  }, 120_000);

  it('rechaza un respaldo alterado sin tocar la base', async () => {
    const respaldo = await script('backup.sh', []);
    expect(respaldo.code, respaldo.stderr).toBe(0);
    const carpeta = respaldo.stdout.trim().split('\n').at(-1)!;
    fs.appendFileSync(path.join(carpeta, 'uploads.tar.gz'), 'x');
    const antes = huellaDeDatos(dbFile);
    const r = await script('restore.sh', [carpeta, '--si']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/incompleto o alterado; no se restaura nada/);
    expect(huellaDeDatos(dbFile)).toEqual(antes);
  }, 60_000);

  it('purga la auditoría vieja y mantiene la reciente; el mantenimiento semanal deja la base íntegra', async () => {
    const db = new Database(dbFile);
    auditoria(db, new Date(Date.now() - 800 * 86_400_000), 'vieja');
    auditoria(db, new Date(), 'reciente');
    db.close();

    const purga = await ops(['purge-audit', '--dias', '365']);
    expect(purga.code, purga.stderr).toBe(0);
    expect(purga.stdout).toMatch(/Auditoría: 1 entradas de más de 365 días eliminadas/);

    const mantenimiento = await ops(['maintenance']);
    expect(mantenimiento.code, mantenimiento.stderr).toBe(0);
    expect(mantenimiento.stdout).toMatch(/ANALYZE y VACUUM completados/);

    const lectura = new Database(dbFile, { readonly: true });
    const acciones = lectura
      .prepare("SELECT accion FROM audit_log WHERE accion IN ('vieja', 'reciente')")
      .pluck()
      .all();
    lectura.close();
    expect(acciones).toEqual(['reciente']);
  }, 60_000);

  it('exige --confirmar para restaurar desde la CLI', async () => {
    const r = await ops(['restore', '--from', dbFile]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/agregue --confirmar/);
  });
});

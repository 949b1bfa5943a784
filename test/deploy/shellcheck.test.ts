/** Every operations script passes shellcheck with zero findings and fails fast on errors. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tool } from './helpers/tools.js';

function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return scripts(full);
    return e.name.endsWith('.sh') ? [full] : [];
  });
}

const TODOS = scripts(path.join(ROOT, 'deploy'));
const OPERACION = TODOS.filter((f) => path.dirname(f).endsWith('deploy/scripts') && path.basename(f) !== 'lib.sh');

describe('scripts de operación', () => {
  it('están los del runbook', () => {
    expect(OPERACION.map((f) => path.basename(f)).sort()).toEqual(
      [
        'backup.sh',
        'certificados.sh',
        'daily_check.sh',
        'deploy.sh',
        'publish_update.sh',
        'restore.sh',
        'rollback.sh',
        'rotate_logs.sh',
        'switchover.sh',
        'update_system.sh',
        'weekly_maintenance.sh',
      ].sort(),
    );
  });

  it('shellcheck no encuentra nada en ninguno', async () => {
    const shellcheck = tool('shellcheck', 'shellcheck');
    const r = await run(shellcheck, ['--severity=style', ...TODOS], { cwd: path.join(ROOT, 'deploy/scripts') });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each(OPERACION.map((f) => [path.basename(f), f]))(
    '%s usa set -euo pipefail y es ejecutable',
    (_nombre, archivo) => {
      expect(fs.readFileSync(archivo, 'utf8')).toMatch(/^set -euo pipefail$/m);
      expect(fs.statSync(archivo).mode & 0o111).not.toBe(0);
    },
  );
});

/** docker-compose v1 (Debian's apt package) or the v2 plugin, whichever this machine has. */
import { spawnSync } from 'node:child_process';
import { which } from './tools.js';

export function composeCommand(): string[] {
  const v1 = which('docker-compose');
  if (v1) return [v1];
  const docker = which('docker');
  if (docker && spawnSync(docker, ['compose', 'version']).status === 0) return [docker, 'compose'];
  throw new Error('falta docker-compose: instale el paquete Debian "docker-compose" (apt-get install docker-compose)');
}

/**
 * A fake Docker host for the operations scripts: `docker`, `curl` and `apt-get` stand-ins on PATH that record what
 * they were asked (with the COMPOSE_PROFILES the script exported) and answer as a healthy deployment would. The ops CLI
 * runs inside `docker compose run migrate`, so recording those calls shows which SQL Server commands a script sends and
 * where it expects the .bak files, without Docker or SQL Server on this machine.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface HostFalso {
  /** Directory to put first on PATH. */
  bin: string;
  /** Every call so far, one line each: `docker …`, `curl …`, `apt-get …`. */
  llamadas(): string[];
  /** The shared backup folder of an external SQL Server (where the fake server writes the .bak it is asked for). */
  compartida: string;
}

export interface OpcionesHost {
  /** A running nginx-router container in project "tramites" (a blue-green install). */
  bluegreen?: boolean;
}

export function hostFalso(dir: string, o: OpcionesHost = {}): HostFalso {
  const bin = path.join(dir, 'bin');
  const compartida = path.join(dir, 'compartida');
  const registro = path.join(dir, 'llamadas');
  fs.mkdirSync(bin, { recursive: true });
  fs.mkdirSync(compartida, { recursive: true });
  fs.writeFileSync(registro, '');
  const docker = [
    '#!/bin/bash',
    `echo "docker $* [perfiles=\${COMPOSE_PROFILES:-}]" >> "${registro}"`,
    // The value after an option, e.g. opcion --out "$@".
    'opcion() { local buscar="$1"; shift; while (($#)); do if [[ "$1" == "$buscar" ]]; then echo "$2"; return; fi; shift; done; }',
    'case "$1" in',
    '  ps)',
    o.bluegreen ? '    [[ "$*" == *service=nginx-router* && "$*" == *project=tramites* ]] && echo c0ffee' : '    true',
    '    exit 0 ;;',
    '  cp) : >"${@: -1}"; exit 0 ;;',
    '  compose) [[ "$2" == version ]] && exit 0 ;;',
    'esac',
    // compose …: the services a real compose would answer for.
    'if [[ "$*" == *" ps -q db"* ]]; then echo dbid; fi',
    'out="$(opcion --out "$@")"',
    // The external server writes the .bak into its folder, which this host sees as the shared one.
    `if [[ -n "$out" && "$*" == *"cli.js backup"* && "$out" != /var/opt/mssql/* ]]; then echo "bak $(date +%s%N)" > "${compartida}/\${out##*[\\\\/]}"; fi`,
    'from="$(opcion --from "$@")"',
    `if [[ -n "$from" ]]; then if [[ -f "${compartida}/\${from##*[\\\\/]}" ]]; then echo "servidor: $from presente" >> "${registro}"; fi; fi`,
    'if [[ "$*" == *"--entrypoint tar"* ]]; then printf archivos; fi',
    'exit 0',
  ];
  fs.writeFileSync(path.join(bin, 'docker'), docker.join('\n') + '\n', { mode: 0o755 });
  fs.writeFileSync(
    path.join(bin, 'curl'),
    [
      '#!/bin/bash',
      `echo "curl $*" >> "${registro}"`,
      // http_status asks for the code alone; the detailed health check reads the body.
      'if [[ "$*" == *"%{http_code}"* ]]; then printf 200; else printf \'{"status":"healthy"}\'; fi',
    ].join('\n') + '\n',
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(bin, 'apt-get'),
    ['#!/bin/bash', `echo "apt-get $*" >> "${registro}"`, 'exit 0'].join('\n') + '\n',
    { mode: 0o755 },
  );
  return {
    bin,
    compartida,
    llamadas: () => fs.readFileSync(registro, 'utf8').split('\n').filter(Boolean),
  };
}

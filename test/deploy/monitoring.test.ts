/**
 * Monitoring configs under the real tools: promtool for Prometheus config, alert rules and their unit tests,
 * amtool for the rendered Alertmanager config, and every metric an alert or a dashboard names checked against the real
 * /metrics of a running API (or the sql_exporter config that defines the database metrics).
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionDelPaquete } from '../../server/src/modules/health/routes.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { ROOT, run, tempDir, tool } from './helpers/tools.js';

const MON = path.join(ROOT, 'deploy/monitoring');

describe('Prometheus con promtool', () => {
  let promtool: string;
  let dir: string;
  beforeAll(() => {
    promtool = tool('promtool', 'prometheus');
    dir = tempDir('promtool');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('valida prometheus.yml y sus archivos de reglas', async () => {
    const r = await run(promtool, ['check', 'config', path.join(MON, 'prometheus.yml')]);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.code).toBe(0);
  });

  it('valida las reglas de alerta', async () => {
    const r = await run(promtool, ['check', 'rules', path.join(MON, 'alerts/api-alerts.yml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: 18 rules found/);
  });

  it('pasa las pruebas unitarias de las alertas con series sintéticas', async () => {
    const r = await run(promtool, ['test', 'rules', path.join(MON, 'tests/api-alerts.test.yml')]);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.code).toBe(0);
  });

  it('las pruebas fallan si se afloja un umbral (no son decorativas)', async () => {
    fs.cpSync(path.join(MON, 'alerts'), path.join(dir, 'alerts'), { recursive: true });
    fs.cpSync(path.join(MON, 'tests'), path.join(dir, 'tests'), { recursive: true });
    const reglas = path.join(dir, 'alerts/api-alerts.yml');
    const texto = fs.readFileSync(reglas, 'utf8');
    expect(texto).toContain('> 0.05');
    fs.writeFileSync(reglas, texto.replace('> 0.05', '> 0.5'));
    const r = await run(promtool, ['test', 'rules', path.join(dir, 'tests/api-alerts.test.yml')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/TasaAltaErrores5xx/);
  });
});

describe('Alertmanager', () => {
  it('calla BaseDeDatosLenta en las ventanas del respaldo nocturno y del mantenimiento semanal, y nada más', () => {
    const config = parse(fs.readFileSync(path.join(MON, 'alertmanager/alertmanager.yml'), 'utf8')) as {
      route: { routes: Array<{ matchers: string[]; mute_time_intervals?: string[] }> };
      time_intervals: Array<{
        name: string;
        time_intervals: Array<{ weekdays?: string[]; times: Array<{ start_time: string; end_time: string }> }>;
      }>;
    };
    const calladas = config.route.routes.filter((r) => r.mute_time_intervals);
    expect(calladas.map((r) => [r.matchers, r.mute_time_intervals])).toEqual([
      [['alertname="BaseDeDatosLenta"'], ['respaldo-nocturno', 'mantenimiento-semanal']],
    ]);
    // Panama time (UTC-5, no daylight saving) of the cron lines in docs/operations.md §4, written in UTC.
    expect(config.time_intervals).toEqual([
      { name: 'respaldo-nocturno', time_intervals: [{ times: [{ start_time: '07:00', end_time: '08:30' }] }] },
      {
        name: 'mantenimiento-semanal',
        time_intervals: [{ weekdays: ['sunday'], times: [{ start_time: '08:00', end_time: '11:00' }] }],
      },
    ]);
    const cron = fs.readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8');
    expect(cron).toMatch(/^0 2 \* \* \* {2}\/opt\/tramites\/deploy\/scripts\/backup\.sh/m);
    expect(cron).toMatch(/^0 3 \* \* 0 {2}\/opt\/tramites\/deploy\/scripts\/weekly_maintenance\.sh/m);
  });

  it('entrypoint.sh arma una configuración válida para amtool sin dejar ${VAR} sin reemplazar', async () => {
    const amtool = tool('amtool', 'prometheus-alertmanager');
    const dir = tempDir('alertmanager');
    try {
      const salida = path.join(dir, 'alertmanager.yml');
      const r = await run(
        'sh',
        [path.join(MON, 'alertmanager/entrypoint.sh'), path.join(MON, 'alertmanager/alertmanager.yml'), salida],
        {
          env: {
            PATH: process.env.PATH,
            ALERTMANAGER_BIN: 'true',
            ALERT_EMAIL_TO: 'infra@tramites.gob.pa',
            SMTP_PASSWORD: 'cl@ve&/x',
          },
        },
      );
      expect(r.code, r.stderr).toBe(0);
      const texto = fs.readFileSync(salida, 'utf8');
      expect(texto).not.toMatch(/\$\{[A-Z_]+\}/);
      expect(texto).toContain("to: 'infra@tramites.gob.pa'");
      expect(texto).toContain("smtp_auth_password: 'cl@ve&/x'");
      expect(texto).toContain('{{ .GroupLabels.alertname }}');
      const check = await run(amtool, ['check-config', salida]);
      expect(check.stdout + check.stderr).toMatch(/SUCCESS/);
      expect(check.code).toBe(0);
      // Where each alert goes, as Alertmanager itself routes it.
      const destino = async (...etiquetas: string[]) =>
        (await run(amtool, ['config', 'routes', 'test', `--config.file=${salida}`, ...etiquetas])).stdout.trim();
      expect(await destino('alertname=ErrorReportado', 'severity=warning', 'huella=0a1b')).toBe('ti-errores');
      expect(await destino('alertname=BaseDeDatosLenta', 'severity=warning')).toBe('equipo-slack');
      expect(await destino('alertname=APICaida', 'severity=critical')).toBe('equipo-critico');
      // The error reports reach IT's own address when given, else the alerts' one.
      expect(texto).toContain("- to: 'infra@tramites.gob.pa'\n        send_resolved: false");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

interface Dashboard {
  title: string;
  uid: string;
  panels: Array<{ title: string; datasource: { uid: string }; targets: Array<{ expr: string }> }>;
}

const DASHBOARDS = fs
  .readdirSync(path.join(MON, 'grafana/dashboards'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(MON, 'grafana/dashboards', f), 'utf8')) as Dashboard);

/** Metric names in a PromQL expression: identifiers followed by a selector or a range. */
const nombresEn = (expr: string) => [...expr.matchAll(/\b([a-z_][a-z0-9_]*)(?=\{|\[)/g)].map((m) => m[1]!);

/** Every expression of the alert rules and the dashboards, with where it comes from. */
function consultas(): Array<{ donde: string; expr: string }> {
  const reglas = fs.readFileSync(path.join(MON, 'alerts/api-alerts.yml'), 'utf8');
  const alertas = [...reglas.matchAll(/- alert: (\w+)\n(?:\s+#.*\n)*\s+expr: (?:\|\n)?([\s\S]*?)\n\s+for:/g)].map(
    (m) => ({ donde: `alerta ${m[1]}`, expr: m[2]! }),
  );
  expect(alertas.length).toBe([...reglas.matchAll(/- alert: /g)].length);
  const paneles = DASHBOARDS.flatMap((d) =>
    d.panels.flatMap((p) => p.targets.map((t) => ({ donde: `${d.title} / ${p.title}`, expr: t.expr }))),
  );
  return [...alertas, ...paneles];
}

describe('métricas que nombran alertas y dashboards contra un /metrics real', () => {
  let servidor: ServidorDePrueba;
  let expuestas: Set<string>;
  let texto: string;
  // The host's node-exporter cannot run here: the two filesystem series the disk alerts read, as node-exporter names them.
  const NODE_EXPORTER = new Set(['node_filesystem_avail_bytes', 'node_filesystem_size_bytes']);
  // redis_exporter's own names (oliver006/redis_exporter), for the Redis alert and panel.
  const REDIS_EXPORTER = new Set(['redis_up', 'redis_memory_used_bytes']);
  const SQL_EXPORTER = new Set(
    [
      ...fs.readFileSync(path.join(MON, 'sql-exporter/sql_exporter.yml'), 'utf8').matchAll(/metric_name: ([a-z_]+)/g),
    ].map((m) => m[1]!),
  );

  beforeAll(async () => {
    servidor = await iniciarServidor();
    const { access_token } = await servidor.login('analista');
    // One desk reports 7 queued commands and pushes a command the server refuses (stored rejection).
    const push = await fetch(`${servidor.api}/sync/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${access_token}`,
        'x-sync-pendientes': '7',
      },
      body: JSON.stringify({
        clientId: 'escritorio-prueba',
        comandos: [{ mutationId: uuidv7(), clientId: 'escritorio-prueba', name: 'comando.inexistente', args: {} }],
      }),
    });
    expect(push.status, await push.clone().text()).toBe(200);
    texto = await (await fetch(`${servidor.url}/metrics`)).text();
    const familias = [...texto.matchAll(/^# TYPE (\S+) (\S+)$/gm)];
    expuestas = new Set(
      familias.flatMap(([, nombre, tipo]) =>
        tipo === 'histogram' ? [`${nombre}_bucket`, `${nombre}_sum`, `${nombre}_count`, nombre!] : [nombre!],
      ),
    );
  });
  afterAll(async () => servidor?.cerrar());

  it('cada métrica existe: la API la expone, sql_exporter la define o es de node-exporter/Prometheus', () => {
    const faltan: string[] = [];
    for (const { donde, expr } of consultas()) {
      const nombres = nombresEn(expr);
      expect(nombres.length, donde).toBeGreaterThan(0);
      for (const n of nombres) {
        const existe =
          expuestas.has(n) || SQL_EXPORTER.has(n) || NODE_EXPORTER.has(n) || REDIS_EXPORTER.has(n) || n === 'up';
        if (!existe) faltan.push(`${donde}: ${n}`);
      }
    }
    expect(faltan).toEqual([]);
  });

  it('/health informa la versión de package.json (también al correr con node, sin npm)', async () => {
    const paquete = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const salud = (await (await fetch(`${servidor.url}/health`)).json()) as { version: string };
    expect(salud.version).toBe(paquete.version);
    expect(versionDelPaquete('/')).toBe('desconocida');
  });

  it('la comprobación falla con una métrica inventada (no es decorativa)', () => {
    expect(expuestas.has('sync_pending_commands')).toBe(true);
    expect(expuestas.has('sync_pending_commandz')).toBe(false);
  });

  it('expone por oficina los comandos pendientes informados, los rechazados y la edad de la última sincronización', () => {
    expect(texto).toMatch(/^sync_pending_commands\{agencia="[^"]+"\} 7$/m);
    expect(texto).toMatch(/^sync_rejected_commands\{agencia="[^"]+"\} 1$/m);
    expect(texto).toMatch(/^sync_push_commands_total\{outcome="rejected"\} 1$/m);
  });

  it('la edad de la última sincronización sale del último comando aplicado de la oficina', async () => {
    await servidor.db
      .insertInto('sync_mutaciones')
      .values({
        mutation_id: uuidv7(),
        client_id: 'escritorio-prueba',
        usuario_id: (
          await servidor.db
            .selectFrom('usuarios')
            .select('id')
            .where('username', '=', 'analista')
            .executeTakeFirstOrThrow()
        ).id,
        nombre: 'ppsh.comentar',
        estado: 'applied',
        codigo: null,
        mensaje: null,
        resultado: '{}',
        created_at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      })
      .execute();
    const metricas = await (await fetch(`${servidor.url}/metrics`)).text();
    const edad = Number(/^sync_last_success_age_seconds\{agencia="[^"]+"\} (\S+)$/m.exec(metricas)?.[1]);
    expect(edad).toBeGreaterThanOrEqual(3 * 3600);
    expect(edad).toBeLessThan(3 * 3600 + 60);
  });
});

describe('Grafana aprovisionado como archivos', () => {
  const exprs = (titulo: string) =>
    DASHBOARDS.find((d) => d.title === titulo)!.panels.flatMap((p) => p.targets.map((t) => t.expr));

  it('trae los dashboards "API performance", "Casework" y "Base de datos" con uid únicos', () => {
    expect(DASHBOARDS.map((d) => d.title).sort()).toEqual(['API performance', 'Base de datos', 'Casework']);
    expect(new Set(DASHBOARDS.map((d) => d.uid)).size).toBe(3);
  });

  it('cada panel usa una fuente de datos aprovisionada', () => {
    const fuentes = fs.readFileSync(path.join(MON, 'grafana/provisioning/datasources/datasources.yml'), 'utf8');
    for (const d of DASHBOARDS) for (const panel of d.panels) expect(fuentes).toContain(`uid: ${panel.datasource.uid}`);
  });

  it('Casework muestra expedientes por estado/agencia, atraso de sincronización y comandos pendientes', () => {
    const todas = exprs('Casework').join('\n');
    expect(todas).toMatch(/tramites_activos/);
    expect(todas).toMatch(/histogram_quantile\(0\.95, sum by \(le\) \(rate\(sync_client_lag_changes_bucket/);
    expect(todas).toMatch(/sync_pending_commands/);
  });

  it('Base de datos muestra consultas largas, bloqueos, tamaño, consultas por segundo y deadlocks de SQL Server', () => {
    const todas = exprs('Base de datos').join('\n');
    expect(todas).toContain('sum(rate(mssql_batch_requests_total{job="mssql"}[5m]))');
    expect(todas).toContain('sum(increase(mssql_deadlocks_total{job="mssql"}[1h]))');
    for (const m of ['mssql_request_max_elapsed_seconds', 'mssql_blocked_requests', 'mssql_database_size_bytes']) {
      expect(todas).toContain(m);
    }
  });
});

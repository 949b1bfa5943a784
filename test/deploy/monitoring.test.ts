/**
 * Monitoring configs under the real tools: promtool for Prometheus config, alert rules and their unit tests,
 * amtool for the rendered Alertmanager config, and the Grafana provisioning files against our metric names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(r.stdout).toMatch(/SUCCESS: 12 rules found/);
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
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Grafana aprovisionado como archivos', () => {
  // Metric names of the API contract (prom-client) and of the offline-sync module.
  const METRICAS = [
    'http_requests_total',
    'http_request_duration_seconds_bucket',
    'tramites_created_total',
    'tramites_activos',
    'sync_push_commands_total',
    'sync_pull_requests_total',
    'sync_change_sequence',
    'sync_pending_commands',
    'sync_client_lag_changes_bucket',
    'process_resident_memory_bytes',
    'process_cpu_seconds_total',
    'nodejs_eventloop_lag_seconds',
    'up',
  ];
  const dashboards = fs.readdirSync(path.join(MON, 'grafana/dashboards')).map(
    (f) =>
      JSON.parse(fs.readFileSync(path.join(MON, 'grafana/dashboards', f), 'utf8')) as {
        title: string;
        uid: string;
        panels: Array<{ title: string; datasource: { uid: string }; targets: Array<{ expr: string }> }>;
      },
  );
  const exprs = (titulo: string) =>
    dashboards.find((d) => d.title === titulo)!.panels.flatMap((p) => p.targets.map((t) => t.expr));

  it('trae los dashboards "API performance" y "Casework" con uid únicos', () => {
    expect(dashboards.map((d) => d.title).sort()).toEqual(['API performance', 'Casework']);
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(2);
  });

  it('solo consulta métricas que la API expone y fuentes de datos aprovisionadas', () => {
    const fuentes = fs.readFileSync(path.join(MON, 'grafana/provisioning/datasources/datasources.yml'), 'utf8');
    for (const d of dashboards) {
      for (const panel of d.panels) {
        expect(fuentes).toContain(`uid: ${panel.datasource.uid}`);
        for (const { expr } of panel.targets) {
          const nombres = [...expr.matchAll(/\b([a-z_]+)(?=\{|\[)/g)].map((m) => m[1]);
          expect(nombres.length, `${d.title} / ${panel.title}`).toBeGreaterThan(0);
          for (const nombre of nombres) expect(METRICAS, `${d.title} / ${panel.title}`).toContain(nombre);
        }
      }
    }
  });

  it('Casework muestra expedientes por estado/agencia, atraso de sincronización y comandos pendientes', () => {
    const todas = exprs('Casework').join('\n');
    expect(todas).toMatch(/tramites_activos/);
    expect(todas).toMatch(/histogram_quantile\(0\.95, sum by \(le\) \(rate\(sync_client_lag_changes_bucket/);
    expect(todas).toMatch(/sync_pending_commands/);
  });
});

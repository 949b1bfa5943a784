/**
 * The embedded demo's first start on a real SQLite file: the unified caseload shows PPSH and workflow cases, each
 * office sees only its own (ADMIN all), the workflow cases sit in several stages, were written through the service
 * (audit trail and sync change feed), and the same seed gives the same cases on another machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepararBaseDeDatos } from '../../server/src/arranque.js';
import { loadConfig } from '../../server/src/config.js';
import type { Db } from '../../server/src/db/connect.js';
import { crearLogger } from '../../server/src/logger.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

interface Caso {
  id: string;
  tipo: 'PPSH' | 'WORKFLOW';
  agencia: string;
  etapa: string | null;
  estado: { codigo: string };
}

let srv: ServidorDePrueba;

/** Every case the user sees in GET /casos, all pages. */
async function bandejaDe(username: string): Promise<Caso[]> {
  const c = cliente((await srv.login(username)).access_token);
  const casos: Caso[] = [];
  for (let page = 1; ; page++) {
    const r = await c.get(`${srv.api}/casos?page=${page}&page_size=100`);
    expect(r.status).toBe(200);
    casos.push(...(r.body.items as Caso[]));
    if (page >= r.body.pages) return casos;
  }
}

/** The demo's workflow cases as stored: what must come out the same for the same seed. */
const tramitesDe = (db: Db) =>
  db
    .selectFrom('workflow_instancias')
    .innerJoin('workflows', 'workflows.id', 'workflow_instancias.workflow_id')
    .select([
      'workflow_instancias.id',
      'workflows.codigo',
      'cod_agencia',
      'workflow_instancias.estado',
      'etapa_actual_codigo',
      'nombre_titular',
      'documento_titular',
      'prioridad',
    ])
    .orderBy('workflow_instancias.id')
    .execute();

beforeAll(async () => {
  srv = await iniciarServidor();
});
afterAll(() => srv?.cerrar());

describe('datos de demostración con trámites de workflow', () => {
  it('la bandeja de una funcionaria de la oficina 02 muestra expedientes PPSH y trámites, solo de su oficina', async () => {
    const casos = await bandejaDe('recepcion');
    const tipos = new Set(casos.map((c) => c.tipo));
    expect(tipos).toEqual(new Set(['PPSH', 'WORKFLOW']));
    expect(new Set(casos.map((c) => c.agencia))).toEqual(new Set(['02']));
    const tramites = casos.filter((c) => c.tipo === 'WORKFLOW');
    expect(tramites.length).toBeGreaterThanOrEqual(10);
    // Several stages and both open and finished cases, as a working office has.
    expect(new Set(tramites.map((c) => c.etapa)).size).toBeGreaterThanOrEqual(5);
    const estados = new Set(tramites.map((c) => c.estado.codigo));
    for (const e of ['INICIADO', 'EN_PROGRESO', 'COMPLETADO']) expect(estados).toContain(e);
  });

  it('Darién ve sus propios trámites y ADMIN ve los de todas las oficinas', async () => {
    const darien = await bandejaDe('recepcion.darien');
    expect(new Set(darien.map((c) => c.agencia))).toEqual(new Set(['04']));
    expect(darien.some((c) => c.tipo === 'WORKFLOW')).toBe(true);
    const admin = (await bandejaDe('admin')).filter((c) => c.tipo === 'WORKFLOW');
    expect(new Set(admin.map((c) => c.agencia))).toEqual(new Set(['02', '04']));
  });

  it('cada trámite se escribió por el servicio: auditoría de su alta y de cada paso, y feed de sincronización', async () => {
    const tramites = await tramitesDe(srv.db);
    const ids = tramites.map((t) => t.id);
    const altas = await srv.db
      .selectFrom('audit_log')
      .innerJoin('usuarios', 'usuarios.id', 'audit_log.usuario_id')
      .select(['entidad_id', 'usuarios.cod_agencia', 'usuarios.rol'])
      .where('entidad', '=', 'workflow_instancias')
      .where('entidad_id', 'in', ids)
      .execute();
    // Started by a counter officer of the case's own office.
    for (const t of tramites)
      expect(altas).toContainEqual({ entidad_id: t.id, cod_agencia: t.cod_agencia, rol: 'RECEPCION' });
    const historial = await srv.db
      .selectFrom('workflow_historial')
      .select(['instancia_id', 'tipo_cambio'])
      .where('instancia_id', 'in', ids)
      .execute();
    const avanzados = tramites.filter((t) => t.estado !== 'INICIADO' && t.estado !== 'CANCELADO');
    for (const t of avanzados) expect(historial).toContainEqual({ instancia_id: t.id, tipo_cambio: 'TRANSICION' });
    const feed = await srv.db
      .selectFrom('sync_cambios')
      .select('fila_id')
      .where('tabla', '=', 'workflow_instancias')
      .where('fila_id', 'in', ids)
      .execute();
    expect(new Set(feed.map((f) => f.fila_id))).toEqual(new Set(ids));
  });

  it('la misma semilla da los mismos trámites en otra máquina', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tramites-demo-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path.join(dir, 'tramites.db')}`,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      ENVIRONMENT: 'testing',
      DEMO: 'true',
      LOG_LEVEL: 'silent',
    });
    const otra = await prepararBaseDeDatos(config, crearLogger('silent'));
    try {
      expect(await tramitesDe(otra)).toEqual(await tramitesDe(srv.db));
    } finally {
      await otra.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

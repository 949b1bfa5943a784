/** Every migration and every query the API runs, compiled for SQL Server (no server here: compiled, snapshot, checked). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootOperationNode } from 'kysely';
import { condicionesDeBusqueda } from '../../server/src/db/busqueda.js';
import { MIGRACIONES } from '../../server/src/db/migrations/index.js';
import { purgeAuditLog } from '../../server/src/modules/audit/purge.js';
import { compactarCambios } from '../../server/src/modules/sync/cambios.js';
import { purgarMutaciones } from '../../server/src/modules/sync/retencion.js';
import { cliente } from '../helpers/http.js';
import { formulario, pdfReal, solicitud } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { compilarParaMssql, esConsultaDeAplicacion, forma, kyselyGrabador, trampas } from './tsql.js';

describe('migraciones en T-SQL (grabadas, SQL Server simulado)', () => {
  it('compilan sin trampas y coinciden con la instantánea', async () => {
    const { db, sentencias } = kyselyGrabador();
    const bloques: string[] = [];
    for (const [nombre, m] of Object.entries(MIGRACIONES)) {
      const desde = sentencias.length;
      await m.up(db);
      bloques.push(
        `-- ${nombre}\n${sentencias
          .slice(desde)
          .map((q) => `${forma(q.sql)};`)
          .join('\n')}`,
      );
    }
    const conTrampas = sentencias
      .map((q) => ({ sql: q.sql.slice(0, 200), trampas: trampas(q) }))
      .filter((x) => x.trampas.length);
    expect(conTrampas).toEqual([]);
    expect(sentencias.some((q) => /create table "ppsh_solicitudes"/.test(q.sql))).toBe(true);
    await expect(bloques.join('\n\n') + '\n').toMatchFileSnapshot('__snapshots__/migraciones.mssql.sql');
  });

  it('el detector de trampas no es ciego: reconoce cada una', () => {
    const q = (sql: string, n = 0) =>
      ({ sql, parameters: Array(n).fill(0), query: undefined, queryId: undefined }) as never;
    expect(trampas(q('select * from "t" limit @1'))).toHaveLength(1);
    expect(trampas(q('create table if not exists "t" ("a" boolean, "b" timestamp, "c" text)'))).toHaveLength(4);
    expect(trampas(q('insert into "t" values (@1) returning *'))).toHaveLength(1);
    expect(trampas(q('select "limit" from "t" where "a" = \'limit\''))).toEqual([]);
    expect(trampas(q('select * from "t" offset 10 rows'))).toHaveLength(1);
    expect(trampas(q('select 1', 2101))).toHaveLength(1);
  });
});

describe('consultas de la API en T-SQL', () => {
  const nodos: RootOperationNode[] = [];
  let s: ServidorDePrueba;

  beforeAll(async () => {
    s = await iniciarServidor({ log: (e) => void (e.level === 'query' && nodos.push(e.query.query)) });
    // A working day at the counter and the analyst's desk: every kind of query the API runs.
    const sesion = await s.login('recepcion');
    const r = cliente(sesion.access_token);
    const a = cliente((await s.login('analista')).access_token);
    const sup = cliente((await s.login('supervisor')).access_token);
    const adm = cliente((await s.login('admin')).access_token);
    await cliente().post(`${s.api}/auth/login`, { username: 'recepcion', password: 'mala' });
    const creada = (await r.post(`${s.api}/ppsh/solicitudes`, solicitud())).body;
    const id = creada.id;
    await r.get(`${s.api}/ppsh/solicitudes?estado=RECIBIDO&buscar=pérez&orden=-num_expediente&page=2&page_size=5`);
    await adm.get(
      `${s.api}/ppsh/solicitudes?agencia=04&prioridad=ALTA&causa_humanitaria=4&fecha_desde=2025-01-01&fecha_hasta=2026-12-31&orden=prioridad`,
    );
    await r.get(`${s.api}/ppsh/solicitudes/${id}`);
    await r.put(`${s.api}/ppsh/solicitudes/${id}`, { observaciones_generales: 'x', version: 1 });
    await r.patch(`${s.api}/ppsh/solicitantes/${creada.solicitantes[0].id}`, { telefono: '+507-6999-0000' });
    const doc = (
      await r.post(
        `${s.api}/ppsh/solicitudes/${id}/documentos`,
        formulario('p.pdf', await pdfReal(), { cod_tipo_documento: '3' }),
      )
    ).body;
    await r.post(`${s.api}/ppsh/solicitudes/${id}/cambiar-estado`, { estado_nuevo: 'EN_REVISION' });
    await a.patch(`${s.api}/ppsh/documentos/${doc.id}/verificar`, { estado: 'VERIFICADO' });
    await a.get(`${s.api}/ppsh/documentos/${doc.id}/archivo`);
    const e = (
      await a.post(`${s.api}/ppsh/solicitudes/${id}/entrevistas`, {
        fecha_programada: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).body;
    await a.put(`${s.api}/ppsh/entrevistas/${e.id}`, { resultado: 'FAVORABLE', asistio: true });
    await a.get(`${s.api}/ppsh/solicitudes/${id}/entrevistas`);
    await sup.post(`${s.api}/ppsh/solicitudes/${id}/asignar`, {
      user_id_asignado: (await s.login('analista')).user.id,
    });
    await a.post(`${s.api}/ppsh/solicitudes/${id}/comentarios`, { comentario: 'nota' });
    await a.get(`${s.api}/ppsh/solicitudes/${id}/comentarios?incluir_internos=false`);
    await r.post(`${s.api}/ppsh/solicitudes/${id}/pagos`, { tipo_concepto: 'PPSH_INICIAL', metodo_pago: 'EFECTIVO' });
    await r.get(`${s.api}/ppsh/solicitudes/${id}/pagos`);
    await a.get(`${s.api}/ppsh/solicitudes/${id}/historial`);
    await a.get(`${s.api}/ppsh/estadisticas`);
    for (const c of ['agencias', 'secciones', 'paises', 'sexos', 'estados-civiles'])
      await a.get(`${s.api}/catalogos/${c}`);
    for (const c of ['causas-humanitarias', 'estados', 'tipos-documento', 'conceptos-pago'])
      await a.get(`${s.api}/ppsh/catalogos/${c}`);
    await a.get(`${s.api}/auth/me`);
    const refrescada = (await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token })).body;
    await cliente(refrescada.access_token).post(`${s.api}/auth/logout`);
    await cliente().get(`${s.url}/health/detailed`);
    await cliente().get(`${s.url}/metrics`);
    // A search that matches many cases takes the correlated EXISTS shape (db/busqueda.ts): too many rows to seed here.
    await s.db
      .selectFrom('ppsh_solicitudes')
      .select('id')
      .where(condicionesDeBusqueda('perez', 'ppsh_solicitudes.id', true)[0]!)
      .limit(1)
      .execute();
    // The weekly maintenance's application queries (ops CLI) run on the same engines.
    await purgeAuditLog(s.db, 365);
    await purgarMutaciones(s.db, 90);
    await compactarCambios(s.db);
  });
  afterAll(() => s.cerrar());

  it('cada consulta compila para SQL Server sin trampas y coincide con la instantánea', async () => {
    expect(nodos.length).toBeGreaterThan(100);
    const compiladas = nodos.filter(esConsultaDeAplicacion).map(compilarParaMssql);
    const conTrampas = compiladas
      .map((q) => ({ sql: q.sql.slice(0, 300), trampas: trampas(q) }))
      .filter((x) => x.trampas.length);
    expect(conTrampas).toEqual([]);
    // Paged reads reach SQL Server as OFFSET … FETCH, single-row reads as TOP.
    expect(compiladas.some((q) => /offset \S+ rows fetch next \S+ rows only/.test(q.sql))).toBe(true);
    expect(compiladas.some((q) => /select top\(1\)/.test(q.sql))).toBe(true);
    const formas = [...new Set(compiladas.map((q) => forma(q.sql)))].sort();
    await expect(formas.join(';\n') + ';\n').toMatchFileSnapshot('__snapshots__/consultas.mssql.sql');
  });
});

/** Every query the sync endpoints run (pull, push, conflicts, bytes, compaction), compiled for SQL Server and checked. */
import type { RootOperationNode } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compactarCambios } from '../../server/src/modules/sync/cambios.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { compilarParaMssql, esConsultaDeAplicacion, forma, trampas } from '../tsql/tsql.js';
import { comando, empujar, solicitudOffline } from './ayudas.js';

const nodos: RootOperationNode[] = [];
let s: ServidorDePrueba;

beforeAll(async () => {
  s = await iniciarServidor({ log: (e) => void (e.level === 'query' && nodos.push(e.query.query)) });
  const recepcion = (await s.login('recepcion')).access_token;
  const admin = (await s.login('admin')).access_token;
  const consulta = (await s.login('consulta')).access_token;
  await cliente(recepcion).get(`${s.api}/sync/pull?limit=500&contar=true`);
  await cliente(admin).get(`${s.api}/sync/pull?limit=500`);
  await cliente(consulta).get(`${s.api}/sync/pull?cursor=02p:5`);
  const caso = solicitudOffline();
  await empujar(s.api, recepcion, [
    comando('solicitud.registrar', caso),
    comando('solicitud.editar', { solicitudId: caso.id, cambios: { cod_seccion: '04' } }, { baseVersion: 1 }),
    comando('solicitud.editar', { solicitudId: caso.id, cambios: { cod_seccion: '03' } }, { baseVersion: 1 }),
    comando('solicitud.comentar', {
      solicitudId: caso.id,
      comentario: { id: uuidv7(), comentario: 'x', es_interno: true },
    }),
  ]);
  const sha = 'a'.repeat(64);
  await cliente(recepcion).get(`${s.api}/sync/archivos/${sha}/estado`);
  await cliente(recepcion).get(`${s.api}/sync/archivos/${sha}`);
  await s.db.deleteFrom('ppsh_comentarios').where('solicitud_id', '=', caso.id).execute();
  await compactarCambios(s.db);
});
afterAll(() => s.cerrar());

it('cada consulta de la sincronización compila para SQL Server sin trampas y coincide con la instantánea', async () => {
  const compiladas = nodos.filter(esConsultaDeAplicacion).map(compilarParaMssql);
  const deSync = compiladas.filter((q) => /"sync_|"audit_log"/.test(q.sql));
  expect(deSync.length).toBeGreaterThan(10);
  expect(
    deSync.map((q) => ({ sql: q.sql.slice(0, 300), trampas: trampas(q) })).filter((x) => x.trampas.length),
  ).toEqual([]);
  // Keyset pages reach SQL Server as TOP over the change number.
  // Keyset pages reach SQL Server as OFFSET 0 … FETCH over the change number, never as LIMIT.
  expect(deSync.some((q) => /order by "seq" offset 0 rows fetch next @\d+ rows only/.test(q.sql))).toBe(true);
  const formas = [...new Set(deSync.map((q) => forma(q.sql)))].sort();
  await expect(formas.join(';\n') + ';\n').toMatchFileSnapshot('__snapshots__/sync.mssql.sql');
});

/** Every migration and every query the API runs, compiled for SQL Server (no server here: compiled, snapshot, checked). */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootOperationNode } from 'kysely';
import { condicionesDeBusqueda } from '../../server/src/db/busqueda.js';
import { MIGRACIONES } from '../../server/src/db/migrations/index.js';
import { purgeAuditLog } from '../../server/src/modules/audit/purge.js';
import { compactarCambios } from '../../server/src/modules/sync/cambios.js';
import { purgarMutaciones } from '../../server/src/modules/sync/retencion.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { columnasDeMigraciones, problemasDeTipo } from './tipos.js';
import { parametrosDeConsulta, Recorrido, rutasRegistradas } from './recorrido.js';
import { compilarParaMssql, esConsultaDeAplicacion, forma, kyselyGrabador, trampas } from './tsql.js';
import { SIN_BASE_DE_DATOS, visitarTodo } from './visitas.js';

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

  it('los tipos de cada columna salen del árbol compilado y el verificador de tipos no es ciego', async () => {
    const { db, sentencias } = kyselyGrabador();
    for (const m of Object.values(MIGRACIONES)) await m.up(db);
    const columnas = columnasDeMigraciones(sentencias);
    expect(columnas).toEqual(
      expect.arrayContaining([
        { tabla: 'ppsh_solicitudes', columna: 'activo', tipo: 'bit' },
        { tabla: 'ppsh_solicitudes', columna: 'updated_at', tipo: 'datetime2(3)' },
        { tabla: 'ppsh_solicitantes', columna: 'primer_nombre', tipo: expect.stringMatching(/^nvarchar\(/) },
      ]),
    );
    const col = (columna: string, tipo: string) => ({ tabla: 't', columna, tipo });
    expect(problemasDeTipo(col('primer_apellido', 'varchar(50)'), ['Peña'])).toHaveLength(1);
    expect(problemasDeTipo(col('notas', 'varchar(50)'), ['Año nuevo'])).toHaveLength(1);
    expect(problemasDeTipo(col('creado', 'nvarchar(30)'), ['2026-03-01T14:05:00.000Z'])).toHaveLength(1);
    expect(problemasDeTipo(col('creado', 'datetime2(3)'), ['2026-03-01 14:05'])).toHaveLength(1);
    expect(problemasDeTipo(col('es_titular', 'int'), [0, 1])).toHaveLength(1);
    expect(problemasDeTipo(col('flag', 'bit'), [2])).toHaveLength(1);
    expect(problemasDeTipo(col('nacimiento', 'char(10)'), ['01/02/1990'])).toHaveLength(1);
    expect(problemasDeTipo(col('x', 'text'), [])).toHaveLength(1);
    expect(problemasDeTipo(col('primer_apellido', 'nvarchar(50)'), ['Peña'])).toEqual([]);
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

describe('consultas de la API en T-SQL, recorridas ruta por ruta', () => {
  const nodos: RootOperationNode[] = [];
  let s: ServidorDePrueba;
  let r: Recorrido;
  let parametros: Awaited<ReturnType<typeof parametrosDeConsulta>>;

  beforeAll(async () => {
    s = await iniciarServidor({ log: (e) => void (e.level === 'query' && nodos.push(e.query.query)) });
    r = new Recorrido(s, nodos);
    parametros = await parametrosDeConsulta(s);
    await visitarTodo(r);
    // Every enum value of every query parameter (sort keys, enum filters, export formats) over the route's first visit.
    // A field the route also takes in the body (verificar's `estado`) goes in the query alone: both would disagree.
    for (const [clave, deRuta] of parametros) {
      const base = r.visitas.find((v) => v.clave === clave)?.peticion;
      for (const [nombre, valores] of deRuta)
        for (const valor of base ? valores : [])
          await r.pedir(clave, {
            ...base,
            query: { ...base!.query, [nombre]: valor },
            json: sinCampo(base!.json, nombre),
          });
    }
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

  it('cada ruta registrada en el router tiene su visita, y cada visita ejecutó sentencias', () => {
    const rutas = rutasRegistradas(s);
    // The walk reads the real router: the API under its prefix, and the operations routes at the root.
    expect(rutas).toEqual(expect.arrayContaining(['GET /api/v1/casos', 'POST /api/v1/sync/push', 'GET /metrics']));
    expect(rutas.length).toBeGreaterThan(50);
    const visitadas = new Set(r.visitas.map((v) => v.clave));
    expect(rutas.filter((c) => !visitadas.has(c))).toEqual([]);
    const mudas = [...visitadas].filter(
      (c) =>
        !SIN_BASE_DE_DATOS[c] && !r.visitas.some((v) => v.clave === c && v.sentencias.some(esConsultaDeAplicacion)),
    );
    expect(mudas).toEqual([]);
  });

  it('cada parámetro de consulta que declara una ruta se envió al menos una vez', () => {
    const faltan = [...parametros].flatMap(([clave, deRuta]) =>
      [...deRuta.keys()]
        .filter((n) => !r.visitas.some((v) => v.clave === clave && v.peticion.query?.[n] !== undefined))
        .map((n) => `${clave} ?${n}`),
    );
    expect(faltan).toEqual([]);
  });

  it('cada columna de las migraciones tiene en SQL Server el tipo de lo que guarda (bit, datetime2, nvarchar)', async () => {
    const { db, sentencias } = kyselyGrabador();
    for (const m of Object.values(MIGRACIONES)) await m.up(db);
    // The rows after the walk: demo cases plus every kind of row the routes wrote (interviews, payments, workflow…).
    const sqlite = new Database(path.join(s.dir, 'tramites.db'), { readonly: true });
    try {
      const problemas = columnasDeMigraciones(sentencias).flatMap((c) =>
        problemasDeTipo(
          c,
          sqlite
            .prepare(
              `select distinct "${c.columna}" as v from "${c.tabla}" where "${c.columna}" is not null limit 2000`,
            )
            .pluck()
            .all(),
        ),
      );
      expect(problemas).toEqual([]);
    } finally {
      sqlite.close();
    }
  });

  it('cada consulta compila para SQL Server sin trampas y coincide con la instantánea', async () => {
    const compiladas = nodos.filter(esConsultaDeAplicacion).map(compilarParaMssql);
    const conTrampas = compiladas
      .map((q) => ({ sql: q.sql.slice(0, 300), trampas: trampas(q) }))
      .filter((x) => x.trampas.length);
    expect(conTrampas).toEqual([]);
    // Paged reads reach SQL Server as OFFSET … FETCH, single-row reads as TOP.
    expect(compiladas.some((q) => /offset \S+ rows fetch next \S+ rows only/.test(q.sql))).toBe(true);
    expect(compiladas.some((q) => /select top\(1\)/.test(q.sql))).toBe(true);
    // The unified caseload is one UNION ALL of both kinds of case, paged on SQL Server like any other read.
    expect(compiladas.some((q) => /\bunion all\b[\s\S]*offset \S+ rows fetch next/.test(q.sql))).toBe(true);
    const formas = [...new Set(compiladas.map((q) => forma(q.sql)))].sort();
    await expect(formas.join(';\n') + ';\n').toMatchFileSnapshot('__snapshots__/consultas.mssql.sql');
  });
});

function sinCampo(json: unknown, campo: string): unknown {
  if (typeof json !== 'object' || json === null || !(campo in json)) return json;
  const { [campo]: _quitado, ...resto } = json as Record<string, unknown>;
  return resto;
}

/**
 * What the application gets back from SQL Server: the production connection (server/src/db/connect.ts: tedious, Kysely's
 * MssqlDialect, MssqlCompatPlugin) reading rows in tedious's own shape. SQL Server is simulated (the mock edge): only
 * tedious's Connection is replaced; each column value is TDS wire bytes decoded by tedious's own value parser with the
 * options the production connection configured, so instants, bits and bigints arrive exactly as tedious delivers them.
 */
import type * as Tedious from 'tedious';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../server/src/db/connect.js';

/** A column of a row as SQL Server describes it, and its value as TDS bytes (hex). */
interface ColumnaTds {
  colName: string;
  tipo: 'VarChar' | 'NVarChar' | 'Char' | 'Int' | 'IntN' | 'BigInt' | 'Bit' | 'BitN' | 'DateTime2';
  hex: string;
}

const ID = '01960a3c-7c2e-7b11-9a4e-2b6f0c1d2e3f';
/** A ppsh_documentos row as SQL Server sends it (NOT NULL bits as BIT, nullable ones as BITN; int as INT / INTN). */
const DOCUMENTO: ColumnaTds[] = [
  {
    colName: 'id',
    tipo: 'VarChar',
    hex: '240030313936306133632d376332652d376231312d396134652d326236663063316432653366',
  },
  // 'Cédula de Peña.pdf' in UCS-2
  {
    colName: 'nombre_archivo',
    tipo: 'NVarChar',
    hex: '24004300e900640075006c006100200064006500200050006500f10061002e00700064006600',
  },
  { colName: 'observaciones', tipo: 'NVarChar', hex: 'ffff' },
  { colName: 'cod_tipo_documento', tipo: 'IntN', hex: '0403000000' },
  { colName: 'tamano_bytes', tipo: 'BigInt', hex: '55bc000000000000' },
  { colName: 'es_obligatorio', tipo: 'Bit', hex: '00' },
  { colName: 'activo', tipo: 'BitN', hex: '0101' },
  // 2026-03-01 14:05:09.123 and 04:59:59.999 UTC (days since 0001-01-01 = 739675), datetime2(3)
  { colName: 'uploaded_at', tipo: 'DateTime2', hex: '0783c205035b490b' },
  { colName: 'updated_at', tipo: 'DateTime2', hex: '077fa812015b490b' },
  { colName: 'fecha_verificacion', tipo: 'DateTime2', hex: '00' },
  { colName: 'version', tipo: 'Int', hex: '02000000' },
];

// Shared with the hoisted mock factory below.
const simulado = vi.hoisted(() => ({
  enviadas: [] as { sql: string; parametros: unknown[] }[],
  respuestas: [] as ColumnaTds[][][],
}));

vi.mock('tedious', async (original) => {
  const tedious = await original<typeof Tedious>();
  const { EventEmitter } = await import('node:events');
  const { readValue } = await import('tedious/lib/value-parser.js');
  /** The simulated server: answers each statement with the next recorded rows. */
  class Connection extends EventEmitter {
    closed = false;
    constructor(readonly config: { options: { useUTC: boolean } }) {
      super();
    }
    connect(listo: (e?: Error) => void) {
      setImmediate(() => listo());
    }
    execSql(req: Tedious.Request & { sqlTextOrProcedure: string; parameters: { value: unknown }[] }) {
      setImmediate(() => {
        const filas = req.sqlTextOrProcedure === 'select 1' ? [] : (simulado.respuestas.shift() ?? []);
        if (req.sqlTextOrProcedure !== 'select 1')
          simulado.enviadas.push({ sql: req.sqlTextOrProcedure, parametros: req.parameters.map((p) => p.value) });
        for (const fila of filas)
          req.emit(
            'row',
            fila.map((c) => {
              const metadata = {
                colName: c.colName,
                type: { name: c.tipo },
                scale: 3,
                dataLength: 0,
                collation: { codepage: 'CP1252' },
              };
              // tedious decodes with the connection's options: useUTC comes from the production config.
              const { value } = readValue(
                Buffer.from(c.hex, 'hex'),
                0,
                metadata as never,
                {
                  useUTC: this.config.options.useUTC,
                } as never,
              );
              return { metadata, value };
            }),
          );
        req.callback(undefined, filas.length);
        req.emit('requestCompleted');
      });
    }
    reset(listo: (e?: Error) => void) {
      listo();
    }
    cancel() {
      return true;
    }
    close() {
      this.closed = true;
      this.emit('end');
    }
  }
  return { ...tedious, Connection };
});

let db: Db;
const zonaOriginal = process.env.TZ;
beforeAll(async () => {
  // Panama's offset: a driver reading instants as local time would shift them by five hours.
  process.env.TZ = 'America/Panama';
  const { openDatabase } = await import('../../server/src/db/connect.js');
  db = openDatabase({
    kind: 'mssql',
    server: 'sqlserver.invalid',
    port: 1433,
    database: 'TramitesMigratorios',
    user: 'tramites_app',
    password: 'no-se-usa',
    encrypt: true,
    trustServerCertificate: true,
  });
});
afterAll(async () => {
  await db.destroy();
  process.env.TZ = zonaOriginal;
});

describe('filas de SQL Server (tedious simulado) convertidas a la representación de la aplicación', () => {
  it('instantes en ISO UTC, bits en 0/1, bigint en número, nulos y texto Unicode intactos', async () => {
    simulado.respuestas = [[DOCUMENTO]];
    const fila = await db.selectFrom('ppsh_documentos').selectAll().where('id', '=', ID).executeTakeFirstOrThrow();
    expect(simulado.enviadas.at(-1)).toEqual({
      sql: 'select * from "ppsh_documentos" where "id" = @1',
      parametros: [ID],
    });
    expect(fila).toEqual({
      id: ID,
      nombre_archivo: 'Cédula de Peña.pdf',
      observaciones: null,
      cod_tipo_documento: 3,
      tamano_bytes: 48213,
      es_obligatorio: 0,
      activo: 1,
      uploaded_at: '2026-03-01T14:05:09.123Z',
      updated_at: '2026-03-01T04:59:59.999Z',
      fecha_verificacion: null,
      version: 2,
    });
  });

  it('una página de la bandeja llega igual: cada fila convertida, en el orden del servidor', async () => {
    const otra = DOCUMENTO.map((c) => (c.colName === 'activo' ? { ...c, hex: '0100' } : c));
    simulado.respuestas = [[DOCUMENTO, otra]];
    const filas = await db
      .selectFrom('ppsh_documentos')
      .select(['id', 'activo', 'uploaded_at'])
      .orderBy('uploaded_at')
      .limit(20)
      .offset(40)
      .execute();
    expect(simulado.enviadas.at(-1)!.sql).toBe(
      'select "id", "activo", "uploaded_at" from "ppsh_documentos" order by "uploaded_at" offset @1 rows fetch next @2 rows only',
    );
    expect(filas.map((f) => f.activo)).toEqual([1, 0]);
    expect(filas.every((f) => f.uploaded_at === '2026-03-01T14:05:09.123Z')).toBe(true);
  });
});

/**
 * Every sync command of the protocol's list (shared/src/sync/protocolo.ts), pushed one by one, plus a conflict, a
 * replayed mutationId, pulls and compaction: each one's statements compiled for SQL Server and checked. A command added
 * to the protocol without an entry here fails the type check and the coverage test below.
 */
import { createHash } from 'node:crypto';
import type { RootOperationNode } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NOMBRES_COMANDO, type ArgsComando, type NombreComando } from '#shared/sync/protocolo';
import { compactarCambios } from '../../server/src/modules/sync/cambios.js';
import { pdfReal } from '../helpers/datos.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { compilarParaMssql, esConsultaDeAplicacion, forma, trampas } from '../tsql/tsql.js';
import { comando, empujar, solicitudOffline } from './ayudas.js';

const nodos: RootOperationNode[] = [];
let s: ServidorDePrueba;
/** Statements each command ran on the server, by command name. */
const porComando = new Map<string, RootOperationNode[]>();

interface Contexto {
  caso: ArgsComando<'ppsh.registrar'>;
  documentoId: string;
  entrevistaId: string;
  tramiteId: string;
  sha256: string;
  analistaId: string;
}

/** Who pushes each command and its args, in an order where each finds what it needs (pushed in this order). */
const COMANDOS: { [N in NombreComando]: { como: string; args: (c: Contexto) => ArgsComando<N>; base?: number } } = {
  'ppsh.registrar': { como: 'recepcion', args: (c) => c.caso },
  'ppsh.editar': {
    como: 'recepcion',
    args: (c) => ({ solicitudId: c.caso.id, cambios: { prioridad: 'ALTA' } }),
    base: 1,
  },
  'ppsh.editarSolicitante': {
    como: 'recepcion',
    args: (c) => ({ solicitanteId: c.caso.solicitantes[0]!.id!, cambios: { telefono: '+507-6000-0000' } }),
  },
  'ppsh.cambiarEstado': {
    como: 'recepcion',
    args: (c) => ({ solicitudId: c.caso.id, cambio: { estado_nuevo: 'EN_REVISION' } }),
  },
  'ppsh.asignar': {
    como: 'supervisor',
    args: (c) => ({ solicitudId: c.caso.id, user_id_asignado: c.analistaId }),
  },
  'ppsh.comentar': {
    como: 'analista',
    args: (c) => ({ solicitudId: c.caso.id, comentario: { id: uuidv7(), comentario: 'Revisar', es_interno: true } }),
  },
  'ppsh.adjuntarDocumento': {
    como: 'recepcion',
    args: (c) => ({
      solicitudId: c.caso.id,
      documento: { id: c.documentoId, sha256: c.sha256, nombre_archivo: 'pasaporte.pdf', cod_tipo_documento: 3 },
    }),
  },
  'ppsh.verificarDocumento': {
    como: 'analista',
    args: (c) => ({ documentoId: c.documentoId, verificacion: { estado: 'VERIFICADO' } }),
  },
  'ppsh.programarEntrevista': {
    como: 'analista',
    args: (c) => ({
      solicitudId: c.caso.id,
      entrevista: { id: c.entrevistaId, fecha_programada: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  },
  'ppsh.registrarResultadoEntrevista': {
    como: 'analista',
    args: (c) => ({ entrevistaId: c.entrevistaId, resultado: { resultado: 'FAVORABLE', asistio: true } }),
  },
  'ppsh.registrarPago': {
    como: 'recepcion',
    args: (c) => ({
      solicitudId: c.caso.id,
      pago: { id: uuidv7(), tipo_concepto: 'PPSH_INICIAL', metodo_pago: 'EFECTIVO' },
    }),
  },
  'workflow.iniciar': {
    como: 'recepcion',
    args: (c) => ({ id: c.tramiteId, referencia_provisional: 'WF-PROV-TSQL', workflow_codigo: 'VISA_TURISTA_SIMPLE' }),
  },
  'workflow.responder': {
    como: 'recepcion',
    args: (c) => ({ instanciaId: c.tramiteId, respuestas: { NOMBRE_COMPLETO: 'Ana Lucía Rojas' } }),
  },
  'workflow.transicionar': {
    como: 'recepcion',
    args: (c) => ({
      instanciaId: c.tramiteId,
      transicion: {
        respuestas: { NOMBRE_COMPLETO: 'Ana Lucía Rojas', NUMERO_PASAPORTE: 'CO9876543', FECHA_LLEGADA: '2026-12-20' },
      },
    }),
  },
  'workflow.editar': {
    como: 'admin',
    args: (c) => ({ instanciaId: c.tramiteId, cambios: { prioridad: 'ALTA', asignado_a_user_id: c.analistaId } }),
  },
  'workflow.comentar': {
    como: 'analista',
    args: (c) => ({ instanciaId: c.tramiteId, comentario: { id: uuidv7(), comentario: 'En revisión' } }),
  },
};

const tokens = new Map<string, string>();
const token = async (u: string) => tokens.get(u) ?? tokens.set(u, (await s.login(u)).access_token).get(u)!;

/** Runs `fn` and files the statements it caused under `nombre`. */
async function registrar(nombre: string, fn: () => Promise<unknown>) {
  const desde = nodos.length;
  await fn();
  porComando.set(nombre, [...(porComando.get(nombre) ?? []), ...nodos.slice(desde)]);
}

beforeAll(async () => {
  s = await iniciarServidor({ log: (e) => void (e.level === 'query' && nodos.push(e.query.query)) });
  const pdf = await pdfReal('Pasaporte desde el escritorio');
  const c: Contexto = {
    caso: solicitudOffline(),
    documentoId: uuidv7(),
    entrevistaId: uuidv7(),
    tramiteId: uuidv7(),
    sha256: createHash('sha256').update(pdf).digest('hex'),
    analistaId: (await s.login('analista')).user.id,
  };
  c.caso.solicitantes[0]!.id = uuidv7();
  const recepcion = await token('recepcion');
  await registrar('pull', async () => {
    await cliente(recepcion).get(`${s.api}/sync/pull?limit=500&contar=true`);
    await cliente(await token('admin')).get(`${s.api}/sync/pull?limit=500`);
    await cliente(await token('consulta')).get(`${s.api}/sync/pull?cursor=02p:5`);
  });
  await registrar('archivos', async () => {
    await cliente(recepcion).get(`${s.api}/sync/archivos/${c.sha256}/estado`);
    const r = await fetch(`${s.api}/sync/archivos/${c.sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${recepcion}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(pdf),
    });
    expect(r.status).toBeLessThan(300);
    await cliente(recepcion).get(`${s.api}/sync/archivos/${c.sha256}`);
  });
  for (const nombre of NOMBRES_COMANDO) {
    const def = COMANDOS[nombre] as { como: string; args: (c: Contexto) => never; base?: number };
    await registrar(nombre, async () => {
      const r = await empujar(s.api, await token(def.como), [comando(nombre, def.args(c), { baseVersion: def.base })]);
      expect(r.body.resultados, nombre).toMatchObject([{ status: 'applied' }]);
    });
  }
  // A stale edit (conflict), a replayed mutationId (stored outcome), then the desks pull it all and the log compacts.
  await registrar('conflicto y repetición', async () => {
    // Another desk that saw version 1 changes the field this desk already changed.
    const editar = {
      ...comando('ppsh.editar', { solicitudId: c.caso.id, cambios: { prioridad: 'BAJA' } }, { baseVersion: 1 }),
      clientId: 'otro-escritorio',
    };
    const admin = await token('admin');
    expect((await empujar(s.api, admin, [editar])).body.resultados[0].status).toBe('conflict');
    expect((await empujar(s.api, admin, [editar])).body.resultados[0].status).toBe('conflict');
  });
  await registrar('pull', () => cliente(recepcion).get(`${s.api}/sync/pull?cursor=02p:1&limit=5000`));
  await registrar('compactación', async () => {
    await s.db.deleteFrom('ppsh_comentarios').where('solicitud_id', '=', c.caso.id).execute();
    await compactarCambios(s.db);
  });
});
afterAll(() => s.cerrar());

it('cada comando del protocolo se aplicó y ejecutó sentencias en el servidor', () => {
  const sinSentencias = NOMBRES_COMANDO.filter((n) => !porComando.get(n)?.some(esConsultaDeAplicacion));
  expect(sinSentencias).toEqual([]);
});

it('cada consulta de la sincronización compila para SQL Server sin trampas y coincide con la instantánea', async () => {
  const compiladas = [...porComando.values()].flat().filter(esConsultaDeAplicacion).map(compilarParaMssql);
  expect(
    compiladas.map((q) => ({ sql: q.sql.slice(0, 300), trampas: trampas(q) })).filter((x) => x.trampas.length),
  ).toEqual([]);
  // Keyset pages reach SQL Server as OFFSET 0 … FETCH over the change number, never as LIMIT.
  expect(compiladas.some((q) => /order by "seq" offset 0 rows fetch next @\d+ rows only/.test(q.sql))).toBe(true);
  const formas = [...new Set(compiladas.map((q) => forma(q.sql)))].sort();
  await expect(formas.join(';\n') + ';\n').toMatchFileSnapshot('__snapshots__/sync.mssql.sql');
});

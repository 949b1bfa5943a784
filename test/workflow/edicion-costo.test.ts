/**
 * One template edit costs what it changes, against the real API process and a template of 100 stages × 40 questions:
 * a single-part edit through /workflow/preguntas|etapas|conexiones writes the rows of that part and the template's own
 * row, never the whole graph again (counted in audit_log and in the change feed of the server's SQLite file, read
 * beside it). A template that cases run on is copied once into its next version, then edited in place. And the long
 * saves (a whole 100 × 100 graph) hand the event loop back while they write: /health keeps answering during them.
 * Latencies are bench/plantillas.ts's business; nothing here is timed.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarApiEnProceso, type ApiEnProceso } from '../helpers/api-en-proceso.js';
import { plantillaGrande } from '../helpers/datos.js';
import { cliente, type Cliente } from '../helpers/http.js';

let api: ApiEnProceso;
let admin: Cliente;
let recepcion: Cliente;
let sqlite: Database.Database;

interface Parte {
  id: string;
  codigo: string;
  nombre: string;
  preguntas: Parte[];
}
interface PlantillaGuardada {
  id: string;
  etapas: Parte[];
  conexiones: { id: string; etapa_origen: string; etapa_destino: string }[];
}

/**
 * Audit rows each table got while `accion` ran ({tabla: n}); the change feed must have one entry per distinct row
 * written (a row written twice in one edit is one change for the desks).
 */
async function escrituras(accion: () => Promise<{ status: number }>, estado = 200): Promise<Record<string, number>> {
  const uno = <T>(q: string) => sqlite.prepare(q).get() as T;
  const desdeAuditoria = uno<{ n: number }>('select coalesce(max(rowid), 0) as n from audit_log').n;
  const desdeFeed = uno<{ n: number }>('select coalesce(max(seq), 0) as n from sync_cambios').n;
  expect((await accion()).status).toBe(estado);
  const porTabla = (q: string, desde: number) =>
    Object.fromEntries(
      (sqlite.prepare(q).all(desde) as { tabla: string; n: number }[]).map((f) => [f.tabla, f.n] as const),
    );
  const auditadas = 'from audit_log where rowid > ? group by entidad';
  expect(porTabla('select tabla, count(*) as n from sync_cambios where seq > ? group by tabla', desdeFeed)).toEqual(
    porTabla(`select entidad as tabla, count(distinct entidad_id) as n ${auditadas}`, desdeAuditoria),
  );
  return porTabla(`select entidad as tabla, count(*) as n ${auditadas}`, desdeAuditoria);
}

const preguntasDe = (workflowId: string) =>
  (
    sqlite
      .prepare(
        `select count(*) as n from workflow_preguntas q join workflow_etapas e on e.id = q.etapa_id
         where e.workflow_id = ? and q.activo = 1`,
      )
      .get(workflowId) as { n: number }
  ).n;
const filasDePreguntas = () =>
  (sqlite.prepare('select count(*) as n from workflow_preguntas').get() as { n: number }).n;

async function crear(datos: object): Promise<PlantillaGuardada> {
  const r = await admin.post(`${api.api}/workflow/workflows`, datos);
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
  return r.body as PlantillaGuardada;
}

/**
 * Runs `peticion` while /health is asked again and again, one at a time, and returns how many of those answers came
 * back before it did. A save that held the event loop from its first row to its last would let through only those
 * answered before it started writing.
 */
async function saludDurante<T>(peticion: () => Promise<T>): Promise<{ resultado: T; respuestas: number }> {
  let terminada = false;
  let respuestas = 0;
  const sondeo = (async () => {
    while (!terminada) {
      const r = await fetch(`${api.url}/health`);
      await r.arrayBuffer();
      if (!terminada) respuestas++;
    }
  })();
  const resultado = await peticion().finally(() => (terminada = true));
  await sondeo;
  return { resultado, respuestas };
}

beforeAll(async () => {
  api = await iniciarApiEnProceso();
  admin = cliente(await api.login('admin'));
  recepcion = cliente(await api.login('recepcion'));
  sqlite = new Database(api.archivo, { readonly: true, fileMustExist: true });
}, 120_000);
afterAll(async () => {
  sqlite?.close();
  await api?.detener();
});

describe('editar una parte de una plantilla de 100 etapas × 40 preguntas', () => {
  let p: PlantillaGuardada;
  beforeAll(async () => {
    p = await crear(plantillaGrande('GRANDE_100_40', 100, 40));
  }, 120_000);

  it('cambiar, agregar o quitar una pregunta escribe esa pregunta y la fila de la plantilla, nada más', async () => {
    expect(preguntasDe(p.id)).toBe(4000);
    const filas = filasDePreguntas();
    const q = p.etapas[50]!.preguntas[10]!;
    expect(
      await escrituras(() => admin.put(`${api.api}/workflow/preguntas/${q.id}`, { pregunta: 'Otra redacción' })),
    ).toEqual({ workflow_preguntas: 1, workflows: 1 });
    expect(filasDePreguntas()).toBe(filas);
    const leida = await admin.get(`${api.api}/workflow/preguntas/${q.id}`);
    expect(leida.body).toMatchObject({ id: q.id, codigo: 'P50_10', pregunta: 'Otra redacción' });

    let nueva = '';
    expect(
      await escrituras(async () => {
        const r = await admin.post(`${api.api}/workflow/preguntas`, {
          etapa_id: p.etapas[7]!.id,
          codigo: 'NUEVA',
          pregunta: 'Pregunta agregada',
          tipo_pregunta: 'RESPUESTA_TEXTO',
        });
        nueva = r.body.id;
        return r;
      }, 201),
    ).toEqual({ workflow_preguntas: 1, workflows: 1 });
    expect(await escrituras(() => admin.delete(`${api.api}/workflow/preguntas/${nueva}`), 204)).toEqual({
      workflow_preguntas: 1,
      workflows: 1,
    });
    expect(preguntasDe(p.id)).toBe(4000);
    expect(filasDePreguntas()).toBe(filas + 1);
  });

  it('cambiar una etapa o una conexión escribe esa fila y la de la plantilla', async () => {
    expect(
      await escrituras(() => admin.put(`${api.api}/workflow/etapas/${p.etapas[99]!.id}`, { nombre: 'Cierre' })),
    ).toEqual({ workflow_etapas: 1, workflows: 1 });
    expect(
      await escrituras(() =>
        admin.put(`${api.api}/workflow/conexiones/${p.conexiones[42]!.id}`, { nombre: 'Sigue a revisión' }),
      ),
    ).toEqual({ workflow_conexiones: 1, workflows: 1 });
    const guardada = (await admin.get(`${api.api}/workflow/workflows/${p.id}`)).body as PlantillaGuardada;
    expect(guardada.etapas[99]!.nombre).toBe('Cierre');
    expect(guardada.conexiones[42]).toMatchObject({
      id: p.conexiones[42]!.id,
      etapa_origen: 'E42',
      etapa_destino: 'E43',
    });
  });

  it('una edición que dejaría la plantilla activa incompleta se rechaza entera y no escribe nada', async () => {
    // E50 is the only way from E49 onwards: without it E51…E99 cannot be reached.
    expect(await escrituras(() => admin.delete(`${api.api}/workflow/etapas/${p.etapas[50]!.id}`), 422)).toEqual({});
    expect(preguntasDe(p.id)).toBe(4000);
  });

  it('/health sigue respondiendo mientras se guarda entera una plantilla de 100 × 100', async () => {
    const grande = plantillaGrande('GRANDE_100_100', 100, 100, 'BORRADOR');
    const { resultado, respuestas } = await saludDurante(() =>
      admin.put(`${api.api}/workflow/workflows/${p.id}`, {
        etapas: grande.etapas,
        conexiones: grande.conexiones,
      }),
    );
    expect(resultado.status).toBe(200);
    expect(preguntasDe(p.id)).toBe(10_000);
    // Writing 4,000 rows off and 10,100 on takes thousands of statements; answered only before or after them, the
    // probe would count one or two.
    expect(respuestas).toBeGreaterThan(20);
  }, 120_000);
});

describe('partes que se agregan y quitan en un borrador', () => {
  it('una etapa con sus preguntas y conexiones: sus filas y la de la plantilla', async () => {
    const p = await crear(plantillaGrande('BORRADOR_PARTES', 3, 2, 'BORRADOR'));
    let etapa = '';
    expect(
      await escrituras(async () => {
        const r = await admin.post(`${api.api}/workflow/etapas`, {
          workflow_id: p.id,
          codigo: 'EXTRA',
          nombre: 'Extra',
          orden: 9,
          perfiles_permitidos: ['ANALISTA'],
          preguntas: [
            { codigo: 'X1', pregunta: 'Uno', tipo_pregunta: 'RESPUESTA_TEXTO' },
            { codigo: 'X2', pregunta: 'Dos', tipo_pregunta: 'LISTA', opciones: ['SI', 'NO'] },
          ],
        });
        etapa = r.body.id;
        return r;
      }, 201),
    ).toEqual({ workflow_etapas: 1, workflow_preguntas: 2, workflows: 1 });
    for (const [origen, destino] of [
      ['E0', 'EXTRA'],
      ['EXTRA', 'E2'],
    ])
      expect(
        await escrituras(
          () =>
            admin.post(`${api.api}/workflow/conexiones`, {
              workflow_id: p.id,
              etapa_origen: origen,
              etapa_destino: destino,
            }),
          201,
        ),
      ).toEqual({ workflow_conexiones: 1, workflows: 1 });
    expect(await escrituras(() => admin.delete(`${api.api}/workflow/etapas/${etapa}`), 204)).toEqual({
      workflow_etapas: 1,
      workflow_preguntas: 2,
      workflow_conexiones: 2,
      workflows: 1,
    });
    const guardada = (await admin.get(`${api.api}/workflow/workflows/${p.id}`)).body as PlantillaGuardada;
    expect(guardada.etapas.map((e) => e.codigo)).toEqual(['E0', 'E1', 'E2']);
    expect(guardada.conexiones.map((c) => `${c.etapa_origen}→${c.etapa_destino}`)).toEqual(['E0→E1', 'E1→E2']);
  });
});

describe('una plantilla con trámites', () => {
  it('la primera edición copia el grafo a la versión siguiente; las siguientes escriben solo su parte', async () => {
    const p = await crear(plantillaGrande('EN_USO', 3, 2));
    expect((await recepcion.post(`${api.api}/workflow/instancias`, { workflow_id: p.id })).status).toBe(201);
    const q = p.etapas[1]!.preguntas[0]!;
    let nueva = '';
    // The copy: the new version's row and the old one retired (INACTIVO), 3 stages, 6 questions, 2 connections; then
    // the edited question once more.
    expect(
      await escrituras(async () => {
        const r = await admin.put(`${api.api}/workflow/preguntas/${q.id}`, { pregunta: 'En la 1.1' });
        nueva = r.body.id;
        return r;
      }),
    ).toEqual({ workflows: 2, workflow_etapas: 3, workflow_preguntas: 7, workflow_conexiones: 2 });
    expect(nueva).not.toBe(q.id);
    expect(
      await escrituras(() => admin.put(`${api.api}/workflow/preguntas/${q.id}`, { pregunta: 'Otra vez en la 1.1' })),
    ).toEqual({ workflow_preguntas: 1, workflows: 1 });
    expect((await admin.get(`${api.api}/workflow/preguntas/${nueva}`)).body.pregunta).toBe('Otra vez en la 1.1');
    // The case's version is as it was.
    expect((await admin.get(`${api.api}/workflow/preguntas/${q.id}`)).body.pregunta).toBe('Pregunta 0');
  });
});

/**
 * The unified caseload over HTTP on the seeded demo database (300 PPSH cases) plus workflow cases started here:
 * every filter, search, sort and page is checked against the rows computed straight from the tables.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fechaPanama } from '#shared/calendario';
import { calcularSla } from '#shared/casos/sla';
import { ESTADOS_PPSH } from '#shared/ppsh/estados';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let srv: ServidorDePrueba;
let recepcion: ReturnType<typeof cliente>;
let supervisor: ReturnType<typeof cliente>;
let analistaId: string;
/** The workflow cases this test starts (the demo has its own, with common surnames). */
const iniciados = new Set<string>();
const casos = (q = '') => `${srv.api}/casos${q}`;

interface Fila {
  id: string;
  tipo: 'PPSH' | 'WORKFLOW';
  titular: string;
  fecha_apertura: string;
  prioridad: string;
  asignado: string | null;
  estado: string;
  fecha_estado: string;
}

/** Every case office 02 sees, read straight from the tables (the oracle). */
async function todasDeLaOficina(): Promise<Fila[]> {
  const ppsh = await srv.db
    .selectFrom('ppsh_solicitudes')
    .selectAll()
    .where('cod_agencia', '=', '02')
    .where('activo', '=', 1)
    .execute();
  const wf = await srv.db.selectFrom('workflow_instancias').selectAll().where('cod_agencia', '=', '02').execute();
  return [
    ...ppsh.map((s) => ({
      id: s.id,
      tipo: 'PPSH' as const,
      titular: s.nombre_titular,
      fecha_apertura: s.fecha_solicitud,
      prioridad: s.prioridad,
      asignado: s.user_id_asignado,
      estado: s.estado_actual,
      fecha_estado: s.fecha_estado,
    })),
    ...wf.map((i) => ({
      id: i.id,
      tipo: 'WORKFLOW' as const,
      titular: i.nombre_titular,
      fecha_apertura: i.fecha_apertura,
      prioridad: i.prioridad,
      asignado: i.asignado_a_user_id,
      estado: i.estado,
      fecha_estado: i.fecha_etapa,
    })),
  ];
}

/** All pages of a query, concatenated. */
async function todasLasPaginas(q: string, c = recepcion) {
  const items: (Record<string, unknown> & { id: string })[] = [];
  for (let page = 1; ; page++) {
    const r = await c.get(casos(`?${q}&page=${page}&page_size=100`));
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    if (page >= r.body.pages) return { items, total: r.body.total as number };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  srv = await iniciarServidor();
  recepcion = cliente((await srv.login('recepcion')).access_token);
  supervisor = cliente((await srv.login('supervisor')).access_token);
  analistaId = (
    await srv.db.selectFrom('usuarios').select('id').where('username', '=', 'analista').executeTakeFirstOrThrow()
  ).id;
  const titulares: [string, string, string][] = [
    ['José Ñúñez Pérez', 'PA778899', 'URGENTE'],
    ['Ana Lucía Gómez', 'CR123456', 'BAJA'],
    ['Zoë Ábrego', 'VE99887766', 'NORMAL'],
  ];
  for (const [nombre_titular, documento_titular, prioridad] of titulares) {
    const r = await recepcion.post(`${srv.api}/workflow/instancias`, {
      workflow_codigo: 'VISA_TURISTA_SIMPLE',
      nombre_titular,
      documento_titular,
      prioridad,
      asignado_a_user_id: prioridad === 'URGENTE' ? analistaId : undefined,
    });
    expect(r.status).toBe(201);
    iniciados.add(r.body.id);
  }
});
afterAll(() => srv?.cerrar());

describe('bandeja unificada /casos', () => {
  it('lista los dos tipos de la oficina con columnas comunes y páginas exactas', async () => {
    const esperadas = (await todasDeLaOficina()).sort(
      (a, b) => cmp(b.fecha_apertura, a.fecha_apertura) || cmp(b.id, a.id),
    );
    const { items, total } = await todasLasPaginas('orden=-fecha_apertura');
    expect(total).toBe(esperadas.length);
    expect(items.map((i) => i.id)).toEqual(esperadas.map((e) => e.id));
    const wf = items.find((i) => i.tipo === 'WORKFLOW')!;
    expect(wf).toMatchObject({ workflow_codigo: 'VISA_TURISTA_SIMPLE', agencia: '02', etapa: 'Datos del viajero' });
    expect(wf.estado).toEqual({
      codigo: 'INICIADO',
      nombre: 'Iniciado · Datos del viajero',
      color: '#3498db',
      es_final: false,
    });
    expect(Object.keys(wf)).toEqual(
      expect.arrayContaining([
        'numero',
        'titular',
        'documento',
        'prioridad',
        'asignado',
        'dias_abierto',
        'sla',
        'updated_at',
      ]),
    );
  });

  it('busca sin acentos ni mayúsculas, por partes del documento y con palabras en cualquier orden', async () => {
    const buscar = async (t: string) =>
      (await recepcion.get(casos(`?buscar=${encodeURIComponent(t)}&tipo=WORKFLOW`))).body.items
        .filter((i: { id: string }) => iniciados.has(i.id))
        .map((i: { titular: string }) => i.titular);
    expect(await buscar('nunez')).toEqual(['José Ñúñez Pérez']);
    expect(await buscar('PEREZ jose')).toEqual(['José Ñúñez Pérez']);
    expect(await buscar('7788')).toEqual(['José Ñúñez Pérez']);
    expect(await buscar('zoe abrego')).toEqual(['Zoë Ábrego']);
    expect(await buscar('100%')).toEqual([]);
  });

  it('busca en los PPSH por número parcial de documento del titular', async () => {
    const s = await srv.db
      .selectFrom('ppsh_solicitudes')
      .select(['id', 'documento_titular'])
      .where('cod_agencia', '=', '02')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const parte = s.documento_titular.slice(1, -1);
    const esperadas = (
      await srv.db
        .selectFrom('ppsh_solicitudes')
        .select('id')
        .where('cod_agencia', '=', '02')
        .where('texto_busqueda', 'like', `%${parte.toLowerCase()}%`)
        .execute()
    ).map((r) => r.id);
    const { items } = await todasLasPaginas(`buscar=${encodeURIComponent(parte)}&tipo=PPSH`);
    expect(items.map((i) => i.id).sort()).toEqual(esperadas.sort());
    expect(esperadas).toContain(s.id);
  });

  it('ordena por titular y por prioridad (URGENTE > ALTA > NORMAL > BAJA)', async () => {
    const todas = await todasDeLaOficina();
    const porTitular = (await todasLasPaginas('orden=titular')).items.map((i) => i.id);
    expect(porTitular).toEqual(
      [...todas].sort((a, b) => cmp(a.titular, b.titular) || cmp(a.id, b.id)).map((e) => e.id),
    );
    const rango: Record<string, number> = { URGENTE: 4, ALTA: 3, NORMAL: 2, BAJA: 1 };
    const porPrioridad = (await todasLasPaginas('orden=-prioridad')).items.map((i) => i.id);
    expect(porPrioridad).toEqual(
      [...todas].sort((a, b) => rango[b.prioridad]! - rango[a.prioridad]! || cmp(b.id, a.id)).map((e) => e.id),
    );
  });

  it('filtra por tipo, estado, prioridad, fechas y asignado ("mios" para el analista)', async () => {
    const todas = await todasDeLaOficina();
    const ids = async (q: string, c = recepcion) => (await todasLasPaginas(q, c)).items.map((i) => i.id).sort();
    const esperado = (f: (x: Fila) => boolean) =>
      todas
        .filter(f)
        .map((x) => x.id)
        .sort();
    expect(await ids('tipo=WORKFLOW')).toEqual(esperado((x) => x.tipo === 'WORKFLOW'));
    expect(await ids('estado=EN_REVISION')).toEqual(esperado((x) => x.estado === 'EN_REVISION'));
    expect(await ids('prioridad=ALTA')).toEqual(esperado((x) => x.prioridad === 'ALTA'));
    const desde = [...todas].sort((a, b) => cmp(a.fecha_apertura, b.fecha_apertura))[Math.floor(todas.length / 2)]!
      .fecha_apertura;
    expect(await ids(`fecha_desde=${desde}`)).toEqual(esperado((x) => x.fecha_apertura >= desde));
    expect(await ids(`asignado_a=${analistaId}`)).toEqual(esperado((x) => x.asignado === analistaId));
    const analista = cliente((await srv.login('analista')).access_token);
    expect(await ids('mios=true', analista)).toEqual(esperado((x) => x.asignado === analistaId));
  });

  it('el filtro "vencido" devuelve exactamente los casos con plazo VENCIDO', async () => {
    const hoy = fechaPanama();
    const finales = new Set<string>([
      ...ESTADOS_PPSH.filter((e) => e.final).map((e) => e.cod),
      'COMPLETADO',
      'CANCELADO',
    ]);
    const todas = await todasDeLaOficina();
    const vencidas = todas
      .filter(
        (x) =>
          calcularSla(
            {
              tipo: x.tipo,
              estado: x.estado,
              es_final: finales.has(x.estado),
              fecha_apertura: x.fecha_apertura,
              fecha_estado: x.fecha_estado,
              fecha_estimada_fin: null,
            },
            hoy,
          ).estado === 'VENCIDO',
      )
      .map((x) => x.id)
      .sort();
    const { items } = await todasLasPaginas('vencido=true');
    expect(items.map((i) => i.id).sort()).toEqual(vencidas);
    expect(items.every((i) => (i.sla as { estado: string }).estado === 'VENCIDO')).toBe(true);
    expect((await todasLasPaginas('vencido=false')).total).toBe(todas.length - vencidas.length);
  });

  it('cada oficina ve lo suyo; el administrador ve todas', async () => {
    const darien = cliente((await srv.login('recepcion.darien')).access_token);
    const r = await todasLasPaginas('orden=numero', darien);
    expect(new Set(r.items.map((i) => i.agencia))).toEqual(new Set(['04']));
    const admin = cliente((await srv.login('admin')).access_token);
    const todas = await admin.get(casos('?page_size=1'));
    const contar = (tabla: 'ppsh_solicitudes' | 'workflow_instancias') =>
      srv.db
        .selectFrom(tabla)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    expect(todas.body.total).toBe((await contar('ppsh_solicitudes')) + (await contar('workflow_instancias')));
  });

  it('rechaza page_size mayor que 100 y un orden desconocido', async () => {
    const r = await recepcion.get(casos('?page_size=101'));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDACION');
    expect((await recepcion.get(casos('?orden=drop table'))).status).toBe(422);
  });

  it('la cola de aprobación lista PPSH EN_APROBACION y etapas por validar, la más antigua primero', async () => {
    // A workflow case waiting for validation: RESIDENCIA_TEMPORAL's RESOLUCION stage.
    const analista = cliente((await srv.login('analista')).access_token);
    const inicio = await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_codigo: 'RESIDENCIA_TEMPORAL' });
    const id = inicio.body.id as string;
    await recepcion.post(`${srv.api}/workflow/instancias/${id}/transicion`, {
      respuestas: { NOMBRE_COMPLETO: 'Pedro Cedeño', NUMERO_PASAPORTE: 'CO55443322', MOTIVO: 'Trabajo' },
    });
    const r = await analista.post(`${srv.api}/workflow/instancias/${id}/transicion`, {
      respuestas: { ANTECEDENTES_LIMPIOS: 'SI' },
    });
    expect(r.body.etapa_actual_codigo).toBe('RESOLUCION');

    const todas = await todasDeLaOficina();
    const enCola = new Set([
      ...(
        await srv.db.selectFrom('workflow_instancias').select('id').where('pendiente_validacion', '=', 1).execute()
      ).map((x) => x.id),
    ]);
    const esperadas = todas
      .filter((x) => (x.tipo === 'PPSH' && x.estado === 'EN_APROBACION') || enCola.has(x.id))
      .sort((a, b) => cmp(a.fecha_estado, b.fecha_estado) || cmp(a.id, b.id))
      .map((x) => x.id);
    const cola = await supervisor.get(casos('/cola-aprobacion?page_size=100'));
    expect(cola.status).toBe(200);
    expect(cola.body.items.map((i: { id: string }) => i.id)).toEqual(esperadas);
    expect(esperadas.at(-1)).toBe(id);
    expect((await analista.get(casos('/cola-aprobacion'))).status).toBe(403);
  });

  it('exporta la bandeja filtrada a CSV y XLSX con encabezados en español', async () => {
    const { total } = await todasLasPaginas('tipo=WORKFLOW');
    const csv = await recepcion.get(casos('/exportar?formato=csv&tipo=WORKFLOW'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lineas = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lineas[0]).toBe(
      'Número,Tipo,Trámite,Titular,Documento,Estado,Prioridad,Asignado a,Oficina,Fecha de apertura,Días abierto,Estado del plazo,Días hábiles del plazo,En el estado desde (hora de Panamá),Última actualización (hora de Panamá)',
    );
    expect(lineas).toHaveLength(total + 1);

    const r = await fetch(casos('/exportar?formato=xlsx&buscar=pa778899'), {
      headers: { authorization: `Bearer ${(await srv.login('recepcion')).access_token}` },
    });
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(await r.arrayBuffer());
    const hoja = libro.worksheets[0]!;
    expect(hoja.getRow(1).getCell(4).value).toBe('Titular');
    expect(hoja.getRow(2).getCell(4).value).toBe('José Ñúñez Pérez');
    expect(String(hoja.getRow(2).getCell(14).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(hoja.rowCount).toBe(2);
  });
});

/** Dashboard figures and their export, over HTTP on the seeded demo database, checked against the caseload itself. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let srv: ServidorDePrueba;
let supervisor: ReturnType<typeof cliente>;
const RANGO = 'desde=2000-01-01&hasta=2100-12-31';

beforeAll(async () => {
  srv = await iniciarServidor();
  supervisor = cliente((await srv.login('supervisor')).access_token);
  const recepcion = cliente((await srv.login('recepcion')).access_token);
  const analista = cliente((await srv.login('analista')).access_token);
  // One workflow case decided (approved) and one still open.
  const inicio = await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_codigo: 'RESIDENCIA_TEMPORAL' });
  const id = inicio.body.id;
  await recepcion.post(`${srv.api}/workflow/instancias/${id}/transicion`, {
    respuestas: { NOMBRE_COMPLETO: 'Irene Batista', NUMERO_PASAPORTE: 'DO1234567', MOTIVO: 'Familiar' },
  });
  await analista.post(`${srv.api}/workflow/instancias/${id}/transicion`, {
    respuestas: { ANTECEDENTES_LIMPIOS: 'SI' },
  });
  await supervisor.post(`${srv.api}/workflow/instancias/${id}/transicion`, {
    respuestas: { DECISION_FINAL: 'Aprobado' },
  });
  await recepcion.post(`${srv.api}/workflow/instancias`, { workflow_codigo: 'VISA_TURISTA_SIMPLE' });
});
afterAll(() => srv?.cerrar());

describe('reportes', () => {
  it('el resumen cuadra con la bandeja: totales, vencidos y estados por tipo', async () => {
    const r = await supervisor.get(`${srv.api}/reportes/resumen?${RANGO}`);
    expect(r.status).toBe(200);
    const bandeja = (q: string) =>
      supervisor.get(`${srv.api}/casos?page_size=1&${q}`).then((x) => x.body.total as number);
    expect(r.body.total).toBe(await bandeja(''));
    expect(r.body.vencidos).toBe(await bandeja('vencido=true'));
    // The demo's trámites plus the two started here, decided by the final stage they ended in.
    const wf = await srv.db
      .selectFrom('workflow_instancias')
      .select(['estado', 'etapa_actual_codigo'])
      .where('cod_agencia', '=', '02')
      .execute();
    const terminados = (prefijo: RegExp) =>
      wf.filter((i) => i.estado === 'COMPLETADO' && prefijo.test(i.etapa_actual_codigo ?? '')).length;
    expect(terminados(/^APROB/)).toBeGreaterThan(0);
    expect(r.body.por_tipo.find((t: { tipo: string }) => t.tipo === 'WORKFLOW')).toMatchObject({
      total: wf.length,
      aprobados: terminados(/^APROB/),
      rechazados: terminados(/^(RECHAZ|DENEG)/),
    });
    const enRevision = r.body.por_estado.find(
      (e: { tipo: string; codigo: string }) => e.tipo === 'PPSH' && e.codigo === 'EN_REVISION',
    );
    expect(enRevision?.total ?? 0).toBe(await bandeja('tipo=PPSH&estado=EN_REVISION'));
    expect(r.body.tendencia_mensual.reduce((a: number, m: { total: number }) => a + m.total, 0)).toBe(r.body.total);
    expect(r.body.agencia).toBe('02');
  });

  it('la tasa de aprobación cuenta aprobados sobre decididos', async () => {
    const r = (await supervisor.get(`${srv.api}/reportes/resumen?${RANGO}`)).body;
    const decididos = r.aprobados + r.rechazados;
    expect(r.tasa_aprobacion).toBe(decididos ? Math.round((1000 * r.aprobados) / decididos) / 10 : null);
  });

  it('el administrador ve todas las oficinas y puede elegir una', async () => {
    const admin = cliente((await srv.login('admin')).access_token);
    const todas = (await admin.get(`${srv.api}/reportes/resumen?${RANGO}`)).body;
    expect(todas.agencia).toBeNull();
    expect(todas.por_agencia.length).toBeGreaterThan(1);
    const darien = (await admin.get(`${srv.api}/reportes/resumen?${RANGO}&agencia=04`)).body;
    expect(darien.total).toBe(todas.por_agencia.find((a: { agencia: string }) => a.agencia === '04').total);
  });

  it('un rango invertido o una fecha inválida es un 422 en español', async () => {
    const r = await supervisor.get(`${srv.api}/reportes/resumen?desde=2026-05-01&hasta=2026-01-01`);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('desde debe ser anterior');
    expect((await supervisor.get(`${srv.api}/reportes/resumen?desde=ayer`)).status).toBe(422);
  });

  it('recepción no ve estadísticas', async () => {
    const recepcion = cliente((await srv.login('recepcion')).access_token);
    expect((await recepcion.get(`${srv.api}/reportes/resumen`)).status).toBe(403);
  });

  it('exporta el resumen en CSV y XLSX', async () => {
    const csv = await supervisor.get(`${srv.api}/reportes/resumen/exportar?formato=csv&${RANGO}`);
    expect(csv.status).toBe(200);
    expect((csv.body as string).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Sección,Indicador,Valor');
    expect(csv.body).toContain('Totales,Tasa de aprobación (%)');
    const r = await fetch(`${srv.api}/reportes/resumen/exportar?${RANGO}`, {
      headers: { authorization: `Bearer ${(await srv.login('supervisor')).access_token}` },
    });
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(await r.arrayBuffer());
    expect(libro.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Sección', 'Indicador', 'Valor']);
  });
});

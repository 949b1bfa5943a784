/**
 * The office dashboard from the desk's mirror, checked against the caseload it summarises and against the server:
 * overdue count equal to the caseload rows flagged `vencido` and to the server's overdue filter, the last 30 days,
 * the server's /reportes figures when online and null offline, pending commands counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpedienteResumen } from '#shared/bridge/tipos';
import { fechaPanama, sumarDias } from '#shared/calendario';
import type { Core } from '../../main/src/core/core.js';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, puesto, type Puesto } from '../sync/helpers/escenario.js';

let s: ServidorDePrueba;
let analista: Puesto;
beforeAll(async () => {
  s = await iniciarServidor();
  analista = await puesto(s, 'analista');
});
afterAll(async () => {
  await analista.cerrar();
  await s.cerrar();
});

/** The whole local caseload, page by page. */
async function todos(core: Core): Promise<ExpedienteResumen[]> {
  const filas: ExpedienteResumen[] = [];
  for (let desplazamiento = 0; ; desplazamiento += 500) {
    const p = await core.invocar('expedientes.consultar', { limite: 500, desplazamiento, contar_exacto: true });
    filas.push(...p.items);
    if (filas.length >= p.total) return filas;
  }
}

describe('tablero del escritorio', () => {
  it('resume el espejo local: estados, prioridades, vencidos y registros de los últimos 30 días', async () => {
    const c = await analista.core['tablero.cifras']({});
    const casos = await todos(analista.core);
    expect(casos.length).toBeGreaterThan(0);
    expect(c.total).toBe(casos.length);
    expect(c.por_estado.reduce((a, e) => a + e.total, 0)).toBe(c.total);
    for (const e of c.por_estado) {
      expect(e.color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(e.total).toBe(casos.filter((x) => x.tipo === e.tipo && x.estado.codigo === e.codigo).length);
    }
    const abiertos = casos.filter((x) => !x.estado.es_final);
    expect(c.abiertos).toBe(abiertos.length);
    expect(c.por_prioridad.reduce((a, p) => a + p.total, 0)).toBe(abiertos.length);

    // The SQL count and the per-row flag (calcularSla) agree, and both agree with the server's overdue filter.
    const vencidos = casos.filter((x) => x.vencido);
    expect(vencidos.length).toBeGreaterThan(0);
    expect(c.vencidos).toBe(vencidos.length);
    const api = cliente((await s.login('analista')).access_token);
    const r = await api.get(`${s.api}/casos?vencido=true&page_size=1`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(c.vencidos);

    const hoy = fechaPanama();
    expect(c.registrados_por_dia).toHaveLength(30);
    expect(c.registrados_por_dia.at(-1)!.fecha).toBe(hoy);
    expect(c.registrados_por_dia[0]!.fecha).toBe(sumarDias(hoy, -29));
    expect(c.registrados_por_dia.reduce((a, d) => a + d.total, 0)).toBe(
      casos.filter((x) => x.fecha_solicitud >= sumarDias(hoy, -29) && x.fecha_solicitud <= hoy).length,
    );
    expect(c.pendientes_sync).toBe(0);
    expect(Date.parse(c.actualizado)).not.toBeNaN();
  });

  it('en línea trae las cifras de /reportes del servidor; sin conexión, solo las locales y los pendientes', async () => {
    const enLinea = await analista.core['tablero.cifras']({});
    const api = cliente((await s.login('analista')).access_token);
    const r = await api.get(`${s.api}/reportes/resumen`);
    expect(enLinea.servidor).toEqual(r.body);

    analista.red.cortar();
    try {
      const id = await casoEn(analista.core, 'EN_REVISION');
      await analista.core['ppsh.comentar']({
        id,
        comentario: { comentario: 'Revisado sin conexión', es_interno: true },
      });
      const sinRed = await analista.core['tablero.cifras']({});
      expect(sinRed.servidor).toBeNull();
      expect(sinRed.pendientes_sync).toBe(1);
      const { servidor: _a, actualizado: _b, pendientes_sync: _c, ...locales } = enLinea;
      expect(sinRed).toMatchObject(locales);
    } finally {
      analista.red.restablecer();
    }
  });

  it('un rol sin estadísticas ve las cifras locales sin las del servidor', async () => {
    const recepcion = await puesto(s, 'recepcion');
    try {
      const c = await recepcion.core['tablero.cifras']({});
      expect(c.total).toBeGreaterThan(0);
      expect(c.servidor).toBeNull();
    } finally {
      await recepcion.cerrar();
    }
  });
});

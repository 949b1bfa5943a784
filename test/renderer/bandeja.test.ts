/**
 * The caseload store over a real core (its local store synced from a real API): fast typing asks one first page at a
 * time and ends on the latest filters, scrolling keeps only the pages near the screen, and a capped count grows as the
 * officer scrolls to the real end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/src/core/core';
import { crearStoreBandeja } from '../../renderer/src/bandeja/store';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor';
import { puesto, type Puesto } from '../sync/helpers/escenario';

let api: ServidorDePrueba;
let p: Puesto;

beforeAll(async () => {
  api = await iniciarServidor();
  p = await puesto(api, 'recepcion');
});
afterAll(async () => {
  await p?.cerrar();
  await api?.cerrar();
});

/** The core's caseload query, counting how many run at once. */
function contarConcurrencia(core: Core) {
  const m = { enCurso: 0, maximo: 0, llamadas: 0 };
  const puente = {
    async 'expedientes.consultar'(a: Parameters<Core['expedientes.consultar']>[0]) {
      m.llamadas++;
      m.enCurso++;
      m.maximo = Math.max(m.maximo, m.enCurso);
      try {
        // Yield first, as IPC and HTTP do: the renderer keeps running while the core works.
        await new Promise((r) => setTimeout(r, 5));
        return await core['expedientes.consultar'](a);
      } finally {
        m.enCurso--;
      }
    },
  };
  return { puente, m };
}

const esperar = (cond: () => boolean) => expect.poll(cond, { timeout: 10_000, interval: 10 }).toBe(true);

describe('store de la bandeja', () => {
  it('teclear rápido: una primera página a la vez y el resultado final es el de lo último tecleado', async () => {
    const { puente, m } = contarConcurrencia(p.core);
    const use = crearStoreBandeja(puente);
    use.getState().recargar();
    const texto = 'garcia';
    for (let i = 1; i <= texto.length; i++) use.getState().filtrar({ buscar: texto.slice(0, i) });
    await esperar(() => !use.getState().cargando);

    const esperado = await p.core['expedientes.consultar']({ buscar: texto, limite: 100 });
    expect(use.getState().filtros.buscar).toBe(texto);
    expect(
      use
        .getState()
        .paginas.get(0)
        ?.map((c) => c.id),
    ).toEqual(esperado.items.map((c) => c.id));
    expect(use.getState().total).toBe(esperado.total);
    expect(m.maximo).toBe(1);
    // Not one query per keystroke: the ones typed while a page was in flight were skipped.
    expect(m.llamadas).toBeLessThan(texto.length + 1);
  });

  it('al desplazarse pide páginas y guarda solo las cercanas; con conteo exacto, el total es el real', async () => {
    const total = (await p.core['expedientes.consultar']({ contar_exacto: true, limite: 1 })).total;
    expect(total).toBeGreaterThan(40);
    const use = crearStoreBandeja(p.core, { tamanoPagina: 10, paginasEnMemoria: 3 });
    use.getState().recargar();
    await esperar(() => !use.getState().cargando);
    for (let desde = 0; desde < total; desde += 10) {
      use.getState().asegurarFilas(desde, desde + 9);
      await esperar(() => use.getState().fila(desde) !== undefined);
      expect(use.getState().paginas.size).toBeLessThanOrEqual(3);
    }
    expect(use.getState().filas).toBe(total);
    const ultima = await p.core['expedientes.consultar']({ limite: 1, desplazamiento: total - 1 });
    expect(use.getState().fila(total - 1)?.id).toBe(ultima.items[0]!.id);
    expect(use.getState().fila(0)).toBeUndefined(); // dropped long ago
  });

  it('un filtro nuevo descarta respuestas viejas aunque lleguen después', async () => {
    let soltar: (() => void) | null = null;
    const lento = {
      async 'expedientes.consultar'(a: Parameters<Core['expedientes.consultar']>[0]) {
        // The first query (no filters) is held until the second one answered.
        if (!a.prioridad) await new Promise<void>((r) => (soltar = r));
        return p.core['expedientes.consultar'](a);
      },
    };
    const use = crearStoreBandeja(lento);
    use.getState().recargar();
    use.getState().filtrar({ prioridad: 'ALTA' });
    await esperar(() => soltar !== null);
    soltar!();
    await esperar(() => !use.getState().cargando);
    const filas = use.getState().paginas.get(0) ?? [];
    expect(filas.every((c) => c.prioridad === 'ALTA')).toBe(true);
    expect(use.getState().filtros.prioridad).toBe('ALTA');
  });
});

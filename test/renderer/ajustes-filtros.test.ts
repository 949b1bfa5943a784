/**
 * Settings store over a real core (the language reaches the UI, a refused value leaves everything as it was) and the
 * saved caseload filters (per user, replaced by name, a damaged entry never breaks the caseload).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crearStoreAjustes } from '../../renderer/src/ajustes/store';
import { borrarFiltro, guardarFiltro, leerFiltrosGuardados } from '../../renderer/src/bandeja/filtrosGuardados';
import { abrirEscritorio, type Escritorio } from '../core/helpers/escritorio';

/** The Web Storage interface over a Map (Node has no localStorage). */
class Almacen implements Storage {
  private readonly m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

let e: Escritorio;
beforeAll(() => {
  e = abrirEscritorio('http://127.0.0.1:9/api/v1');
});
afterAll(async () => {
  await e?.cerrar();
});

describe('store de ajustes', () => {
  it('al iniciar y al guardar aplica el idioma; un valor rechazado no cambia nada', async () => {
    const idiomas: string[] = [];
    const use = crearStoreAjustes(e.core, async (i) => void idiomas.push(i));
    await use.getState().iniciar();
    expect(idiomas).toEqual(['es']);
    const antes = use.getState().ajustes!;

    await use.getState().guardar({ idioma: 'en' });
    expect(idiomas).toEqual(['es', 'en']);
    expect((await e.core['ajustes.leer']({})).idioma).toBe('en');

    await expect(use.getState().guardar({ cache_documentos_mb: 5 })).rejects.toMatchObject({
      code: 'VALIDACION',
      message: expect.stringMatching(/al menos 50 MB/),
    });
    expect(use.getState().ajustes!.cache_documentos_mb).toBe(antes.cache_documentos_mb);
    expect(idiomas).toEqual(['es', 'en']);
  });
});

describe('filtros guardados', () => {
  it('por usuario, reemplazados por nombre, borrables; una entrada dañada no rompe la bandeja', () => {
    const a = new Almacen();
    guardarFiltro(a, 'u1', { nombre: 'Altas', filtros: { prioridad: 'ALTA' } });
    guardarFiltro(a, 'u1', { nombre: 'Mías', filtros: { asignado_a: 'u1' } });
    guardarFiltro(a, 'u1', { nombre: 'Altas', filtros: { prioridad: 'ALTA', solo_pendientes: true } });
    expect(leerFiltrosGuardados(a, 'u1')).toEqual([
      { nombre: 'Mías', filtros: { asignado_a: 'u1' } },
      { nombre: 'Altas', filtros: { prioridad: 'ALTA', solo_pendientes: true } },
    ]);
    expect(leerFiltrosGuardados(a, 'u2')).toEqual([]);
    expect(borrarFiltro(a, 'u1', 'Mías').map((f) => f.nombre)).toEqual(['Altas']);

    a.setItem('tramites.filtros.u3', '{no es json');
    expect(leerFiltrosGuardados(a, 'u3')).toEqual([]);
    a.setItem('tramites.filtros.u3', JSON.stringify([{ nombre: 1 }, null, { nombre: 'ok', filtros: {} }]));
    expect(leerFiltrosGuardados(a, 'u3')).toEqual([{ nombre: 'ok', filtros: {} }]);
  });
});

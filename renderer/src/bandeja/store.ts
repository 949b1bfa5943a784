/**
 * The caseload as the list needs it: the current filters, the count (honest "1000+"), and only the pages of rows near
 * what is on screen. 100,000 local cases never sit in memory: pages are asked as the officer scrolls and the far ones
 * are dropped.
 *
 * Races: every filter change starts a new generation; answers of an older one are dropped. While a first page is in
 * flight, keystrokes only change the filters; when it returns, the latest filters are asked (one first page at a time),
 * so fast typing never queues work in the core.
 */
import { create } from 'zustand';
import type { ConsultaExpedientes, PuenteRenderer } from '#shared/bridge/contrato';
import type { ExpedienteResumen } from '#shared/bridge/tipos';
import type { z } from 'zod';
import { mensajeDeError } from '../puente/error-puente';

export type Consulta = z.input<typeof ConsultaExpedientes>;
export type Filtros = Omit<Consulta, 'limite' | 'desplazamiento' | 'contar_exacto'>;
export type Orden = NonNullable<Filtros['orden']>;

export const FILTROS_INICIALES: Filtros = { orden: '-fecha_solicitud' };
/** Rows per request: a screenful and a half on a tall monitor. */
export const TAMANO_PAGINA = 100;
/** Pages kept around the visible one (≈ 1,000 rows): scrolling back is instant, memory stays flat. */
export const PAGINAS_EN_MEMORIA = 10;

export interface StoreBandeja {
  filtros: Filtros;
  generacion: number;
  /** Counts new searches (filters changed), not refreshes: the list goes back to the top on a new one. */
  consulta: number;
  /** Rows known to exist: the count, or how far the officer scrolled when the count stopped at its limit. */
  filas: number;
  /** The count stopped at its limit: more cases match than `total`. */
  totalEsMinimo: boolean;
  total: number;
  paginas: Map<number, ExpedienteResumen[]>;
  /** The first page of the current filters has not arrived yet. */
  cargando: boolean;
  error: string | null;
  filtrar(cambios: Partial<Filtros>): void;
  reemplazarFiltros(filtros: Filtros): void;
  /** Makes sure the rows from..to (inclusive) are loaded or on their way. */
  asegurarFilas(desde: number, hasta: number): void;
  recargar(): void;
  refrescar(): void;
  fila(indice: number): ExpedienteResumen | undefined;
}

type Puente = Pick<PuenteRenderer, 'expedientes.consultar'>;

/** Empty strings and false flags mean "no filter": they are not sent. */
function limpiar(f: Filtros): Filtros {
  const limpio: Filtros = { orden: f.orden ?? FILTROS_INICIALES.orden };
  if (f.buscar?.trim()) limpio.buscar = f.buscar.trim();
  if (f.tipo) limpio.tipo = f.tipo;
  if (f.estado?.length) limpio.estado = f.estado;
  if (f.prioridad) limpio.prioridad = f.prioridad;
  if (f.asignado_a) limpio.asignado_a = f.asignado_a;
  if (f.solo_pendientes) limpio.solo_pendientes = true;
  return limpio;
}

export function crearStoreBandeja(
  puente: Puente,
  { tamanoPagina = TAMANO_PAGINA, paginasEnMemoria = PAGINAS_EN_MEMORIA } = {},
) {
  return create<StoreBandeja>((set, get) => {
    const enVuelo = new Set<number>();

    function recortar(paginas: Map<number, ExpedienteResumen[]>, cerca: number) {
      if (paginas.size <= paginasEnMemoria) return paginas;
      const lejanas = [...paginas.keys()].sort((a, b) => Math.abs(b - cerca) - Math.abs(a - cerca));
      const nuevas = new Map(paginas);
      for (const p of lejanas.slice(0, paginas.size - paginasEnMemoria)) nuevas.delete(p);
      return nuevas;
    }

    /** `nueva`: the first page of new filters, which replaces every row kept (shown until it arrives). */
    async function pedirPagina(n: number, generacion: number, filtros: Filtros, nueva = false) {
      enVuelo.add(n);
      try {
        const r = await puente['expedientes.consultar']({
          ...filtros,
          limite: tamanoPagina,
          desplazamiento: n * tamanoPagina,
        });
        if (get().generacion !== generacion) return;
        const s = get();
        const inicio = n * tamanoPagina;
        // A short page is the end of the list, whatever the capped count said.
        const conocidas = nueva ? 0 : s.filas;
        const filas =
          r.items.length < tamanoPagina
            ? inicio + r.items.length
            : r.total_es_minimo
              ? Math.max(conocidas, inicio + r.items.length + tamanoPagina)
              : r.total;
        set({
          paginas: nueva ? new Map([[0, r.items]]) : recortar(new Map(s.paginas).set(n, r.items), n),
          filas,
          total: n === 0 ? r.total : s.total,
          totalEsMinimo: n === 0 ? r.total_es_minimo : s.totalEsMinimo,
          cargando: n === 0 ? false : s.cargando,
          error: null,
        });
      } catch (e) {
        if (get().generacion === generacion) set({ error: mensajeDeError(e), cargando: false });
      } finally {
        if (get().generacion === generacion) enVuelo.delete(n);
      }
    }

    /** The first page of the current filters; when the filters changed while it was in flight, the latest are asked. */
    let primera: Promise<void> | null = null;
    function pedirPrimera() {
      const { generacion, filtros } = get();
      primera = pedirPagina(0, generacion, limpiar(filtros), true).finally(() => {
        primera = null;
        if (get().generacion !== generacion) pedirPrimera();
      });
    }

    /** Starts over with `filtros`: a new generation, and the first page asked (or after the one in flight). */
    function consultar(filtros: Filtros) {
      enVuelo.clear();
      // The rows on screen stay until the new first page replaces them: typing never flashes an empty list.
      set((s) => ({ filtros, generacion: s.generacion + 1, consulta: s.consulta + 1, cargando: true, error: null }));
      if (!primera) pedirPrimera();
    }

    return {
      filtros: FILTROS_INICIALES,
      generacion: 0,
      consulta: 0,
      filas: 0,
      totalEsMinimo: false,
      total: 0,
      paginas: new Map(),
      cargando: true,
      error: null,
      filtrar: (cambios) => consultar({ ...get().filtros, ...cambios }),
      reemplazarFiltros: (filtros) => consultar({ ...FILTROS_INICIALES, ...filtros }),
      recargar: () => consultar(get().filtros),
      refrescar() {
        // New data arrived (sync, a local command): the same rows asked again in place, the scroll position kept.
        const s = get();
        if (s.cargando) return;
        const generacion = s.generacion + 1;
        enVuelo.clear();
        set({ generacion });
        for (const n of s.paginas.keys()) void pedirPagina(n, generacion, limpiar(s.filtros));
      },
      asegurarFilas(desde, hasta) {
        const s = get();
        if (s.cargando) return;
        for (let n = Math.floor(desde / tamanoPagina); n <= Math.floor(hasta / tamanoPagina); n++) {
          if (!s.paginas.has(n) && !enVuelo.has(n) && n * tamanoPagina < s.filas) {
            void pedirPagina(n, s.generacion, limpiar(s.filtros));
          }
        }
      },
      fila(indice) {
        return get().paginas.get(Math.floor(indice / tamanoPagina))?.[indice % tamanoPagina];
      },
    };
  });
}

/**
 * The caseload list: one row per case (PPSH and workflow together), virtualized with @tanstack/react-virtual so only
 * the rows on screen exist in the DOM, whatever the count. Keyboard: ↑ ↓ PgUp PgDn Home End move, Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpedienteResumen } from '#shared/bridge/tipos';
import { Insignia, formatearFecha } from '../ui';
import { useBandeja } from './useBandeja';

export const ID_LISTA = 'lista-expedientes';
const ALTO_FILA = 60;
const TONO_PRIORIDAD = { URGENTE: 'peligro', ALTA: 'aviso', NORMAL: 'neutra', BAJA: 'neutra' } as const;

/** Memoized: scrolling re-renders only the rows that enter the screen, not the ones already there. */
const Fila = memo(function Fila({ caso }: { caso: ExpedienteResumen }) {
  const { t, i18n } = useTranslation('bandeja');
  const tono = TONO_PRIORIDAD[caso.prioridad as keyof typeof TONO_PRIORIDAD] ?? 'neutra';
  return (
    <>
      <span className="fila__numero">
        <span className="fila__numero-texto">{caso.numero}</span>
        {caso.pendiente_sync && <Insignia tono="info">{t('pendiente')}</Insignia>}
      </span>
      <span className="fila__titular">
        <span className="fila__nombre">{caso.nombre_titular}</span>
        <span className="fila__secundario">
          {caso.documento_titular} · {t('personas', { count: caso.total_personas })}
        </span>
      </span>
      <span className="fila__tramite">
        <span className="fila__principal" title={caso.workflow_codigo ?? undefined}>
          {caso.tipo === 'PPSH' ? t('ppsh') : (caso.workflow_codigo ?? t('tipos.WORKFLOW'))}
        </span>
        {caso.etapa && (
          <span className="fila__secundario" title={caso.etapa}>
            {caso.etapa}
          </span>
        )}
      </span>
      <span>
        <Insignia color={caso.estado.color}>{caso.estado.nombre}</Insignia>
      </span>
      <span>
        <Insignia tono={tono}>{t(`prioridades.${caso.prioridad}`, { defaultValue: caso.prioridad })}</Insignia>
      </span>
      <span className="fila__fecha">{formatearFecha(caso.fecha_solicitud, i18n.language)}</span>
      <span className="fila__dias">
        {caso.vencido ? (
          <Insignia tono="peligro" titulo={t('dias', { count: caso.dias_abierto })}>
            {t('vencido')}
          </Insignia>
        ) : (
          t('dias', { count: caso.dias_abierto })
        )}
      </span>
    </>
  );
});

/** Memoized: typing in the search box re-renders the list only when its rows change. */
export const ListaExpedientes = memo(function ListaExpedientes(props: { onAbrir(caso: ExpedienteResumen): void }) {
  const { t } = useTranslation('bandeja');
  const filas = useBandeja((s) => s.filas);
  const paginas = useBandeja((s) => s.paginas);
  const generacion = useBandeja((s) => s.generacion);
  const consulta = useBandeja((s) => s.consulta);
  const cargando = useBandeja((s) => s.cargando);
  const { asegurarFilas, fila } = useBandeja.getState();
  const contenedor = useRef<HTMLDivElement>(null);
  const [activa, setActiva] = useState(0);

  const virtual = useVirtualizer({
    count: filas,
    getScrollElement: () => contenedor.current,
    estimateSize: () => ALTO_FILA,
    overscan: 10,
  });
  const items = virtual.getVirtualItems();
  const primera = items[0]?.index ?? 0;
  const ultima = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (filas > 0) asegurarFilas(primera, ultima);
  }, [primera, ultima, filas, generacion, asegurarFilas]);

  // New filters: back to the top.
  useEffect(() => {
    setActiva(0);
    contenedor.current?.scrollTo({ top: 0 });
  }, [consulta]);

  const mover = (indice: number) => {
    const i = Math.max(0, Math.min(filas - 1, indice));
    setActiva(i);
    virtual.scrollToIndex(i, { align: 'auto' });
  };
  const porPantalla = Math.max(1, Math.floor((contenedor.current?.clientHeight ?? 600) / ALTO_FILA) - 1);
  const alTeclear = (e: KeyboardEvent) => {
    const destino: Record<string, number> = {
      ArrowDown: activa + 1,
      ArrowUp: activa - 1,
      PageDown: activa + porPantalla,
      PageUp: activa - porPantalla,
      Home: 0,
      End: filas - 1,
    };
    if (e.key in destino) {
      e.preventDefault();
      mover(destino[e.key]!);
    } else if (e.key === 'Enter') {
      const caso = fila(activa);
      if (caso) {
        e.preventDefault();
        props.onAbrir(caso);
      }
    }
  };

  return (
    <div className="lista">
      <div className="lista__cabecera fila-rejilla" aria-hidden="true">
        <span>{t('col.numero')}</span>
        <span>{t('col.titular')}</span>
        <span>{t('col.tramite')}</span>
        <span>{t('col.estado')}</span>
        <span>{t('col.prioridad')}</span>
        <span>{t('col.fecha')}</span>
        <span>{t('col.dias')}</span>
      </div>
      <div
        id={ID_LISTA}
        ref={contenedor}
        className="lista__cuerpo"
        role="listbox"
        tabIndex={0}
        aria-label={t('lista')}
        aria-activedescendant={filas > 0 ? `caso-${activa}` : undefined}
        onKeyDown={alTeclear}
        aria-busy={cargando}
        // Which search the rows answer (tests and bench:ui wait on it); pages kept in memory.
        data-consulta={consulta}
        data-paginas={paginas.size}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const caso = fila(v.index);
            return (
              <div
                key={v.key}
                id={`caso-${v.index}`}
                role="option"
                aria-selected={v.index === activa}
                aria-posinset={v.index + 1}
                aria-setsize={filas}
                className={`fila fila-rejilla ${v.index === activa ? 'fila--activa' : ''} ${caso?.vencido ? 'fila--vencida' : ''}`}
                style={{ height: ALTO_FILA, transform: `translateY(${v.start}px)` }}
                data-numero={caso?.numero}
                onClick={() => {
                  setActiva(v.index);
                  if (caso) props.onAbrir(caso);
                }}
              >
                {caso ? <Fila caso={caso} /> : <span className="fila__esqueleto">{t('cargandoFila')}</span>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});

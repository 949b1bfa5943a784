import { useCallback, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { LIMITE_CONTEO } from '#shared/bridge/contrato';
import type { ExpedienteResumen } from '#shared/bridge/tipos';
import { destinoDeCaso } from '../app/abrirCaso';
import { ID_BUSCADOR } from '../app/atajos';
import { useNavegacion } from '../app/navegacion';
import { useSesion } from '../sesion/useSesion';
import { useSync } from '../sync/useSync';
import { Aviso, Boton, Cargando, EstadoVacio, MensajeError, formatearNumero } from '../ui';
import './bandeja.css';
import { BarraFiltros } from './BarraFiltros';
import { ID_LISTA, ListaExpedientes } from './ListaExpedientes';
import './textos';
import { useBandeja } from './useBandeja';

export function PantallaBandeja() {
  const { t, i18n } = useTranslation('bandeja');
  const usuario = useSesion((s) => s.estado?.usuario);
  const ir = useNavegacion((s) => s.ir);
  // Narrow subscriptions: a keystroke or a page arriving re-renders only what shows it.
  const { filtros, filas, total, totalEsMinimo, cargando, error } = useBandeja(
    useShallow((s) => ({
      filtros: s.filtros,
      filas: s.filas,
      total: s.total,
      totalEsMinimo: s.totalEsMinimo,
      cargando: s.cargando,
      error: s.error,
    })),
  );
  const { filtrar, recargar, refrescar, reemplazarFiltros, fila } = useBandeja.getState();
  const conectado = useSync((s) => s.estado?.conectado ?? true);
  const ultimaSync = useSync((s) => s.estado?.ultima_sincronizacion);
  const pendientes = useSync((s) => s.estado?.pendientes);

  // First visit loads; coming back shows the rows kept and asks them again (local changes, a sync meanwhile).
  const montado = useRef(false);
  useEffect(() => {
    if (useBandeja.getState().generacion === 0) recargar();
    else refrescar();
  }, [recargar, refrescar]);
  // A sync or a local command changed the mirror: the rows on screen are asked again in place.
  useEffect(() => {
    if (montado.current) refrescar();
    montado.current = true;
  }, [ultimaSync, pendientes, refrescar]);

  const abrir = useCallback((caso: ExpedienteResumen) => ir(destinoDeCaso(caso)), [ir]);
  const hayFiltros = Boolean(
    filtros.buscar ||
    filtros.tipo ||
    filtros.estado?.length ||
    filtros.prioridad ||
    filtros.asignado_a ||
    filtros.solo_pendientes,
  );

  return (
    <section className="bandeja" aria-labelledby="titulo-bandeja">
      <div className="cabecera-pantalla">
        <h1 id="titulo-bandeja">{t('titulo')}</h1>
        <span className="bandeja__total" role="status" aria-live="polite">
          {cargando
            ? ''
            : totalEsMinimo
              ? t('totalMas', { cifra: formatearNumero(LIMITE_CONTEO, i18n.language) })
              : t('total', { count: total })}
        </span>
      </div>
      <div className="bandeja__busqueda">
        <label htmlFor={ID_BUSCADOR} className="sr-only">
          {t('buscar')}
        </label>
        <span className="bandeja__lupa" aria-hidden="true">
          ⌕
        </span>
        <input
          id={ID_BUSCADOR}
          className="control bandeja__buscar"
          type="search"
          placeholder={t('buscarAyuda')}
          autoComplete="off"
          spellCheck={false}
          value={filtros.buscar ?? ''}
          onChange={(e) => filtrar({ buscar: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.getElementById(ID_LISTA)?.focus();
            } else if (e.key === 'Enter') {
              // One match: open it; several: go to the list.
              const unico = filas === 1 ? fila(0) : undefined;
              if (unico) abrir(unico);
              else document.getElementById(ID_LISTA)?.focus();
            }
          }}
        />
      </div>
      {usuario && <BarraFiltros usuarioId={usuario.id} />}
      {!conectado && <Aviso>{t('sinConexion')}</Aviso>}
      {error ? (
        <MensajeError
          error={error}
          accion={
            <Boton pequeno onClick={recargar}>
              {t('reintentar', { ns: 'ui' })}
            </Boton>
          }
        />
      ) : cargando && filas === 0 ? (
        <Cargando />
      ) : !cargando && filas === 0 ? (
        hayFiltros ? (
          <EstadoVacio icono="🔍" titulo={t('sinCoincidencias')}>
            <Boton onClick={() => reemplazarFiltros({})}>{t('limpiar')}</Boton>
          </EstadoVacio>
        ) : (
          <EstadoVacio icono="📂" titulo={t('vacioTitulo')}>
            <p className="texto-suave">{t('vacioTexto')}</p>
          </EstadoVacio>
        )
      ) : (
        <ListaExpedientes onAbrir={abrir} />
      )}
    </section>
  );
}

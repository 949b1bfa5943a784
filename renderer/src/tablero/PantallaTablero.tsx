import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CifrasTablero } from '#shared/bridge/tipos';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import { Aviso, Boton, Cargando, MensajeError, Tarjeta, formatearFechaHora, formatearNumero } from '../ui';
import './tablero.css';
import './textos';

// recharts is a large library: it loads with the charts, not with the app.
const GraficosTablero = lazy(() => import('./Graficos').then((m) => ({ default: m.GraficosTablero })));

/** The office at a glance, from the local mirror (offline too), with the server's report figures when online. */
export function PantallaTablero() {
  const { t } = useTranslation('tablero');
  const idioma = idiomaActual();
  const [cifras, setCifras] = useState<CifrasTablero | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cargar = useCallback(async () => {
    try {
      setCifras(await puente['tablero.cifras']({}));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void cargar();
  }, [cargar]);

  if (!cifras) return error !== null ? <MensajeError error={error} /> : <Cargando />;
  const numero = (n: number) => formatearNumero(n, idioma);

  return (
    <section className="pantalla tablero" aria-labelledby="tablero-titulo">
      <header className="pantalla__cabecera">
        <div>
          <h1 id="tablero-titulo">{t('titulo')}</h1>
          <p className="texto-suave">{t('actualizado', { fecha: formatearFechaHora(cifras.actualizado, idioma) })}</p>
        </div>
        <Boton onClick={() => void cargar()}>↻ {t('actualizar')}</Boton>
      </header>
      {error !== null && <MensajeError error={error} />}
      {!cifras.servidor && <Aviso tono="info">{t('sinConexion')}</Aviso>}

      <div className="tablero__cifras">
        <Cifra etiqueta={t('total')} valor={numero(cifras.total)} />
        <Cifra etiqueta={t('abiertos')} valor={numero(cifras.abiertos)} />
        <Cifra
          etiqueta={t('vencidos')}
          valor={numero(cifras.vencidos)}
          tono={cifras.vencidos > 0 ? 'peligro' : undefined}
        />
        <Cifra
          etiqueta={t('pendientes')}
          valor={numero(cifras.pendientes_sync)}
          tono={cifras.pendientes_sync > 0 ? 'aviso' : undefined}
        />
      </div>

      <div className="tablero__graficos">
        <Suspense fallback={<Cargando />}>
          <GraficosTablero cifras={cifras} />
        </Suspense>
        {cifras.servidor && (
          <Tarjeta titulo={t('servidor')}>
            <dl className="datos">
              <dt>{t('total')}</dt>
              <dd>{numero(cifras.servidor.total)}</dd>
              <dt>{t('vencidos')}</dt>
              <dd>{numero(cifras.servidor.vencidos)}</dd>
              <dt>{t('aprobados')}</dt>
              <dd>{numero(cifras.servidor.aprobados)}</dd>
              <dt>{t('rechazados')}</dt>
              <dd>{numero(cifras.servidor.rechazados)}</dd>
              <dt>{t('tasa')}</dt>
              <dd>
                {cifras.servidor.tasa_aprobacion === null
                  ? '—'
                  : `${formatearNumero(cifras.servidor.tasa_aprobacion, idioma)} %`}
              </dd>
              <dt>{t('promedio')}</dt>
              <dd>{cifras.servidor.promedio_dias_procesamiento ?? '—'}</dd>
            </dl>
          </Tarjeta>
        )}
      </div>
    </section>
  );
}

function Cifra(props: { etiqueta: string; valor: string; tono?: 'peligro' | 'aviso' }) {
  return (
    <div className="cifra tarjeta" data-tono={props.tono}>
      <span className="cifra__valor">{props.valor}</span>
      <span className="cifra__etiqueta">{props.etiqueta}</span>
    </div>
  );
}

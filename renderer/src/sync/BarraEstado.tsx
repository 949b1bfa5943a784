import { useTranslation } from 'react-i18next';
import { AvisoActualizacion } from '../actualizaciones/AvisoActualizacion';
import { useNavegacion } from '../app/navegacion';
import { BarraProgreso, formatearFechaHora, formatearNumero } from '../ui';
import { EnlaceRecuperacion } from './AvisoRecuperacion';
import { mostrarError, textoPendientes } from './resumen';
import './textos';
import { useSync } from './useSync';

/** Always visible at the bottom: connection, what waits to be sent, last sync, first-sync progress, conflicts. */
export function BarraEstado() {
  const { t, i18n } = useTranslation('sync');
  const { estado, sincronizarAhora } = useSync();
  const ir = useNavegacion((s) => s.ir);
  if (!estado) return <footer className="barra-estado" aria-label={t('barra')} />;
  const primera = estado.primera_sync;
  return (
    <footer className="barra-estado" aria-label={t('barra')} data-conectado={estado.conectado}>
      <span className={`barra-estado__conexion ${estado.conectado ? 'en-linea' : 'sin-conexion'}`} role="status">
        <span className="barra-estado__punto" aria-hidden="true" />
        {estado.sincronizando ? t('sincronizando') : estado.conectado ? t('enLinea') : t('sinConexion')}
      </span>
      <span className="barra-estado__pendientes" data-pendientes={estado.pendientes}>
        {textoPendientes(estado, t)}
      </span>
      {estado.fallidos > 0 && (
        <button type="button" className="barra-estado__fallidos" onClick={() => ir({ pantalla: 'conflictos' })}>
          {t('fallidos', { count: estado.fallidos })}
        </button>
      )}
      <EnlaceRecuperacion />
      {primera ? (
        <span className="barra-estado__primera">
          <span>
            {primera.total_estimado
              ? t('primeraDe', {
                  filas: formatearNumero(primera.filas, i18n.language),
                  total: formatearNumero(primera.total_estimado, i18n.language),
                })
              : t('primera', { filas: formatearNumero(primera.filas, i18n.language) })}
          </span>
          <BarraProgreso
            etiqueta={t('barra')}
            valor={primera.total_estimado ? primera.filas / primera.total_estimado : null}
          />
        </span>
      ) : (
        <span className="barra-estado__ultima">
          {estado.ultima_sincronizacion
            ? t('ultima', { fecha: formatearFechaHora(estado.ultima_sincronizacion, i18n.language) })
            : t('nunca')}
        </span>
      )}
      {estado.ultimo_error && mostrarError(estado) && (
        <span className="barra-estado__error" title={estado.ultimo_error.message}>
          {t('error', { mensaje: estado.ultimo_error.message })}
        </span>
      )}
      <AvisoActualizacion />
      <button
        type="button"
        className="boton boton--fantasma boton--pequeno barra-estado__ahora"
        onClick={() => void sincronizarAhora()}
        disabled={estado.sincronizando}
      >
        {t('ahora')}
      </button>
    </footer>
  );
}

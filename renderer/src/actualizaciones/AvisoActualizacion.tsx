import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BarraProgreso } from '../ui';
import './actualizaciones.css';
import './textos';
import { useActualizaciones } from './useActualizaciones';

/**
 * The updater in the status bar, quietly: nothing while the desk is up to date (or updates are off), the download's
 * progress, then "restart to update" only when no form has unsaved input; otherwise it installs at the next close.
 */
export function AvisoActualizacion() {
  const { t } = useTranslation('actualizaciones');
  const { estado, error, iniciar, reiniciar } = useActualizaciones();
  useEffect(() => void iniciar(), [iniciar]);
  if (!estado) return null;
  const version = estado.version_nueva ?? '';
  if (estado.fase === 'descargando')
    return (
      <span className="barra-estado__actualizacion" role="status">
        <span>{t('descargando', { version })}</span>
        <BarraProgreso etiqueta={t('progreso')} valor={(estado.progreso ?? 0) / 100} />
      </span>
    );
  if (estado.fase === 'lista')
    return estado.puede_reiniciar ? (
      <span className="barra-estado__actualizacion" role="status">
        <span>{t('lista', { version })}</span>
        <button type="button" className="boton boton--primario boton--pequeno" onClick={() => void reiniciar()}>
          {t('reiniciar')}
        </button>
        {error && <span className="barra-estado__error">{error}</span>}
      </span>
    ) : (
      <span className="barra-estado__actualizacion" role="status">
        {t('alCerrar', { version })}
      </span>
    );
  if (estado.fase === 'error' && estado.mensaje)
    return (
      <span className="barra-estado__actualizacion barra-estado__error" title={estado.mensaje}>
        {t('error', { mensaje: estado.mensaje })}
      </span>
    );
  return null;
}

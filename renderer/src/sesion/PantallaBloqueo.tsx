import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstadoSesion } from '#shared/bridge/tipos';
import { Aviso, Boton, Campo, MensajeError, formatearFechaHora } from '../ui';
import { Portada } from './Portada';
import { useSesion } from './useSesion';

/** The manual or idle lock: the same user types the password again (offline too, within the window). */
export function PantallaBloqueo(props: { sesion: EstadoSesion }) {
  const { t, i18n } = useTranslation('sesion');
  const { desbloquear, logout, error, ocupado } = useSesion();
  const [contrasena, setContrasena] = useState('');
  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await desbloquear(contrasena))) setContrasena('');
  };
  const hasta = props.sesion.desbloqueo_offline_hasta;
  return (
    <Portada titulo={t('bloqueada')}>
      <form className="formulario" onSubmit={enviar}>
        <p>{t('bloqueadaAyuda', { nombre: props.sesion.usuario?.nombre ?? '' })}</p>
        {error && <MensajeError error={error} />}
        <Campo etiqueta={t('contrasena')}>
          {(p) => (
            <input
              {...p}
              className="control"
              name="password"
              type="password"
              autoComplete="current-password"
              autoFocus
              required
              value={contrasena}
              onChange={(e) => setContrasena(e.target.value)}
            />
          )}
        </Campo>
        <Aviso tono="info">
          {hasta ? t('offlineHasta', { fecha: formatearFechaHora(hasta, i18n.language) }) : t('offlineVencido')}
        </Aviso>
        <div className="fila-botones">
          <Boton variante="primario" type="submit" disabled={ocupado}>
            {t('desbloquear')}
          </Boton>
          <Boton variante="fantasma" onClick={() => void logout()}>
            {t('otraCuenta')}
          </Boton>
        </div>
      </form>
    </Portada>
  );
}

/** Locked by the server (account disabled, session revoked): the reason, and the only way out is another sign-in. */
export function PantallaCuentaBloqueada(props: { motivo: NonNullable<EstadoSesion['motivo']> }) {
  const { t } = useTranslation('sesion');
  const { logout } = useSesion();
  return (
    <Portada titulo={t('cuentaBloqueada')}>
      <div className="formulario">
        <MensajeError error={props.motivo.message} />
        <p className="texto-suave">{t('cuentaBloqueadaAyuda')}</p>
        <Boton variante="primario" onClick={() => void logout()}>
          {t('otraCuenta')}
        </Boton>
      </div>
    </Portada>
  );
}

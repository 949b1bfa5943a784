import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesbloqueoOffline, EstadoSesion } from '#shared/bridge/tipos';
import { Aviso, Boton, MensajeError, formatearFechaHora } from '../ui';
import { CampoContrasena } from './CampoContrasena';
import { Portada } from './Portada';
import { useSesion } from './useSesion';

/** Offline unlocks a desk allows before it needs the server (the core's MAX_INTENTOS_OFFLINE). */
const MAX_INTENTOS_OFFLINE = 10;

/** Why the password cannot be checked offline, as the lock screen says it. */
const MOTIVO_SIN_OFFLINE: Record<DesbloqueoOffline, string> = {
  disponible: 'offlineVencido',
  vencido: 'offlineVencido',
  agotado: 'offlineAgotado',
  sin_verificador: 'offlineSinVerificador',
  reloj_atrasado: 'offlineRelojAtrasado',
  cerrada_por_servidor: 'offlineCerrada',
};

/**
 * The manual or idle lock: the same user types the password again. The server checks it when it answers; offline, the
 * desk does, within the window and a limited number of tries, which the screen counts down.
 */
export function PantallaBloqueo(props: { sesion: EstadoSesion }) {
  const { t, i18n } = useTranslation('sesion');
  const { desbloquear, logout, error, ocupado } = useSesion();
  const [contrasena, setContrasena] = useState('');
  const enviar = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await desbloquear(contrasena))) setContrasena('');
  };
  const { desbloqueo_offline_hasta: hasta, intentos_restantes: restantes } = props.sesion;
  return (
    <Portada titulo={t('bloqueada')}>
      <form className="formulario" onSubmit={enviar}>
        <p>{t('bloqueadaAyuda', { nombre: props.sesion.usuario?.nombre ?? '' })}</p>
        {props.sesion.motivo && <Aviso tono="aviso">{props.sesion.motivo.message}</Aviso>}
        {error && <MensajeError error={error} />}
        <CampoContrasena etiqueta={t('contrasena')} valor={contrasena} onCambio={setContrasena} autoFocus mostrable />
        {hasta ? (
          <Aviso tono="info">
            {t('offlineHasta', { fecha: formatearFechaHora(hasta, i18n.language) })}
            {restantes !== null && restantes < MAX_INTENTOS_OFFLINE && (
              <>
                <br />
                <strong data-testid="intentos-restantes">{t('intentosRestantes', { count: restantes })}</strong>
              </>
            )}
          </Aviso>
        ) : (
          <Aviso tono="aviso">{t(MOTIVO_SIN_OFFLINE[props.sesion.desbloqueo_offline])}</Aviso>
        )}
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

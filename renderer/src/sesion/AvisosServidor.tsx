import { useTranslation } from 'react-i18next';
import { Boton, Dialogo, formatearFechaHora } from '../ui';
import { useSesion } from './useSesion';

/**
 * The server's notices about the officer's account (a password reset, a lockout, a sign-in from another desk), shown
 * once after she signs in: she is the one who can tell whether they were her.
 */
export function AvisosServidor() {
  const { t, i18n } = useTranslation('sesion');
  const avisos = useSesion((s) => s.estado?.avisos ?? []);
  const leidos = useSesion((s) => s.avisosLeidos);
  const marcar = useSesion((s) => s.marcarAvisosLeidos);
  const nuevos = avisos.filter((a) => !leidos.includes(a.id));
  const cerrar = () => marcar(nuevos.map((a) => a.id));
  return (
    <Dialogo
      abierto={nuevos.length > 0}
      onCerrar={cerrar}
      titulo={t('avisosTitulo')}
      pie={
        <Boton variante="primario" onClick={cerrar}>
          {t('avisosEntendido')}
        </Boton>
      }
    >
      <p className="texto-suave">{t('avisosAyuda')}</p>
      <ul className="avisos-servidor">
        {nuevos.map((a) => (
          <li key={a.id}>
            <strong>{a.mensaje}</strong>
            <br />
            <span className="texto-suave">{formatearFechaHora(a.fecha, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </Dialogo>
  );
}

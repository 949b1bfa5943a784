import { useTranslation } from 'react-i18next';
import { Boton, formatearFechaHora } from '../ui';
import { useSesion } from './useSesion';
import './avisos-servidor.css';

/**
 * The server's notices about the officer's account (a password reset, a lockout, a sign-in from another address, a
 * password to change), above her work after she signs in: she is the one who can tell whether they were her. Not a
 * modal: a notice must never stand between her and the counter; "Entendido" marks them read on the server.
 */
export function AvisosServidor() {
  const { t, i18n } = useTranslation('sesion');
  const avisos = useSesion((s) => s.estado?.avisos ?? []);
  const leidos = useSesion((s) => s.avisosLeidos);
  const marcar = useSesion((s) => s.marcarAvisosLeidos);
  const nuevos = avisos.filter((a) => !leidos.includes(a.id));
  if (!nuevos.length) return null;
  return (
    <section className="mensaje mensaje--aviso avisos-servidor" aria-labelledby="avisos-servidor-titulo">
      <div className="avisos-servidor__texto">
        <h2 id="avisos-servidor-titulo" className="avisos-servidor__titulo">
          {t('avisosTitulo')}
        </h2>
        <ul>
          {nuevos.map((a) => (
            <li key={a.id}>
              {a.mensaje} <span className="texto-suave">· {formatearFechaHora(a.fecha, i18n.language)}</span>
            </li>
          ))}
        </ul>
        <p className="texto-suave">{t('avisosAyuda')}</p>
      </div>
      <Boton variante="secundario" pequeno onClick={() => marcar(nuevos.map((a) => a.id))}>
        {t('avisosEntendido')}
      </Boton>
    </section>
  );
}

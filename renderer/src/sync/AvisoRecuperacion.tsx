/**
 * The notice of a server restore (EstadoSync.recuperacion, docs/sync.md "Restore"): what this desk sent again, what the
 * server refused and which cases must have their receipt reprinted. Shown on the conflicts screen until the officer
 * dismisses it; the status bar links to it.
 */
import { useTranslation } from 'react-i18next';
import { useNavegacion } from '../app/navegacion';
import { Boton } from '../ui';
import './conflictos.css';
import './textos-recuperacion';
import './textos-conflictos';
import { useSync } from './useSync';

export function AvisoRecuperacion() {
  const { t } = useTranslation('recuperacion');
  const aviso = useSync((s) => s.estado?.recuperacion ?? null);
  const cerrar = useSync((s) => s.cerrarAviso);
  if (!aviso) return null;
  return (
    <section className="recuperacion" role="alert" aria-labelledby="titulo-recuperacion">
      <h2 id="titulo-recuperacion">{t('titulo')}</h2>
      <p className="recuperacion__mensaje">{aviso.mensaje}</p>
      <p>{aviso.reenviados ? t('reenviados', { count: aviso.reenviados }) : t('ninguno')}</p>
      {aviso.aceptados > 0 && <p>{t('aceptados', { count: aviso.aceptados })}</p>}
      {aviso.pendientes > 0 && <p>{t('pendientes', { count: aviso.pendientes })}</p>}
      {aviso.rechazados.length > 0 && (
        <>
          <p>{t('rechazados', { count: aviso.rechazados.length })}</p>
          <ul className="recuperacion__lista">
            {aviso.rechazados.map((r) => (
              <li key={r.mutationId}>
                {t(`comandos.${r.nombre}`, { ns: 'conflictos', defaultValue: r.nombre })}: {r.message}{' '}
                <code>{r.code}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {aviso.renumerados.length > 0 && (
        <>
          <p className="recuperacion__reimprimir">
            <strong>{t('renumerados')}</strong>
          </p>
          <ul className="recuperacion__lista">
            {aviso.renumerados.map((r) => (
              <li key={r.id} data-caso={r.id}>
                {t('numero', { referencia: r.referencia ?? r.id, anterior: r.anterior, nuevo: r.nuevo })}
              </li>
            ))}
          </ul>
        </>
      )}
      <Boton pequeno onClick={() => void cerrar()}>
        {t('cerrar')}
      </Boton>
    </section>
  );
}

/** The status bar's link to the notice, while there is one. */
export function EnlaceRecuperacion() {
  const { t } = useTranslation('recuperacion');
  const hay = useSync((s) => Boolean(s.estado?.recuperacion));
  const ir = useNavegacion((s) => s.ir);
  if (!hay) return null;
  return (
    <button type="button" className="barra-estado__recuperacion" onClick={() => ir({ pantalla: 'conflictos' })}>
      {t('barra')}
    </button>
  );
}

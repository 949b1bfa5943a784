import { useTranslation } from 'react-i18next';
import { idiomaActual } from '../i18n';
import { formatearFecha, MensajeError } from '../ui';
import { useBorrador, type PersonaBorrador } from './borrador';
import type { TipoDocumento } from './checklist';
import { FaltanObligatorios } from './PasoDocumentos';

/** The last step: everything at a glance, with a way back to each step and the errors still open. */
export function Revision(props: {
  tipos: TipoDocumento[];
  errores: Record<string, string>;
  causas: Record<string, unknown>[];
  onEditar: (paso: string) => void;
}) {
  const { t } = useTranslation('registro');
  const b = useBorrador();
  const idioma = idiomaActual();
  const nombre = (p: PersonaBorrador) =>
    [p.primer_nombre, p.segundo_nombre, p.primer_apellido, p.segundo_apellido].filter(Boolean).join(' ') || '—';
  const causa = props.causas.find((c) => String(c.cod_causa) === b.caso.cod_causa_humanitaria);
  const pendientes = Object.entries(props.errores);
  const bloque = (paso: string, titulo: string, contenido: React.ReactNode) => (
    <section className="resumen__bloque" aria-label={titulo}>
      <header>
        <h3>{titulo}</h3>
        <button type="button" className="boton boton--fantasma boton--pequeno" onClick={() => props.onEditar(paso)}>
          {t('editar')}
        </button>
      </header>
      {contenido}
    </section>
  );
  return (
    <div className="resumen">
      {pendientes.length > 0 && <MensajeError error={pendientes.map(([, m]) => m).join(' · ')} />}
      {bloque(
        'titular',
        t('resumen.titular'),
        <dl className="datos">
          <dt>{t('nombreCompleto')}</dt>
          <dd>{nombre(b.titular)}</dd>
          <dt>{t('campo.num_documento')}</dt>
          <dd>
            {t(`tipoDocumento.${b.titular.tipo_documento}`)} {b.titular.num_documento || '—'} (
            {b.titular.pais_emisor || '—'})
          </dd>
          <dt>{t('campo.fecha_nacimiento')}</dt>
          <dd>{formatearFecha(b.titular.fecha_nacimiento, idioma)}</dd>
          <dt>{t('campo.cod_nacionalidad')}</dt>
          <dd>{b.titular.cod_nacionalidad || '—'}</dd>
        </dl>,
      )}
      {bloque(
        'dependientes',
        t('resumen.dependientes'),
        b.dependientes.length ? (
          <ul className="lista-simple">
            {b.dependientes.map((d) => (
              <li key={d.clave}>
                {nombre(d)} — {d.parentesco_titular ? t(`parentesco.${d.parentesco_titular}`) : '—'} ·{' '}
                {formatearFecha(d.fecha_nacimiento, idioma)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="texto-suave">{t('ninguno')}</p>
        ),
      )}
      {bloque(
        'caso',
        t('resumen.caso'),
        <dl className="datos">
          <dt>{t('campo.cod_causa_humanitaria')}</dt>
          <dd>{causa ? String(causa.nombre_causa) : '—'}</dd>
          <dt>{t('campo.prioridad')}</dt>
          <dd>{t(`prioridadNombre.${b.caso.prioridad}`)}</dd>
          <dt>{t('campo.descripcion_caso')}</dt>
          <dd>{b.caso.descripcion_caso || '—'}</dd>
        </dl>,
      )}
      {bloque(
        'documentos',
        t('resumen.documentos'),
        <>
          {b.documentos.length ? (
            <ul className="lista-simple">
              {b.documentos.map((d) => (
                <li key={d.clave}>
                  {d.archivo.nombre} — {props.tipos.find((x) => x.cod === d.cod_tipo_documento)?.nombre}
                </li>
              ))}
            </ul>
          ) : (
            <p className="texto-suave">{t('ninguno')}</p>
          )}
          <FaltanObligatorios tipos={props.tipos} />
        </>,
      )}
    </div>
  );
}

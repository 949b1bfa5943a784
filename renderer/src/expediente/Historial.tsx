import { useTranslation } from 'react-i18next';
import type { Fila } from '#shared/bridge/tipos';
import { ESTADOS_PPSH } from '#shared/ppsh/estados';
import { idiomaActual } from '../i18n';
import { formatearFechaHora, Tarjeta } from '../ui';
import { nombreEstado } from './CambioEstado';

const colorDe = (cod: string) => ESTADOS_PPSH.find((e) => e.cod === cod)?.color ?? '#95a5a6';

/** The state history as a timeline, newest first: who moved it, when (Panama time), the dictamen and remarks. */
export function Historial({ filas, usuarios }: { filas: Fila[]; usuarios: Map<string, string> }) {
  const { t } = useTranslation('expediente');
  const idioma = idiomaActual();
  const orden = [...filas].sort((a, b) => String(b.fecha_cambio).localeCompare(String(a.fecha_cambio)));
  return (
    <Tarjeta titulo={t('historial')}>
      {orden.length === 0 ? (
        <p className="texto-suave">{t('sinHistorial')}</p>
      ) : (
        <ol className="linea-tiempo">
          {orden.map((h) => (
            <li key={h.id} style={{ '--color-estado': colorDe(String(h.estado_nuevo)) } as React.CSSProperties}>
              <span className="linea-tiempo__punto" aria-hidden="true" />
              <div className="linea-tiempo__contenido">
                <strong>{nombreEstado(String(h.estado_nuevo))}</strong>
                <span className="texto-suave">
                  <time dateTime={String(h.fecha_cambio)}>{formatearFechaHora(String(h.fecha_cambio), idioma)}</time>
                  {usuarios.has(String(h.user_id)) &&
                    ` · ${t('porUsuario', { nombre: usuarios.get(String(h.user_id)) })}`}
                </span>
                {Number(h.es_dictamen) === 1 && h.dictamen_detalle ? (
                  <p className="linea-tiempo__dictamen">
                    <strong>
                      {t('dictamen')} {String(h.tipo_dictamen ?? '')}:
                    </strong>{' '}
                    {String(h.dictamen_detalle)}
                  </p>
                ) : null}
                {h.observaciones ? <p>{String(h.observaciones)}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Tarjeta>
  );
}

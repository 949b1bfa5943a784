import { useTranslation } from 'react-i18next';
import type { Fila } from '#shared/bridge/tipos';
import { idiomaActual } from '../i18n';
import { formatearFecha, Insignia, Tarjeta } from '../ui';
import '../registro/textos';

export const nombreCompleto = (p: Fila) =>
  [p.primer_nombre, p.segundo_nombre, p.primer_apellido, p.segundo_apellido].filter(Boolean).join(' ');

/** Titular first, then dependents with their relationship. */
export function Personas({ filas }: { filas: Fila[] }) {
  const { t } = useTranslation('expediente');
  const { t: tr } = useTranslation('registro');
  const idioma = idiomaActual();
  const orden = [...filas].sort((a, b) => Number(b.es_titular) - Number(a.es_titular));
  return (
    <Tarjeta titulo={t('personas')}>
      <table className="tabla">
        <thead>
          <tr>
            <th scope="col">{t('titular')}</th>
            <th scope="col">{t('documento')}</th>
            <th scope="col">{t('nacimiento')}</th>
            <th scope="col">{t('nacionalidad')}</th>
          </tr>
        </thead>
        <tbody>
          {orden.map((p) => (
            <tr key={p.id}>
              <td>
                <strong>{nombreCompleto(p)}</strong>{' '}
                {Number(p.es_titular) === 1 ? (
                  <Insignia tono="info">{t('titular')}</Insignia>
                ) : (
                  <Insignia>
                    {p.parentesco_titular ? tr(`parentesco.${String(p.parentesco_titular)}`) : t('dependiente')}
                  </Insignia>
                )}
              </td>
              <td>
                {String(p.tipo_documento)} {String(p.num_documento)}
              </td>
              <td>{formatearFecha(String(p.fecha_nacimiento), idioma)}</td>
              <td>{String(p.cod_nacionalidad)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Tarjeta>
  );
}

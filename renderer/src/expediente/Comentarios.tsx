import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fila } from '#shared/bridge/tipos';
import { idiomaActual } from '../i18n';
import { Boton, Campo, Insignia, Tarjeta, formatearFechaHora } from '../ui';
import './textos';

type Filtro = 'todos' | 'internos' | 'externos';

/**
 * Internal (staff) and external (applicant-visible) comments, with a filter and the form. The workflow form uses the
 * same component: `comentar` says which bridge method stores it.
 */
export function Comentarios(props: {
  filas: Fila[];
  usuarios: Map<string, string>;
  puedeComentar: boolean;
  comentar: (comentario: string, esInterno: boolean) => Promise<boolean>;
}) {
  const { t } = useTranslation('expediente');
  const idioma = idiomaActual();
  const [filtro, setFiltro] = useState<Filtro>('todos');
  const [texto, setTexto] = useState('');
  const [interno, setInterno] = useState(true);
  const visibles = props.filas
    .filter((c) => filtro === 'todos' || (filtro === 'internos') === (Number(c.es_interno) === 1))
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));

  return (
    <Tarjeta titulo={t('comentarios')}>
      <div className="segmentos" role="radiogroup" aria-label={t('comentarios')}>
        {(['todos', 'internos', 'externos'] as const).map((f) => (
          <label key={f} className="opcion">
            <input type="radio" name="filtro-comentarios" checked={filtro === f} onChange={() => setFiltro(f)} />
            {f === 'todos' ? t('todos') : t(f === 'internos' ? 'etiquetaInterno' : 'etiquetaExterno')}
          </label>
        ))}
      </div>
      {visibles.length === 0 ? (
        <p className="texto-suave">{t('sinComentarios')}</p>
      ) : (
        <ul className="comentarios">
          {visibles.map((c) => (
            <li key={c.id} data-interno={Number(c.es_interno) === 1}>
              <div className="comentarios__cabecera">
                {props.usuarios.has(String(c.user_id ?? c.created_by)) && (
                  <strong>{props.usuarios.get(String(c.user_id ?? c.created_by))}</strong>
                )}
                <Insignia tono={Number(c.es_interno) === 1 ? 'neutra' : 'info'}>
                  {t(Number(c.es_interno) === 1 ? 'etiquetaInterno' : 'etiquetaExterno')}
                </Insignia>
                <time className="texto-suave" dateTime={String(c.created_at)}>
                  {formatearFechaHora(String(c.created_at), idioma)}
                </time>
              </div>
              <p>{String(c.comentario)}</p>
            </li>
          ))}
        </ul>
      )}
      {props.puedeComentar && (
        <form
          className="comentarios__nuevo"
          onSubmit={(e) => {
            e.preventDefault();
            void props.comentar(texto.trim(), interno).then((ok) => ok && setTexto(''));
          }}
        >
          <Campo etiqueta={t('comentario')}>
            {(c) => (
              <textarea {...c} className="control" rows={3} value={texto} onChange={(e) => setTexto(e.target.value)} />
            )}
          </Campo>
          <div className="comentarios__opciones">
            <label className="opcion">
              <input type="radio" name="tipo-comentario" checked={interno} onChange={() => setInterno(true)} />
              {t('interno')}
            </label>
            <label className="opcion">
              <input type="radio" name="tipo-comentario" checked={!interno} onChange={() => setInterno(false)} />
              {t('externo')}
            </label>
            <Boton type="submit" variante="primario" disabled={!texto.trim()}>
              {t('comentar')}
            </Boton>
          </div>
        </form>
      )}
    </Tarjeta>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Fila } from '#shared/bridge/tipos';
import { RESULTADOS_ENTREVISTA } from '#shared/ppsh/schemas';
import { idiomaActual } from '../i18n';
import { puente } from '../puente';
import { Boton, Campo, Insignia, Tarjeta, formatearFechaHora } from '../ui';

/** Panama has no daylight saving: a wall-clock time typed at the counter is always UTC−5. */
const instantePanama = (local: string) => `${local}:00-05:00`;
const TONO = { PENDIENTE: 'aviso', FAVORABLE: 'exito', DESFAVORABLE: 'peligro' } as const;

/** Interviews: schedule one, record a result (analysts and supervisors). */
export function Entrevistas(props: {
  casoId: string;
  filas: Fila[];
  puedeGestionar: boolean;
  ejecutar: (llamada: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t } = useTranslation('expediente');
  const idioma = idiomaActual();
  const [fecha, setFecha] = useState('');
  const [lugar, setLugar] = useState('');
  const [resultadoDe, setResultadoDe] = useState<string | null>(null);
  const [asistio, setAsistio] = useState(true);
  const [resultado, setResultado] = useState<string>('FAVORABLE');
  const [observaciones, setObservaciones] = useState('');

  const programar = async () => {
    const ok = await props.ejecutar(() =>
      puente['ppsh.programarEntrevista']({
        id: props.casoId,
        entrevista: { fecha_programada: instantePanama(fecha), lugar: lugar.trim() || undefined },
      }),
    );
    if (ok) setFecha('');
  };
  const registrar = async (id: string) => {
    const ok = await props.ejecutar(() =>
      puente['ppsh.registrarResultadoEntrevista']({
        id,
        resultado: {
          asistio,
          resultado: resultado as (typeof RESULTADOS_ENTREVISTA)[number],
          fecha_realizada: new Date().toISOString(),
          observaciones: observaciones.trim() || undefined,
        },
      }),
    );
    if (ok) setResultadoDe(null);
  };

  return (
    <Tarjeta titulo={t('entrevistas')}>
      {props.filas.length === 0 ? (
        <p className="texto-suave">{t('sinEntrevistas')}</p>
      ) : (
        <ul className="lista-simple">
          {props.filas.map((e) => {
            const r = String(e.resultado) as keyof typeof TONO;
            return (
              <li key={e.id} className="fila-item">
                <div>
                  <strong>{formatearFechaHora(String(e.fecha_programada), idioma)}</strong>
                  {e.lugar ? <span className="texto-suave"> · {String(e.lugar)}</span> : null}
                  {e.observaciones ? <p className="texto-suave">{String(e.observaciones)}</p> : null}
                </div>
                <Insignia tono={TONO[r] ?? 'neutra'}>{t(`resultadoNombre.${r}`)}</Insignia>
                {props.puedeGestionar && r === 'PENDIENTE' && resultadoDe !== e.id && (
                  <Boton pequeno onClick={() => setResultadoDe(e.id)}>
                    {t('registrarResultado')}
                  </Boton>
                )}
                {resultadoDe === e.id && (
                  <form
                    className="formulario-en-linea"
                    onSubmit={(ev) => {
                      ev.preventDefault();
                      void registrar(e.id);
                    }}
                  >
                    <label className="opcion">
                      <input type="checkbox" checked={asistio} onChange={(ev) => setAsistio(ev.target.checked)} />
                      {t('asistio')}
                    </label>
                    <Campo etiqueta={t('resultado')}>
                      {(c) => (
                        <select
                          {...c}
                          className="control"
                          value={resultado}
                          onChange={(ev) => setResultado(ev.target.value)}
                        >
                          {RESULTADOS_ENTREVISTA.map((x) => (
                            <option key={x} value={x}>
                              {t(`resultadoNombre.${x}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Campo>
                    <Campo etiqueta={t('observaciones')}>
                      {(c) => (
                        <input
                          {...c}
                          className="control"
                          value={observaciones}
                          onChange={(ev) => setObservaciones(ev.target.value)}
                        />
                      )}
                    </Campo>
                    <Boton type="submit" variante="primario" pequeno>
                      {t('registrarResultado')}
                    </Boton>
                    <Boton pequeno variante="fantasma" onClick={() => setResultadoDe(null)}>
                      {t('cancelar')}
                    </Boton>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {props.puedeGestionar && (
        <form
          className="formulario-en-linea"
          onSubmit={(e) => {
            e.preventDefault();
            void programar();
          }}
        >
          <Campo etiqueta={t('fechaHora')}>
            {(c) => (
              <input
                {...c}
                className="control"
                type="datetime-local"
                required
                value={fecha}
                onChange={(e) => setFecha(e.target.value)}
              />
            )}
          </Campo>
          <Campo etiqueta={t('lugar')}>
            {(c) => <input {...c} className="control" value={lugar} onChange={(e) => setLugar(e.target.value)} />}
          </Campo>
          <Boton type="submit" disabled={!fecha}>
            {t('programar')}
          </Boton>
        </form>
      )}
    </Tarjeta>
  );
}

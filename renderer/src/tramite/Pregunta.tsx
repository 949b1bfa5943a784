import { useTranslation } from 'react-i18next';
import type { PreguntaDef } from '#shared/workflow/motor';
import type { ValorRespuesta } from '#shared/workflow/schemas';
import { Campo } from '../ui';

const TIPOS_REVISION = ['REVISION_MANUAL_DOCUMENTOS', 'REVISION_OCR', 'IMPRESION'];
const TIPOS_ARCHIVO = ['DOCUMENTOS', 'CARGA_ARCHIVO', 'DESCARGA_ARCHIVO'];

/** One template question as the control its type calls for; `error` is the shared engine's message for it. */
export function Pregunta(props: {
  p: PreguntaDef;
  valor: ValorRespuesta | undefined;
  error: string | null;
  soloLectura: boolean;
  onCambio: (v: ValorRespuesta) => void;
}) {
  const { t } = useTranslation('tramite');
  const { p, valor } = props;
  const etiqueta = (
    <>
      {p.pregunta}
      {p.es_obligatoria && <span className="pregunta__obligatoria"> * ({t('obligatoria')})</span>}
    </>
  );
  const texto = typeof valor === 'string' ? valor : '';
  const lista = Array.isArray(valor) ? (valor as unknown[]).map(String) : texto ? [texto] : [];

  if (TIPOS_ARCHIVO.includes(p.tipo_pregunta)) {
    const archivos = Array.isArray(valor) ? (valor as { nombre?: string }[]) : [];
    return (
      <div className="pregunta">
        <span className="campo__etiqueta">{etiqueta}</span>
        <span>{archivos.length ? archivos.map((a) => a.nombre ?? '').join(', ') : t('sinArchivos')}</span>
        <span className="campo__ayuda">{t('archivosNota')}</span>
      </div>
    );
  }
  if (TIPOS_REVISION.includes(p.tipo_pregunta))
    return (
      <label className="opcion pregunta">
        <input
          type="checkbox"
          checked={valor === true}
          disabled={props.soloLectura}
          onChange={(e) => props.onCambio(e.target.checked)}
        />
        {etiqueta} — {t('revisado')}
      </label>
    );
  if (p.tipo_pregunta === 'OPCIONES' && p.opciones)
    return (
      <fieldset className="pregunta" aria-invalid={props.error ? true : undefined}>
        <legend>{etiqueta}</legend>
        <div className="pregunta__opciones">
          {p.opciones.map((o) => (
            <label key={o} className="opcion">
              <input
                type={p.permite_multiple ? 'checkbox' : 'radio'}
                name={p.codigo}
                checked={lista.includes(o)}
                disabled={props.soloLectura}
                onChange={(e) =>
                  props.onCambio(
                    p.permite_multiple ? (e.target.checked ? [...lista, o] : lista.filter((x) => x !== o)) : o,
                  )
                }
              />
              {o}
            </label>
          ))}
        </div>
        {props.error && (
          <span className="campo__error" role="alert">
            {props.error}
          </span>
        )}
      </fieldset>
    );
  return (
    <Campo
      etiqueta={etiqueta}
      error={props.error}
      ayuda={p.mensaje_validacion && p.validacion_regex && !props.error ? p.mensaje_validacion : undefined}
    >
      {(c) =>
        p.tipo_pregunta === 'LISTA' && p.opciones ? (
          <select
            {...c}
            className="control"
            name={p.codigo}
            multiple={p.permite_multiple}
            disabled={props.soloLectura}
            value={p.permite_multiple ? lista : texto}
            onChange={(e) =>
              props.onCambio(p.permite_multiple ? [...e.target.selectedOptions].map((o) => o.value) : e.target.value)
            }
          >
            {!p.permite_multiple && <option value="">{t('elegir')}</option>}
            {p.opciones.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : p.tipo_pregunta === 'RESPUESTA_LARGA' ? (
          <textarea
            {...c}
            className="control"
            name={p.codigo}
            rows={4}
            readOnly={props.soloLectura}
            value={texto}
            onChange={(e) => props.onCambio(e.target.value)}
          />
        ) : (
          <input
            {...c}
            className="control"
            name={p.codigo}
            type={p.tipo_pregunta === 'SELECCION_FECHA' ? 'date' : 'text'}
            readOnly={props.soloLectura}
            value={texto}
            onChange={(e) => props.onCambio(e.target.value)}
          />
        )
      }
    </Campo>
  );
}

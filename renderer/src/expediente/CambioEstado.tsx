import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetalleExpediente } from '#shared/bridge/tipos';
import { fechaPanama } from '#shared/calendario';
import { ESTADOS_DICTAMEN, ESTADOS_PPSH, ESTADOS_RESOLUCION, type EstadoPpsh } from '#shared/ppsh/estados';
import { validarCambioEstado } from '#shared/ppsh/reglas';
import type { Rol } from '#shared/roles';
import { puente } from '../puente';
import { CampoContrasena } from '../sesion/CampoContrasena';
import { Boton, Campo, Dialogo, MensajeError } from '../ui';
import './textos';

export const nombreEstado = (cod: string) => ESTADOS_PPSH.find((e) => e.cod === cod)?.nombre ?? cod;
const TIPO_DICTAMEN: Partial<Record<EstadoPpsh, 'FAVORABLE' | 'DESFAVORABLE'>> = {
  CON_DICTAMEN_FAV: 'FAVORABLE',
  CON_DICTAMEN_DESFAV: 'DESFAVORABLE',
};

/**
 * Moving a PPSH case to `hacia`: asks for what the rules need (a dictamen's grounds, a decision's resolution number) and
 * checks it with the shared rules before queueing, so the officer reads the server's own message at once, offline too.
 * A final decision (approve, reject) also asks for her password, checked again before it is queued.
 */
export function DialogoCambioEstado(props: {
  detalle: DetalleExpediente;
  hacia: EstadoPpsh | null;
  rol: Rol;
  onCerrar: () => void;
  onHecho: () => void;
}) {
  const { t } = useTranslation('expediente');
  const [observaciones, setObservaciones] = useState('');
  const [detalleDictamen, setDetalleDictamen] = useState('');
  const [resolucion, setResolucion] = useState('');
  const [contrasena, setContrasena] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [enviando, setEnviando] = useState(false);
  const { hacia, detalle } = props;
  const esDictamen = hacia ? ESTADOS_DICTAMEN.includes(hacia) : false;
  const esDecision = hacia ? ESTADOS_RESOLUCION.includes(hacia) : false;
  const formulario = useRef<HTMLFormElement>(null);
  // The native dialog focuses its first button (close) on opening; the officer expects to type right away.
  useEffect(() => {
    if (hacia) requestAnimationFrame(() => formulario.current?.querySelector<HTMLElement>('textarea, input')?.focus());
  }, [hacia]);

  const confirmar = async () => {
    if (!hacia) return;
    const cambio = {
      estado_nuevo: hacia,
      observaciones: observaciones.trim() || undefined,
      tipo_dictamen: TIPO_DICTAMEN[hacia],
      dictamen_detalle: esDictamen ? detalleDictamen.trim() || undefined : undefined,
      num_resolucion: esDecision ? resolucion.trim() || undefined : undefined,
      version: detalle.solicitud.version,
    };
    const veredicto = validarCambioEstado({
      desde: detalle.estado.codigo as EstadoPpsh,
      hacia,
      rol: props.rol,
      fechaEstado: String(detalle.solicitud.fecha_estado),
      hoy: fechaPanama(),
      cambio,
    });
    if (!veredicto.ok) return setError(veredicto);
    if (esDecision && !contrasena) return setError(t('contrasenaFalta'));
    setEnviando(true);
    try {
      // A final decision: the core queues it only after the officer's password was checked again.
      if (esDecision) await puente['sesion.confirmarIdentidad']({ password: contrasena });
      await puente['ppsh.cambiarEstado']({ id: detalle.id, cambio });
      setObservaciones('');
      setDetalleDictamen('');
      setResolucion('');
      setError(null);
      props.onHecho();
    } catch (e) {
      setError(e);
    } finally {
      setContrasena('');
      setEnviando(false);
    }
  };

  return (
    <Dialogo
      abierto={hacia !== null}
      onCerrar={props.onCerrar}
      titulo={hacia ? t('cambiarEstado', { estado: nombreEstado(hacia) }) : ''}
      pie={
        <>
          <Boton onClick={props.onCerrar}>{t('cancelar')}</Boton>
          <Boton
            variante={hacia === 'RECHAZADO' || hacia === 'CANCELADO' ? 'peligro' : 'primario'}
            onClick={() => void confirmar()}
            disabled={enviando}
          >
            {enviando ? t('enviando') : t('confirmar')}
          </Boton>
        </>
      }
    >
      <form
        ref={formulario}
        className="formulario-dialogo"
        onSubmit={(e) => {
          e.preventDefault();
          void confirmar();
        }}
      >
        {esDictamen && hacia && (
          <Campo etiqueta={`${t('dictamenTipo', { tipo: TIPO_DICTAMEN[hacia] })} — ${t('dictamenDetalle')}`}>
            {(c) => (
              <textarea
                {...c}
                className="control"
                rows={5}
                required
                value={detalleDictamen}
                onChange={(e) => setDetalleDictamen(e.target.value)}
              />
            )}
          </Campo>
        )}
        {esDecision && (
          <Campo etiqueta={t('numResolucion')}>
            {(c) => (
              <input
                {...c}
                className="control"
                required
                value={resolucion}
                onChange={(e) => setResolucion(e.target.value)}
              />
            )}
          </Campo>
        )}
        {esDecision && (
          <CampoContrasena
            etiqueta={t('contrasenaDecision')}
            ayuda={t('contrasenaDecisionAyuda')}
            valor={contrasena}
            onCambio={setContrasena}
          />
        )}
        <Campo etiqueta={t('observaciones')}>
          {(c) => (
            <textarea
              {...c}
              className="control"
              rows={3}
              value={observaciones}
              onChange={(e) => setObservaciones(e.target.value)}
            />
          )}
        </Campo>
        {error !== null && <MensajeError error={error} />}
        {/* Enter in any field confirms (the visible buttons live in the dialog's footer, outside this form): a form
            with two inputs submits on Enter only through a submit button of its own. */}
        <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true" />
      </form>
    </Dialogo>
  );
}

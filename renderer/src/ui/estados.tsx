/** The states every screen shows the same way: loading, empty, error, and a progress bar. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mensajeDeError } from '../puente/error-puente';

export function Cargando(props: { texto?: string }) {
  const { t } = useTranslation('ui');
  return (
    <div className="cargando" role="status" aria-live="polite">
      <span className="cargando__giro" aria-hidden="true" />
      <span>{props.texto ?? t('cargando')}</span>
    </div>
  );
}

export function EstadoVacio(props: { icono?: string; titulo: ReactNode; children?: ReactNode }) {
  return (
    <div className="estado-vacio">
      {props.icono && (
        <span className="estado-vacio__icono" aria-hidden="true">
          {props.icono}
        </span>
      )}
      <p className="estado-vacio__titulo">{props.titulo}</p>
      {props.children}
    </div>
  );
}

/** An error from the bridge (its Spanish message) or any text; `accion` offers a way out (retry). */
export function MensajeError(props: { error: unknown; accion?: ReactNode }) {
  const texto = typeof props.error === 'string' ? props.error : mensajeDeError(props.error);
  return (
    <div className="mensaje mensaje--error" role="alert">
      <span aria-hidden="true">⚠</span>
      <span className="mensaje__texto">{texto}</span>
      {props.accion}
    </div>
  );
}

export function Aviso(props: { tono?: 'aviso' | 'info'; children: ReactNode }) {
  return (
    <div className={`mensaje mensaje--${props.tono ?? 'aviso'}`} role="status">
      <span className="mensaje__texto">{props.children}</span>
    </div>
  );
}

/** `valor` from 0 to 1, or null while the total is unknown (indeterminate bar). */
export function BarraProgreso(props: { valor: number | null; etiqueta: string }) {
  const pct = props.valor === null ? undefined : Math.round(Math.min(1, Math.max(0, props.valor)) * 100);
  return (
    <div
      className={`progreso ${pct === undefined ? 'progreso--indeterminado' : ''}`}
      role="progressbar"
      aria-label={props.etiqueta}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className="progreso__barra" style={pct === undefined ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

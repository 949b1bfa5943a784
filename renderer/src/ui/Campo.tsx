import { useId, type ReactElement, type ReactNode } from 'react';

export interface PropsControl {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * A labelled control: the label, the control (given as a function of its ids so every control gets one), a hint and the
 * field's error read by screen readers.
 */
export function Campo(props: {
  etiqueta: ReactNode;
  ayuda?: ReactNode;
  error?: string | null;
  children: (control: PropsControl) => ReactElement;
}) {
  const id = useId();
  const idAyuda = `${id}-ayuda`;
  const idError = `${id}-error`;
  const descrito = [props.ayuda ? idAyuda : '', props.error ? idError : ''].filter(Boolean).join(' ');
  return (
    <div className="campo">
      <label className="campo__etiqueta" htmlFor={id}>
        {props.etiqueta}
      </label>
      {props.children({
        id,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': descrito || undefined,
      })}
      {props.ayuda && (
        <span id={idAyuda} className="campo__ayuda">
          {props.ayuda}
        </span>
      )}
      {props.error && (
        <span id={idError} className="campo__error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

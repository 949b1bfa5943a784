import type { ReactNode } from 'react';
import { Campo } from '../ui';

/** The officer's password, wherever it is asked (sign-in, lock screen, a final decision): one field, one behaviour. */
export function CampoContrasena(props: {
  etiqueta: ReactNode;
  ayuda?: ReactNode;
  valor: string;
  onCambio: (valor: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <Campo etiqueta={props.etiqueta} ayuda={props.ayuda}>
      {(c) => (
        <input
          {...c}
          className="control"
          name="password"
          type="password"
          autoComplete="current-password"
          autoFocus={props.autoFocus}
          required
          value={props.valor}
          onChange={(e) => props.onCambio(e.target.value)}
        />
      )}
    </Campo>
  );
}

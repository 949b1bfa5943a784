import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Campo } from '../ui';
import './textos';
import './campo-contrasena.css';

/**
 * The officer's password, wherever it is asked (sign-in, lock screen, a final decision, "Mi cuenta"): one field, one
 * behaviour. `mostrable` adds a "mostrar contraseña" switch (a new password is easier to type right when she sees it).
 */
export function CampoContrasena(props: {
  etiqueta: ReactNode;
  ayuda?: ReactNode;
  error?: string | null;
  valor: string;
  onCambio: (valor: string) => void;
  autoFocus?: boolean;
  nombre?: string;
  /** 'new-password' for a password she is choosing (password managers offer to save it, not to fill it). */
  autoComplete?: 'current-password' | 'new-password';
  mostrable?: boolean;
}) {
  const { t } = useTranslation('sesion');
  const [visible, setVisible] = useState(false);
  return (
    <Campo etiqueta={props.etiqueta} ayuda={props.ayuda} error={props.error}>
      {(c) => {
        const campo = (
          <input
            {...c}
            className="control"
            name={props.nombre ?? 'password'}
            type={visible ? 'text' : 'password'}
            autoComplete={props.autoComplete ?? 'current-password'}
            autoFocus={props.autoFocus}
            required
            spellCheck={false}
            value={props.valor}
            onChange={(e) => props.onCambio(e.target.value)}
          />
        );
        if (!props.mostrable) return campo;
        return (
          <span className="campo-contrasena">
            {campo}
            <label className="campo-contrasena__mostrar">
              <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />{' '}
              {t('mostrarContrasena')}
            </label>
          </span>
        );
      }}
    </Campo>
  );
}

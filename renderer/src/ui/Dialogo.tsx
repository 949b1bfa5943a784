import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog on the native <dialog>: the browser traps focus, Esc closes it (reported through onCerrar) and focus
 * returns to what opened it.
 */
export function Dialogo(props: {
  titulo: ReactNode;
  abierto: boolean;
  onCerrar: () => void;
  children: ReactNode;
  pie?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const idTitulo = useId();
  const { t } = useTranslation('ui');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.abierto && !d.open) d.showModal();
    if (!props.abierto && d.open) d.close();
  }, [props.abierto]);
  return (
    <dialog
      ref={ref}
      className="dialogo"
      aria-labelledby={idTitulo}
      onCancel={(e) => {
        e.preventDefault();
        props.onCerrar();
      }}
    >
      {props.abierto && (
        <>
          <div className="dialogo__cabecera">
            <h2 id={idTitulo}>{props.titulo}</h2>
            <button
              type="button"
              className="boton boton--fantasma boton--pequeno"
              onClick={props.onCerrar}
              aria-label={t('cerrar')}
            >
              ✕
            </button>
          </div>
          <div className="dialogo__cuerpo">{props.children}</div>
          {props.pie && <div className="dialogo__pie">{props.pie}</div>}
        </>
      )}
    </dialog>
  );
}

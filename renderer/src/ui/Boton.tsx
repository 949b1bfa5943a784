import type { ButtonHTMLAttributes } from 'react';

type Variante = 'primario' | 'secundario' | 'peligro' | 'fantasma';

export interface PropsBoton extends ButtonHTMLAttributes<HTMLButtonElement> {
  variante?: Variante;
  pequeno?: boolean;
}

export function Boton({ variante = 'secundario', pequeno, className, type = 'button', ...resto }: PropsBoton) {
  const clases = ['boton', `boton--${variante}`, pequeno ? 'boton--pequeno' : '', className ?? ''];
  return <button type={type} className={clases.join(' ').trim()} {...resto} />;
}

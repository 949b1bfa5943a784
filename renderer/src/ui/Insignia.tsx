import type { ReactNode } from 'react';

export type TonoInsignia = 'neutra' | 'info' | 'exito' | 'aviso' | 'peligro';

/** A small label; `color` (a state's own colour from the catalogue) shows as a dot, never as the text colour. */
export function Insignia(props: { tono?: TonoInsignia; color?: string; children: ReactNode; titulo?: string }) {
  return (
    <span
      className={`insignia insignia--${props.tono ?? 'neutra'}`}
      title={props.titulo ?? (typeof props.children === 'string' ? props.children : undefined)}
    >
      {props.color && <span className="insignia__punto" style={{ background: props.color }} aria-hidden="true" />}
      <span className="insignia__texto">{props.children}</span>
    </span>
  );
}

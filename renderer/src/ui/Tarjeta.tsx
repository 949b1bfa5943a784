import type { ReactNode } from 'react';

export function Tarjeta(props: { titulo?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`tarjeta ${props.className ?? ''}`.trim()}>
      {props.titulo && <h2 className="tarjeta__titulo">{props.titulo}</h2>}
      {props.children}
    </section>
  );
}

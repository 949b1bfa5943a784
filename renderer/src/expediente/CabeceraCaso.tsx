import type { ReactNode } from 'react';
import type { ExpedienteResumen } from '#shared/bridge/tipos';

/** The top of a case screen (PPSH or workflow): its kind, number, titular, badges, and what goes below them. */
export function CabeceraCaso(props: {
  caso: ExpedienteResumen;
  tipo: ReactNode;
  /** The heading's id (the screen's section is labelled by it) and its test id. */
  id: string;
  testId: string;
  insignias: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="expediente__cabecera tarjeta">
      <span className="texto-suave">{props.tipo}</span>
      <div className="expediente__fila expediente__fila--titulo">
        <div>
          <h1 id={props.id} data-testid={props.testId}>
            {props.caso.numero}
          </h1>
          <p className="expediente__titular">
            {props.caso.nombre_titular} <span className="texto-suave">· {props.caso.documento_titular}</span>
          </p>
        </div>
        <div className="expediente__insignias">{props.insignias}</div>
      </div>
      {props.children}
    </header>
  );
}

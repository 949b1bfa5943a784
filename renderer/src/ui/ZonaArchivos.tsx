import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import './ZonaArchivos.css';

/**
 * Where files come in: a button opening the file picker (keyboard) and the same area as a drop target (mouse). The
 * hidden <input type="file"> keeps its own label so assistive tools and tests can reach it directly.
 */
export function ZonaArchivos(props: {
  etiqueta: string;
  /** What the button attaches, for screen readers when several zones share the visible word ("Adjuntar pasaporte"). */
  nombreAccesible?: string;
  onArchivos: (archivos: File[]) => void;
  aceptar?: string;
  multiple?: boolean;
  deshabilitada?: boolean;
  children?: ReactNode;
  /** The drop hint ("o arrastre los archivos aquí"); none in a compact zone. */
  ayuda?: string;
}) {
  const entrada = useRef<HTMLInputElement>(null);
  const [encima, setEncima] = useState(false);
  const soltar = (e: DragEvent) => {
    e.preventDefault();
    setEncima(false);
    if (!props.deshabilitada && e.dataTransfer.files.length) props.onArchivos([...e.dataTransfer.files]);
  };
  return (
    <div
      className={`zona-archivos${encima ? ' zona-archivos--encima' : ''}${props.ayuda ? '' : ' zona-archivos--compacta'}`}
      onDragOver={(e) => {
        e.preventDefault();
        setEncima(true);
      }}
      onDragLeave={() => setEncima(false)}
      onDrop={soltar}
    >
      {props.children}
      <button
        type="button"
        className="boton boton--secundario boton--pequeno"
        onClick={() => entrada.current?.click()}
        disabled={props.deshabilitada}
        aria-label={props.nombreAccesible}
      >
        {props.etiqueta}
      </button>
      {props.ayuda && <span className="zona-archivos__ayuda">{props.ayuda}</span>}
      <input
        ref={entrada}
        type="file"
        hidden
        aria-label={props.nombreAccesible ?? props.etiqueta}
        accept={props.aceptar}
        multiple={props.multiple}
        onChange={(e) => {
          if (e.target.files?.length) props.onArchivos([...e.target.files]);
          e.target.value = '';
        }}
      />
    </div>
  );
}

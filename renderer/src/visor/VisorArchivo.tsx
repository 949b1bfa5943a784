import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { descargar } from './archivos';
import './textos';
import './visor.css';

// pdfjs (and its 1 MB worker) loads the first time a PDF is opened, not with the app: the caseload opens faster.
const VisorPdf = lazy(() => import('./VisorPdf').then((m) => ({ default: m.VisorPdf })));

export interface ArchivoVisible {
  nombre: string;
  mime: string;
  bytes: Uint8Array;
}

/**
 * The viewer's frame: a full-window dialog (Esc closes, focus returns where it was) with print and download, around a
 * PDF, an image, or the loading/progress/error state passed as children while the bytes are not there yet.
 */
export function VisorArchivo(props: {
  archivo: ArchivoVisible | null;
  titulo: string;
  onCerrar: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation('visor');
  const dialogo = useRef<HTMLDivElement>(null);
  const { archivo } = props;
  // The latest onCerrar without re-running the effect: parents pass a new closure on every render, and re-running
  // would move the focus back and forth.
  const cerrar = useRef(props.onCerrar);
  cerrar.current = props.onCerrar;

  useEffect(() => {
    const previo = document.activeElement as HTMLElement | null;
    dialogo.current?.focus();
    const esc = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        cerrar.current();
      }
    };
    window.addEventListener('keydown', esc, true);
    return () => {
      window.removeEventListener('keydown', esc, true);
      previo?.focus();
    };
  }, []);

  return (
    <div className="visor-fondo">
      <div ref={dialogo} className="visor" role="dialog" aria-modal="true" aria-labelledby="visor-titulo" tabIndex={-1}>
        <header className="visor-cabecera">
          <h2 id="visor-titulo">{props.titulo}</h2>
          <div className="visor-acciones">
            {archivo && (
              <>
                <button type="button" onClick={() => window.print()}>
                  {t('imprimir')}
                </button>
                <button type="button" onClick={() => descargar(archivo.nombre, archivo.mime, archivo.bytes)}>
                  {t('descargar')}
                </button>
              </>
            )}
            <button type="button" className="visor-cerrar" onClick={props.onCerrar}>
              {t('cerrar')} <kbd>Esc</kbd>
            </button>
          </div>
        </header>
        {archivo ? <Contenido archivo={archivo} /> : <div className="visor-espera">{props.children}</div>}
      </div>
    </div>
  );
}

function Contenido({ archivo }: { archivo: ArchivoVisible }) {
  const { t } = useTranslation('visor');
  if (archivo.mime === 'application/pdf' || archivo.nombre.toLowerCase().endsWith('.pdf'))
    return (
      <Suspense fallback={<p className="visor-espera">{t('cargando')}</p>}>
        <VisorPdf bytes={archivo.bytes} nombre={archivo.nombre} />
      </Suspense>
    );
  if (archivo.mime.startsWith('image/')) return <VisorImagen archivo={archivo} />;
  return <p className="visor-espera">{t('formatoNoSoportado')}</p>;
}

function VisorImagen({ archivo }: { archivo: ArchivoVisible }) {
  const { t } = useTranslation('visor');
  const [escala, setEscala] = useState(1);
  const url = useMemo(
    () => URL.createObjectURL(new Blob([archivo.bytes as Uint8Array<ArrayBuffer>], { type: archivo.mime })),
    [archivo],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <div className="visor-pdf">
      <div className="visor-herramientas" role="toolbar" aria-label={archivo.nombre}>
        <button type="button" onClick={() => setEscala((e) => Math.max(0.25, e - 0.25))} aria-label={t('alejar')}>
          −
        </button>
        <output aria-label={t('zoom')}>{Math.round(escala * 100)} %</output>
        <button type="button" onClick={() => setEscala((e) => Math.min(4, e + 0.25))} aria-label={t('acercar')}>
          +
        </button>
      </div>
      <div className="visor-area" tabIndex={0}>
        <div className="visor-pagina">
          <img src={url} alt={t('imagen', { nombre: archivo.nombre })} style={{ width: `${escala * 100}%` }} />
        </div>
      </div>
    </div>
  );
}

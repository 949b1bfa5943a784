import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { abrirPdf, buscarEnPdf, dibujarPagina, dibujarTexto, type DocumentoPdf } from './pdf';

const ZOOM_MIN = 0.5;
const ZOOM_MAX = 3;
const PASO_ZOOM = 0.25;
/** Thumbnails are drawn for the first pages only: a 300-page file would otherwise render 300 canvases up front. */
const MAX_MINIATURAS = 60;

/** A PDF: one page at a time with thumbnails, zoom, text search with highlights; keyboard: PgUp/PgDn, +/−. */
export function VisorPdf({ bytes, nombre }: { bytes: Uint8Array; nombre: string }) {
  const { t } = useTranslation('visor');
  const [doc, setDoc] = useState<DocumentoPdf | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pagina, setPagina] = useState(1);
  const [escala, setEscala] = useState(1.25);
  const [termino, setTermino] = useState('');
  const [hallazgos, setHallazgos] = useState<{ pagina: number; veces: number }[] | null>(null);
  const lienzo = useRef<HTMLCanvasElement>(null);
  const capaTexto = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let vigente = true;
    let abierto: DocumentoPdf | null = null;
    abrirPdf(bytes).then(
      (d) => {
        abierto = d;
        if (vigente) setDoc(d);
        else void d.destroy();
      },
      (e: unknown) => vigente && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      vigente = false;
      void abierto?.destroy();
    };
  }, [bytes]);

  const buscado = hallazgos?.length ? termino : '';
  useEffect(() => {
    if (!doc || !lienzo.current || !capaTexto.current) return;
    let vigente = true;
    let cancelar = () => {};
    const [canvas, capa] = [lienzo.current, capaTexto.current];
    void doc.getPage(pagina).then(async (p) => {
      if (!vigente) return;
      const dibujo = dibujarPagina(p, canvas, escala);
      cancelar = dibujo.cancelar;
      if ((await dibujo.hecho) && vigente) await dibujarTexto(p, capa, escala, buscado);
    });
    return () => {
      vigente = false;
      cancelar();
    };
  }, [doc, pagina, escala, buscado]);

  const total = doc?.numPages ?? 0;
  const irA = (n: number) => setPagina(Math.min(Math.max(1, n), Math.max(1, total)));
  const zoom = (delta: number) => setEscala((e) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, e + delta)));
  const ajustarAncho = async () => {
    if (!doc || !area.current) return;
    const ancho = (await doc.getPage(pagina)).getViewport({ scale: 1 }).width;
    setEscala(Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, (area.current.clientWidth - 48) / ancho)));
  };
  const buscar = async (e: FormEvent) => {
    e.preventDefault();
    if (!doc) return;
    const h = await buscarEnPdf(doc, termino);
    setHallazgos(h);
    if (h[0]) setPagina(h[0].pagina);
  };
  const teclas = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement) return;
    const acciones: Record<string, () => void> = {
      PageDown: () => irA(pagina + 1),
      ArrowRight: () => irA(pagina + 1),
      PageUp: () => irA(pagina - 1),
      ArrowLeft: () => irA(pagina - 1),
      Home: () => irA(1),
      End: () => irA(total),
      '+': () => zoom(PASO_ZOOM),
      '-': () => zoom(-PASO_ZOOM),
    };
    const accion = acciones[e.key];
    if (accion) {
      e.preventDefault();
      accion();
    }
  };

  if (error)
    return (
      <p role="alert" className="visor-error">
        {t('errorAbrir')}: {error}
      </p>
    );
  const veces = hallazgos?.reduce((s, h) => s + h.veces, 0) ?? 0;
  return (
    <div className="visor-pdf" onKeyDown={teclas}>
      <div className="visor-herramientas" role="toolbar" aria-label={nombre}>
        <button type="button" onClick={() => irA(pagina - 1)} disabled={pagina <= 1} aria-label={t('paginaAnterior')}>
          ‹
        </button>
        <label className="visor-pagina-actual">
          <span className="sr-only">{t('numeroPagina')}</span>
          <input
            type="number"
            min={1}
            max={total}
            value={pagina}
            onChange={(e) => irA(Number(e.target.value))}
            aria-label={t('numeroPagina')}
          />
        </label>
        <span aria-live="polite" data-testid="visor-paginas">
          {t('pagina', { n: pagina, total })}
        </span>
        <button
          type="button"
          onClick={() => irA(pagina + 1)}
          disabled={pagina >= total}
          aria-label={t('paginaSiguiente')}
        >
          ›
        </button>
        <span className="visor-separador" />
        <button type="button" onClick={() => zoom(-PASO_ZOOM)} aria-label={t('alejar')}>
          −
        </button>
        <output aria-label={t('zoom')}>{Math.round(escala * 100)} %</output>
        <button type="button" onClick={() => zoom(PASO_ZOOM)} aria-label={t('acercar')}>
          +
        </button>
        <button type="button" onClick={() => void ajustarAncho()}>
          {t('ajustarAncho')}
        </button>
        <span className="visor-separador" />
        <form role="search" onSubmit={(e) => void buscar(e)} className="visor-busqueda">
          <input
            type="search"
            value={termino}
            onChange={(e) => {
              setTermino(e.target.value);
              setHallazgos(null);
            }}
            aria-label={t('buscar')}
            placeholder={t('buscar')}
          />
          <button type="submit">{t('buscarBoton')}</button>
        </form>
        {hallazgos && (
          <span role="status" className="visor-hallazgos">
            {hallazgos.length === 0 ? t('sinResultados', { termino }) : t('resultados', { count: veces })}
            {hallazgos.map((h) => (
              <button key={h.pagina} type="button" className="enlace" onClick={() => setPagina(h.pagina)}>
                {t('enPagina', { n: h.pagina, veces: h.veces })}
              </button>
            ))}
          </span>
        )}
      </div>
      <div className="visor-cuerpo">
        <nav className="visor-miniaturas" aria-label={t('miniaturas')}>
          {doc &&
            Array.from({ length: Math.min(total, MAX_MINIATURAS) }, (_, i) => (
              <Miniatura key={i} doc={doc} n={i + 1} actual={pagina === i + 1} onElegir={setPagina} />
            ))}
        </nav>
        <div className="visor-area" ref={area} tabIndex={0} aria-label={t('pagina', { n: pagina, total })}>
          {!doc && <p role="status">{t('cargando')}</p>}
          <div className="visor-pagina" data-testid="visor-pagina">
            <canvas ref={lienzo} />
            <div ref={capaTexto} className="textLayer" />
          </div>
        </div>
      </div>
    </div>
  );
}

function Miniatura(props: { doc: DocumentoPdf; n: number; actual: boolean; onElegir: (n: number) => void }) {
  const { t } = useTranslation('visor');
  const lienzo = useRef<HTMLCanvasElement>(null);
  const { doc, n } = props;
  useEffect(() => {
    const canvas = lienzo.current;
    let cancelar = () => {};
    if (canvas)
      void doc.getPage(n).then((p) => {
        const dibujo = dibujarPagina(p, canvas, 0.18);
        cancelar = dibujo.cancelar;
        return dibujo.hecho;
      });
    return () => cancelar();
  }, [doc, n]);
  return (
    <button
      type="button"
      className="visor-miniatura"
      aria-current={props.actual ? 'page' : undefined}
      onClick={() => props.onElegir(n)}
      aria-label={t('miniatura', { n })}
    >
      <canvas ref={lienzo} />
      <span>{n}</span>
    </button>
  );
}

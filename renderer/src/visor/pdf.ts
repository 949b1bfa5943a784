/// <reference types="vite/client" />
/**
 * pdfjs-dist loaded the only way the window's CSP allows: the worker is a same-origin file bundled by vite (`?url`), and
 * `isEvalSupported: false` keeps pdfjs from compiling fonts with `new Function` (no 'unsafe-eval').
 */
import {
  GlobalWorkerOptions,
  RenderingCancelledException,
  TextLayer,
  getDocument,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist';
import urlWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = urlWorker;

export type DocumentoPdf = PDFDocumentProxy;

export function abrirPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs transfers the buffer to its worker: give it a copy so the caller's bytes stay usable (print, download).
  return getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
}

/** The render each canvas is busy with: pdfjs refuses a second render() on a canvas until the first has settled. */
const enCurso = new WeakMap<HTMLCanvasElement, Promise<unknown>>();

/**
 * Draws a page at `escala` CSS pixels per PDF point, sharp on high-density screens. A new page or zoom cancels the
 * previous drawing with `cancelar`; the new one waits until the canvas is free, so renders never overlap.
 */
export function dibujarPagina(pagina: PDFPageProxy, lienzo: HTMLCanvasElement, escala: number) {
  let cancelado = false;
  let tarea: ReturnType<PDFPageProxy['render']> | null = null;
  const previo = enCurso.get(lienzo) ?? Promise.resolve();
  const hecho = previo.then(async () => {
    if (cancelado) return false;
    const viewport = pagina.getViewport({ scale: escala });
    const densidad = window.devicePixelRatio || 1;
    lienzo.width = Math.floor(viewport.width * densidad);
    lienzo.height = Math.floor(viewport.height * densidad);
    lienzo.style.width = `${Math.floor(viewport.width)}px`;
    lienzo.style.height = `${Math.floor(viewport.height)}px`;
    tarea = pagina.render({
      canvas: lienzo,
      viewport,
      transform: densidad === 1 ? undefined : [densidad, 0, 0, densidad, 0, 0],
    });
    try {
      await tarea.promise;
      return true;
    } catch (e) {
      // A cancelled render is not a failure: a newer one replaces it.
      if (e instanceof RenderingCancelledException) return false;
      throw e;
    }
  });
  enCurso.set(
    lienzo,
    hecho.catch(() => false),
  );
  return {
    hecho,
    cancelar: () => {
      cancelado = true;
      tarea?.cancel();
    },
  };
}

/** The page's selectable text over the canvas, with the spans containing `termino` marked (search highlight). */
export async function dibujarTexto(pagina: PDFPageProxy, capa: HTMLDivElement, escala: number, termino: string) {
  capa.replaceChildren();
  const viewport = pagina.getViewport({ scale: escala });
  capa.style.setProperty('--total-scale-factor', String(escala));
  const texto = new TextLayer({ textContentSource: pagina.streamTextContent(), container: capa, viewport });
  await texto.render();
  const buscado = normalizar(termino);
  if (!buscado) return;
  for (const span of texto.textDivs)
    if (normalizar(span.textContent ?? '').includes(buscado)) span.classList.add('visor-resaltado');
}

/** Accent- and case-insensitive text, as officers type names ("Pérez" finds "PEREZ"). */
export const normalizar = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** Pages (1-based) whose text contains `termino`, with how many times it appears in each. */
export async function buscarEnPdf(
  doc: PDFDocumentProxy,
  termino: string,
): Promise<{ pagina: number; veces: number }[]> {
  const buscado = normalizar(termino);
  if (!buscado) return [];
  const hallazgos: { pagina: number; veces: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const contenido = await (await doc.getPage(n)).getTextContent();
    const texto = normalizar(contenido.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    const veces = texto.split(buscado).length - 1;
    if (veces > 0) hallazgos.push({ pagina: n, veces });
  }
  return hallazgos;
}

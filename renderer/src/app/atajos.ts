/**
 * App-wide keyboard: Ctrl+K search, Ctrl+L lock, lock after idle time, and the barcode scanner from any screen. One
 * keydown listener in the capture phase, so it sees keys before any field does.
 */
import { useEffect } from 'react';
import { DetectorEscaner } from './escaner';

export const ID_BUSCADOR = 'buscar-expedientes';
/** Unattended counters must not stay open: lock after this long without keyboard or mouse. */
export const INACTIVIDAD_MS = 15 * 60 * 1000;

const esCampoDeTexto = (el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement =>
  el instanceof HTMLTextAreaElement ||
  (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type));

/** Sets a React-controlled field's value the way typing does (React listens to the native setter + input event). */
function restaurarValor(campo: HTMLInputElement | HTMLTextAreaElement, valor: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(campo) as object, 'value')?.set;
  setter?.call(campo, valor);
  campo.dispatchEvent(new Event('input', { bubbles: true }));
}

export function useAtajosGlobales(o: {
  activa: boolean;
  buscar(): void;
  bloquear(): void;
  escaneado(codigo: string): void;
}) {
  const { activa, buscar, bloquear, escaneado } = o;
  useEffect(() => {
    if (!activa) return;
    const detector = new DetectorEscaner();
    // Where a scan started inside a text field, and the field's value before it: the scan is not the officer's typing.
    let inicio: { campo: HTMLInputElement | HTMLTextAreaElement; valor: string } | null = null;
    let temporizador = setTimeout(bloquear, INACTIVIDAD_MS);
    const actividad = () => {
      clearTimeout(temporizador);
      temporizador = setTimeout(bloquear, INACTIVIDAD_MS);
    };
    const alTeclear = (e: KeyboardEvent) => {
      actividad();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        buscar();
        return;
      }
      if (mod && (e.key === 'l' || e.key === 'L')) {
        e.preventDefault();
        bloquear();
        return;
      }
      if (mod || e.altKey) return;
      const codigo = detector.tecla(e.key, e.timeStamp);
      if (detector.enCurso.length === 1) {
        // This key starts a new burst; at keydown the field does not hold it yet.
        inicio = esCampoDeTexto(e.target) ? { campo: e.target, valor: e.target.value } : null;
      }
      if (!codigo) return;
      e.preventDefault();
      e.stopPropagation();
      if (inicio) restaurarValor(inicio.campo, inicio.valor);
      inicio = null;
      escaneado(codigo);
    };
    window.addEventListener('keydown', alTeclear, true);
    window.addEventListener('pointerdown', actividad, true);
    return () => {
      clearTimeout(temporizador);
      window.removeEventListener('keydown', alTeclear, true);
      window.removeEventListener('pointerdown', actividad, true);
    };
  }, [activa, buscar, bloquear, escaneado]);
}

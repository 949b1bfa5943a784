/** Instants are stored UTC; officers read them in Panama's time zone, in the UI's language. */
const ZONA = 'America/Panama';

const formatos = new Map<string, Intl.DateTimeFormat>();
function formato(locale: string, opciones: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const clave = locale + JSON.stringify(opciones);
  let f = formatos.get(clave);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opciones, timeZone: ZONA });
    formatos.set(clave, f);
  }
  return f;
}

const LOCALES: Record<string, string> = { es: 'es-PA', en: 'en-US' };
const localeDe = (idioma: string) => LOCALES[idioma] ?? 'es-PA';

/** A day: a 'YYYY-MM-DD' date is a calendar day (no zone shift); an ISO instant is read in Panama. */
export function formatearFecha(valor: string | null | undefined, idioma: string): string {
  if (!valor) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(valor) ? new Date(`${valor}T12:00:00-05:00`) : new Date(valor);
  if (Number.isNaN(d.getTime())) return valor;
  return formato(localeDe(idioma), { day: '2-digit', month: 'short', year: 'numeric' }).format(d);
}

export function formatearFechaHora(valor: string | null | undefined, idioma: string): string {
  if (!valor) return '—';
  const d = new Date(valor);
  if (Number.isNaN(d.getTime())) return valor;
  // Month by name: es-PA's numeric dates are month-first, which officers misread.
  return formato(localeDe(idioma), {
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function formatearNumero(n: number, idioma: string): string {
  return new Intl.NumberFormat(localeDe(idioma)).format(n);
}

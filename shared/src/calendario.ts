/**
 * Dates as officers see them: America/Panama (UTC-5 all year, no daylight saving), business days that skip weekends
 * and Panama's national holidays. Stored timestamps are UTC ISO strings; calendar dates are 'YYYY-MM-DD'.
 */
export const ZONA_PANAMA = 'America/Panama';

const fmtFecha = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONA_PANAMA,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Panama of an instant. */
export function fechaPanama(instante: Date = new Date()): string {
  return fmtFecha.format(instante);
}

const aUtc = (fecha: string) => new Date(`${fecha}T00:00:00Z`);
const aTexto = (d: Date) => d.toISOString().slice(0, 10);

export function sumarDias(fecha: string, dias: number): string {
  const d = aUtc(fecha);
  d.setUTCDate(d.getUTCDate() + dias);
  return aTexto(d);
}

export function sumarAnios(fecha: string, anios: number): string {
  const [y, m, d] = fecha.split('-').map(Number) as [number, number, number];
  // 29 February plus whole years lands on 28 February when the target year is not a leap year.
  const fin = new Date(Date.UTC(y + anios, m - 1, d));
  if (fin.getUTCMonth() !== m - 1) fin.setUTCDate(0);
  return aTexto(fin);
}

/** Whole days from `desde` to `hasta` (both 'YYYY-MM-DD'). */
export function diasEntre(desde: string, hasta: string): number {
  return Math.round((aUtc(hasta).getTime() - aUtc(desde).getTime()) / 86_400_000);
}

/** Easter Sunday (anonymous Gregorian algorithm), needed for Carnival and Good Friday. */
function domingoDePascua(anio: number): string {
  const a = anio % 19;
  const b = Math.floor(anio / 100);
  const c = anio % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const mes = Math.floor((h + l - 7 * m + 114) / 31);
  const dia = ((h + l - 7 * m + 114) % 31) + 1;
  return `${anio}-${String(mes).padStart(2, '0')}-${String(dia).padStart(2, '0')}`;
}

const FIJOS = ['01-01', '01-09', '05-01', '11-03', '11-04', '11-05', '11-10', '11-28', '12-08', '12-20', '12-25'];
const cacheFeriados = new Map<number, Set<string>>();

/** Panama's national holidays of a year (Código de Trabajo art. 46 and later laws); a Sunday holiday moves to Monday. */
export function feriadosNacionales(anio: number): Set<string> {
  const hit = cacheFeriados.get(anio);
  if (hit) return hit;
  const pascua = domingoDePascua(anio);
  const dias = [
    ...FIJOS.map((md) => `${anio}-${md}`),
    sumarDias(pascua, -48),
    sumarDias(pascua, -47),
    sumarDias(pascua, -2),
  ];
  const set = new Set<string>();
  for (const d of dias) {
    set.add(d);
    if (aUtc(d).getUTCDay() === 0) set.add(sumarDias(d, 1));
  }
  cacheFeriados.set(anio, set);
  return set;
}

const esFinDeSemana = (dow: number) => dow === 0 || dow === 6;

export function esDiaHabil(fecha: string): boolean {
  return !esFinDeSemana(aUtc(fecha).getUTCDay()) && !feriadosNacionales(Number(fecha.slice(0, 4))).has(fecha);
}

/**
 * Business days that have passed after `desde` up to and including `hasta`. Counted by arithmetic (whole weeks, then
 * the remainder, then the weekday holidays in range), not day by day: the caseload computes it for every row it shows.
 */
export function diasHabilesEntre(desde: string, hasta: string): number {
  const total = diasEntre(desde, hasta);
  if (total <= 0) return 0;
  const dowDesde = aUtc(desde).getUTCDay();
  const semanas = Math.floor(total / 7);
  let n = semanas * 5;
  for (let i = semanas * 7 + 1; i <= total; i++) if (!esFinDeSemana((dowDesde + i) % 7)) n++;
  for (let anio = Number(desde.slice(0, 4)); anio <= Number(hasta.slice(0, 4)); anio++) {
    for (const f of feriadosNacionales(anio)) if (f > desde && f <= hasta && !esFinDeSemana(aUtc(f).getUTCDay())) n--;
  }
  return n;
}

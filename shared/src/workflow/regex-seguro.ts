/**
 * Template authors type `validacion_regex`, and JavaScript regexes backtrack: `(a+)+$` takes years on 40 characters.
 * A pattern is accepted on save only when its worst case stays polynomial and small on the bounded inputs we test:
 * no nested or alternated repetition, no backreferences or lookaround, few open-ended quantifiers. Answers longer than
 * LARGO_MAXIMO_RESPUESTA are refused before the regex runs, which bounds the remaining polynomial cost.
 */
export const LARGO_MAXIMO_PATRON = 300;
export const LARGO_MAXIMO_RESPUESTA = 500;
/** Quantifiers whose upper bound exceeds this count as open-ended. */
const REPETICION_LARGA = 50;
const MAXIMO_CUANTIFICADORES_LARGOS = 3;
const MAXIMO_REPETICIONES = 1000;

export type VeredictoPatron = { ok: true; regex: RegExp } | { ok: false; motivo: string };

interface Grupo {
  repite: boolean;
  alterna: boolean;
}

/** Reads a quantifier at `i`; returns its upper bound (Infinity for open-ended) and its length, or null. */
function leerCuantificador(p: string, i: number): { max: number; largo: number } | null {
  const c = p[i];
  if (c === '*' || c === '+') return { max: Infinity, largo: 1 };
  if (c === '?') return { max: 1, largo: 1 };
  if (c !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  if (!m) return null;
  const max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
  return { max, largo: m[0].length };
}

function analizar(p: string): string | null {
  const pila: Grupo[] = [{ repite: false, alterna: false }];
  let largos = 0;
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    let atomo: Grupo | null = null;
    if (c === '\\') {
      const s = p[i + 1] ?? '';
      if (/[1-9k]/.test(s)) return 'no se permiten referencias hacia atrás (\\1, \\k<…>)';
      i += 2;
    } else if (c === '[') {
      // A character class is one atom: skip to its closing bracket, honouring escapes.
      i++;
      if (p[i] === '^') i++;
      if (p[i] === ']') i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      if (/^\(\?<?[=!]/.test(p.slice(i)))
        return 'no se permiten aserciones de anticipación o retroceso (?= ?! ?<= ?<!)';
      pila.push({ repite: false, alterna: false });
      i += p.startsWith('(?:', i) ? 3 : p.startsWith('(?<', i) ? p.indexOf('>', i) + 1 : 1;
      continue;
    } else if (c === ')') {
      if (pila.length < 2) return 'paréntesis desbalanceados';
      atomo = pila.pop()!;
      i++;
    } else if (c === '|') {
      pila[pila.length - 1]!.alterna = true;
      i++;
      continue;
    } else {
      i++;
    }
    const q = leerCuantificador(p, i);
    if (!q) {
      if (atomo?.repite) pila[pila.length - 1]!.repite = true;
      continue;
    }
    i += q.largo;
    if (p[i] === '?') i++; // lazy modifier: same cost
    if (q.max > MAXIMO_REPETICIONES && q.max !== Infinity)
      return `repetición demasiado grande (máximo ${MAXIMO_REPETICIONES})`;
    if (q.max > REPETICION_LARGA) largos++;
    if (q.max > 1) {
      if (atomo?.repite) return 'no se permiten repeticiones anidadas como (a+)+';
      if (atomo?.alterna) return 'no se permite repetir una alternativa como (a|b)+';
      pila[pila.length - 1]!.repite = true;
    } else if (atomo?.repite) pila[pila.length - 1]!.repite = true;
  }
  if (pila.length !== 1) return 'paréntesis desbalanceados';
  if (largos > MAXIMO_CUANTIFICADORES_LARGOS)
    return `demasiadas repeticiones abiertas (máximo ${MAXIMO_CUANTIFICADORES_LARGOS} de *, + o {n,})`;
  return null;
}

const cache = new Map<string, VeredictoPatron>();

/** Checks and compiles a template's `validacion_regex` (Unicode mode, as written). */
export function compilarPatronSeguro(patron: string): VeredictoPatron {
  const hit = cache.get(patron);
  if (hit) return hit;
  let v: VeredictoPatron;
  if (patron.length > LARGO_MAXIMO_PATRON)
    v = { ok: false, motivo: `el patrón supera ${LARGO_MAXIMO_PATRON} caracteres` };
  else {
    const motivo = analizar(patron);
    if (motivo) v = { ok: false, motivo };
    else {
      try {
        v = { ok: true, regex: new RegExp(patron, 'u') };
      } catch (e) {
        v = { ok: false, motivo: `expresión regular inválida (${(e as Error).message})` };
      }
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(patron, v);
  return v;
}

export type VeredictoTexto =
  { ok: true } | { ok: false; motivo: 'PATRON_INSEGURO' | 'DEMASIADO_LARGO' | 'NO_COINCIDE' };

/** Tests an answer against a pattern, refusing unsafe patterns and over-long answers instead of running them. */
export function cumplePatron(patron: string, texto: string): VeredictoTexto {
  const p = compilarPatronSeguro(patron);
  if (!p.ok) return { ok: false, motivo: 'PATRON_INSEGURO' };
  if (texto.length > LARGO_MAXIMO_RESPUESTA) return { ok: false, motivo: 'DEMASIADO_LARGO' };
  return p.regex.test(texto) ? { ok: true } : { ok: false, motivo: 'NO_COINCIDE' };
}

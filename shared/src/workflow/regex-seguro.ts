/**
 * Template authors type `validacion_regex`, and JavaScript regexes backtrack: `(a+)+$` takes years on 40 characters,
 * and even bounded repetitions in a row (`a{0,50}` six times then `b`) blocked the server 9 s on a 71-character answer.
 * Two defences, so neither alone has to be perfect:
 * - on save, a pattern is refused unless its backtracking worst case stays small on the bounded inputs we evaluate: no
 *   nested or alternated repetition, no backreferences or lookaround, and the product of the ranges of its variable
 *   repetitions (`?`, `*`, `{0,50}`…) within a budget;
 * - every evaluation, on the server and on the desk, runs on RE2 (re2js), whose time is linear in the answer's length
 *   whatever the pattern: a pattern stored before these checks, or one they misjudge, still cannot block a process.
 * Answers longer than LARGO_MAXIMO_RESPUESTA are refused before any evaluation.
 */
import { RE2JS } from 're2js';

export const LARGO_MAXIMO_PATRON = 300;
export const LARGO_MAXIMO_RESPUESTA = 500;
/** Quantifiers whose upper bound exceeds this count as open-ended. */
const REPETICION_LARGA = 50;
const MAXIMO_CUANTIFICADORES_LARGOS = 3;
const MAXIMO_REPETICIONES = 1000;
/**
 * Backtracking can try every way of splitting the answer among the variable repetitions: at worst the product of their
 * ranges (each capped by the answer's length). The budget is that of three open-ended quantifiers, which the reference
 * templates' e-mail pattern needs.
 */
const PRESUPUESTO_COMBINACIONES = (LARGO_MAXIMO_RESPUESTA + 1) ** 3;

/** A checked pattern, evaluated by a linear-time engine (RE2): `coincide` is `RegExp.prototype.test`'s meaning. */
export type VeredictoPatron = { ok: true; coincide: (texto: string) => boolean } | { ok: false; motivo: string };

interface Grupo {
  repite: boolean;
  alterna: boolean;
}

/** Reads a quantifier at `i`; returns its upper bound (Infinity for open-ended) and its length, or null. */
function leerCuantificador(p: string, i: number): { min: number; max: number; largo: number } | null {
  const c = p[i];
  if (c === '*') return { min: 0, max: Infinity, largo: 1 };
  if (c === '+') return { min: 1, max: Infinity, largo: 1 };
  if (c === '?') return { min: 0, max: 1, largo: 1 };
  if (c !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  if (!m) return null;
  const max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
  return { min: Number(m[1]), max, largo: m[0].length };
}

/** How many lengths a repetition can take on an answer of the maximum length (1 for a fixed count). */
const alternativas = (q: { min: number; max: number }) =>
  Math.max(1, Math.min(q.max, LARGO_MAXIMO_RESPUESTA) - Math.min(q.min, LARGO_MAXIMO_RESPUESTA) + 1);

function analizar(p: string): string | null {
  const pila: Grupo[] = [{ repite: false, alterna: false }];
  let largos = 0;
  let combinaciones = 1;
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
      // A named group's name is skipped to its '>' (an absolute position, not a length).
      i = p.startsWith('(?:', i) ? i + 3 : p.startsWith('(?<', i) ? p.indexOf('>', i) + 1 : i + 1;
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
    combinaciones *= alternativas(q);
    if (q.max > 1) {
      if (atomo?.repite) return 'no se permiten repeticiones anidadas como (a+)+';
      if (atomo?.alterna) return 'no se permite repetir una alternativa como (a|b)+';
      pila[pila.length - 1]!.repite = true;
    } else if (atomo?.repite) pila[pila.length - 1]!.repite = true;
  }
  if (pila.length !== 1) return 'paréntesis desbalanceados';
  if (largos > MAXIMO_CUANTIFICADORES_LARGOS)
    return `demasiadas repeticiones abiertas (máximo ${MAXIMO_CUANTIFICADORES_LARGOS} de *, + o {n,})`;
  if (combinaciones > PRESUPUESTO_COMBINACIONES)
    return 'demasiadas repeticiones variables seguidas (como a{0,50}a{0,50}…): combine o acote las repeticiones';
  return null;
}

/**
 * RE2 spells a few JavaScript escapes differently: `\uXXXX` and `\u{X}` are `\x{X}`, `\p{Script=Latn}` is `\p{Latn}`.
 * Anything else RE2 does not know makes the pattern refused on save rather than evaluated differently.
 */
function sintaxisRe2(p: string): string {
  let r = '';
  for (let i = 0; i < p.length; i++) {
    if (p[i] !== '\\') {
      r += p[i];
      continue;
    }
    const resto = p.slice(i);
    const u = /^\\u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/.exec(resto);
    const prop = /^\\([pP])\{(?:Script|sc|General_Category|gc)=(\w+)\}/.exec(resto);
    if (u) r += `\\x{${u[1] ?? u[2]}}`;
    else if (prop) r += `\\${prop[1]}{${prop[2]}}`;
    else r += resto.slice(0, 2);
    i += ((u ?? prop)?.[0].length ?? 2) - 1;
  }
  return r;
}

function compilar(patron: string): VeredictoPatron {
  try {
    new RegExp(patron, 'u');
  } catch (e) {
    return { ok: false, motivo: `expresión regular inválida (${(e as Error).message})` };
  }
  try {
    const re2 = RE2JS.compile(sintaxisRe2(patron));
    return { ok: true, coincide: (texto) => re2.matcher(texto).find() };
  } catch (e) {
    return { ok: false, motivo: `sintaxis no admitida por el validador (${(e as Error).message})` };
  }
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
      v = compilar(patron);
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
  return p.coincide(texto) ? { ok: true } : { ok: false, motivo: 'NO_COINCIDE' };
}

/**
 * Issue 8 item 3: a template's validacion_regex cannot block a process. Runs of bounded repetitions (the attack:
 * `a{0,50}` six times then `b`, 9 s on a 71-character answer) are refused on save, and every evaluation, on the server
 * and on the desk (the same shared module), runs on a linear-time engine, so even an accepted worst case stays fast.
 */
import { describe, expect, it } from 'vitest';
import { compilarPatronSeguro, cumplePatron, LARGO_MAXIMO_RESPUESTA } from '#shared/workflow/regex-seguro';

const ATAQUE = `^${'a{0,50}'.repeat(6)}b$`;

describe('al guardar la plantilla', () => {
  it.each([
    ['el patrón del ataque', ATAQUE],
    ['treinta opcionales seguidos de lo mismo', `^${'a?'.repeat(30)}${'a'.repeat(30)}$`],
    ['repeticiones acotadas anidadas', '^(?:a{0,50}){0,50}b$'],
    ['un grupo con nombre que ocultaba la anidación', '^(?<x>a)(a+)+$'],
  ])('rechaza %s', (_caso, patron) => {
    const v = compilarPatronSeguro(patron);
    expect(v.ok).toBe(false);
  });

  it('sigue aceptando los patrones de las plantillas de referencia y escapes de JavaScript', () => {
    for (const p of [
      '^[a-zA-ZáéíóúÁÉÍÓÚñÑ ]{3,100}$',
      '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$',
      '^[A-Z]{1,3}-\\d{1,6}$',
      '^\\u00e9\\p{L}+$',
      '^\\p{Script=Latin}+$',
    ])
      expect(compilarPatronSeguro(p).ok, p).toBe(true);
    expect(cumplePatron('^\\u00e9\\p{L}+$', 'éxito')).toEqual({ ok: true });
    expect(cumplePatron('^[A-Z]{1,3}-\\d{1,6}$', 'PE-123')).toEqual({ ok: true });
    expect(cumplePatron('^[A-Z]{1,3}-\\d{1,6}$', 'PE-12a')).toEqual({ ok: false, motivo: 'NO_COINCIDE' });
  });
});

describe('al evaluar una respuesta', () => {
  it('un patrón guardado antes de la corrección no se ejecuta: la respuesta se rechaza al instante', () => {
    const inicio = performance.now();
    expect(cumplePatron(ATAQUE, 'a'.repeat(71))).toEqual({ ok: false, motivo: 'PATRON_INSEGURO' });
    expect(performance.now() - inicio).toBeLessThan(50);
  });

  it('el peor caso aceptado tarda tiempo lineal, no polinómico: 10 veces la entrada, menos de 30 veces el tiempo', () => {
    // Three overlapping open-ended repetitions: backtracking is cubic in the answer's length, RE2 is linear.
    const patron = '^a*a*a*b$';
    expect(compilarPatronSeguro(patron).ok).toBe(true);
    const medir = (n: number) => {
      const inicio = performance.now();
      for (let i = 0; i < 20; i++) expect(cumplePatron(patron, 'a'.repeat(n)).ok).toBe(false);
      return performance.now() - inicio;
    };
    medir(LARGO_MAXIMO_RESPUESTA); // warm-up
    const corto = medir(LARGO_MAXIMO_RESPUESTA / 10);
    const largo = medir(LARGO_MAXIMO_RESPUESTA);
    expect(largo).toBeLessThan(Math.max(corto, 1) * 30);
    expect(largo / 20).toBeLessThan(20);
  });
});

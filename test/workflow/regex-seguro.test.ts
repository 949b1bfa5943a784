/** validacion_regex is typed by template authors: catastrophic patterns are refused, safe ones stay fast on bad input. */
import { describe, expect, it } from 'vitest';
import { compilarPatronSeguro, cumplePatron, LARGO_MAXIMO_RESPUESTA } from '#shared/workflow/regex-seguro';

describe('patrones de validación seguros', () => {
  it.each([
    ['^(a+)+$', 'repeticiones anidadas'],
    ['^(\\w*\\s?)*$', 'repeticiones anidadas'],
    ['^(a|aa)+$', 'repetir una alternativa'],
    ['^(.*a){20}$', 'repeticiones anidadas'],
    ['^(a)\\1$', 'referencias hacia atrás'],
    ['^(?=a).*$', 'aserciones'],
    ['^a{1,5000}$', 'repetición demasiado grande'],
    ['^\\d+\\d+\\d+\\d+x$', 'demasiadas repeticiones abiertas'],
    ['^(abc$', 'paréntesis'],
  ])('rechaza %s (%s)', (patron, motivo) => {
    const v = compilarPatronSeguro(patron);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.motivo).toContain(motivo);
  });

  it('acepta los patrones del ejemplo de referencia', () => {
    for (const p of [
      '^[a-zA-ZáéíóúÁÉÍÓÚñÑ ]{3,100}$',
      '^\\d{4}-\\d{2}-\\d{2}$',
      '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$',
      '^\\+?[0-9]{8,15}$',
      '^[A-Z0-9-]{5,20}$',
      '^(SI|NO)$',
      '^(?:\\d{3})?-\\d+$',
    ])
      expect(compilarPatronSeguro(p).ok, p).toBe(true);
  });

  it('un patrón aceptado responde rápido ante la peor entrada del tamaño máximo', () => {
    const email = '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$';
    const inicio = performance.now();
    expect(cumplePatron(email, `${'a'.repeat(LARGO_MAXIMO_RESPUESTA - 2)}@a`)).toEqual({
      ok: false,
      motivo: 'NO_COINCIDE',
    });
    expect(cumplePatron(email, 'a@'.repeat(LARGO_MAXIMO_RESPUESTA / 2))).toEqual({ ok: false, motivo: 'NO_COINCIDE' });
    expect(performance.now() - inicio).toBeLessThan(200);
  });

  it('una respuesta más larga que el máximo no se evalúa', () => {
    expect(cumplePatron('^a*$', 'a'.repeat(LARGO_MAXIMO_RESPUESTA + 1))).toEqual({
      ok: false,
      motivo: 'DEMASIADO_LARGO',
    });
  });
});

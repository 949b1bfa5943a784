/** The demo generator (server/src/demo/generador.ts): believable people, and the same demo from the same seed. */
import { describe, expect, it } from 'vitest';
import { generarCaso, prng } from '../../server/src/demo/generador.js';

const casos = (semilla: number) => {
  const r = prng(semilla);
  return Array.from({ length: 2000 }, () => generarCaso(r, '2026-11-30'));
};

describe('generador de demostración', () => {
  it('nadie lleva el mismo nombre dos veces ("Daniela Daniela"), y hay segundos nombres', () => {
    const personas = casos(7).flatMap((c) => c.personas);
    expect(personas.filter((p) => p.segundo_nombre !== null && p.segundo_nombre === p.primer_nombre)).toEqual([]);
    expect(personas.filter((p) => p.segundo_nombre !== null).length).toBeGreaterThan(personas.length / 3);
  });

  it('la misma semilla da la misma demostración', () => {
    expect(JSON.stringify(casos(11))).toBe(JSON.stringify(casos(11)));
  });
});

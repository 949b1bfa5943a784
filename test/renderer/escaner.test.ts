/** The scanner detector: a burst of keys under 50 ms apart ending in Enter is a scan; a person's typing never is. */
import { describe, expect, it } from 'vitest';
import { DetectorEscaner } from '../../renderer/src/app/escaner';

/** Feeds `texto` then Enter, one key every `intervalo` ms from `desde`; returns what Enter answered. */
function teclear(d: DetectorEscaner, texto: string, intervalo: number, desde = 1000): string | null {
  let t = desde;
  for (const c of texto) {
    expect(d.tecla(c, t)).toBeNull();
    t += intervalo;
  }
  return d.tecla('Enter', t);
}

describe('DetectorEscaner', () => {
  it('un código escaneado (teclas cada 8 ms y Enter) se reconoce entero', () => {
    expect(teclear(new DetectorEscaner(), 'PPSH-2026-000123', 8)).toBe('PPSH-2026-000123');
  });

  it('una persona que teclea el mismo texto (120 ms por tecla) no es un escáner', () => {
    expect(teclear(new DetectorEscaner(), 'PPSH-2026-000123', 120)).toBeNull();
  });

  it('lo tecleado antes por la persona no se pega al código escaneado', () => {
    const d = new DetectorEscaner();
    d.tecla('h', 0);
    d.tecla('o', 200);
    d.tecla('l', 400);
    expect(teclear(d, 'PROV-01-ABCDEF', 5, 2000)).toBe('PROV-01-ABCDEF');
  });

  it('un Enter tardío tras una ráfaga no cuenta (la persona pulsó Enter después)', () => {
    const d = new DetectorEscaner();
    for (const [i, c] of [...'ABCDEFGH'].entries()) d.tecla(c, 100 + i * 5);
    expect(d.tecla('Enter', 900)).toBeNull();
  });

  it('ráfagas cortas (atajos, repetición de tecla) no abren nada', () => {
    expect(teclear(new DetectorEscaner(), 'aaa', 5)).toBeNull();
  });

  it('una tecla especial en medio corta la ráfaga', () => {
    const d = new DetectorEscaner();
    for (const [i, c] of [...'ABCD'].entries()) d.tecla(c, i * 5);
    d.tecla('Shift', 22);
    expect(teclear(d, 'EF', 5, 24)).toBeNull();
  });
});

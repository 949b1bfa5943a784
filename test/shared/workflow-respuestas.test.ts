import { describe, expect, it } from 'vitest';
import { slots, valorDeFila, valoresDe, type RespuestaGuardada } from '#shared/workflow/respuestas';

const guardada = (etapa_id: string, codigo: string, valor: Parameters<typeof slots>[1]): RespuestaGuardada => ({
  fila: slots('TEXTO', valor),
  etapa_id,
  codigo,
});

describe('respuestas de workflow', () => {
  it('cada tipo de respuesta va a su columna', () => {
    expect(slots('SELECCION_FECHA', '2026-03-10')).toMatchObject({ valor_fecha: '2026-03-10', valor_texto: null });
    expect(slots('TEXTO', 'Juan')).toMatchObject({ valor_texto: 'Juan', valor_fecha: null });
    expect(slots('SI_NO', false)).toMatchObject({ valor_booleano: 0 });
    expect(slots('LISTA', ['A', 'B'])).toMatchObject({ valor_json: '["A","B"]', archivos: null });
    expect(slots('DOCUMENTOS', [{ nombre: 'a.pdf' }])).toMatchObject({
      archivos: '[{"nombre":"a.pdf"}]',
      valor_json: null,
    });
    expect(Object.values(slots('TEXTO', null)).every((v) => v === null)).toBe(true);
  });

  it('lo guardado se lee igual que se respondió', () => {
    for (const valor of ['Juan', true, false, ['A'], [{ nombre: 'a.pdf' }], 7, null])
      expect(valorDeFila(slots('TEXTO', valor as Parameters<typeof slots>[1]))).toEqual(valor);
    expect(valorDeFila(slots('SELECCION_FECHA', '2026-03-10'))).toBe('2026-03-10');
  });

  it('una fila del espejo del escritorio sin columnas vacías se lee igual', () => {
    expect(valorDeFila({ valor_booleano: 1 })).toBe(true);
    expect(valorDeFila({})).toBeNull();
  });

  it('las condiciones ven la respuesta de la etapa actual por encima de la de etapas anteriores', () => {
    const guardadas = [guardada('E2', 'PAIS', 'PA'), guardada('E1', 'PAIS', 'CO'), guardada('E1', 'NOMBRE', 'Ana')];
    expect(valoresDe(guardadas, 'E2')).toEqual({ PAIS: 'PA', NOMBRE: 'Ana' });
    expect(valoresDe(guardadas, 'E1')).toEqual({ PAIS: 'CO', NOMBRE: 'Ana' });
  });
});

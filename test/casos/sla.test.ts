/** SLA rules of the caseload (shared/src/casos/sla.ts) across weekends and Panama's national holidays. */
import { describe, expect, it } from 'vitest';
import { calcularSla, fechaCorte, type DatosSla } from '#shared/casos/sla';
import { diasHabilesEntre, esDiaHabil, sumarDias } from '#shared/calendario';

const incompleto = (desdeFecha: string): DatosSla => ({
  tipo: 'PPSH',
  estado: 'INCOMPLETO',
  es_final: false,
  fecha_apertura: '2026-01-05',
  fecha_estado: `${desdeFecha}T15:00:00.000Z`,
  fecha_estimada_fin: null,
});

describe('plazo de subsanación (INCOMPLETO, 3 días hábiles)', () => {
  it('un viernes antes de Carnaval: lunes y martes de Carnaval no cuentan, vence el lunes siguiente', () => {
    // 2026: Carnival Monday 16 and Tuesday 17 February are national holidays.
    expect(calcularSla(incompleto('2026-02-13'), '2026-02-18').estado).toBe('EN_PLAZO');
    expect(calcularSla(incompleto('2026-02-13'), '2026-02-20')).toEqual({
      estado: 'POR_VENCER',
      regla: 'SUBSANACION',
      dias_habiles: 3,
    });
    expect(calcularSla(incompleto('2026-02-13'), '2026-02-22').estado).toBe('POR_VENCER');
    expect(calcularSla(incompleto('2026-02-13'), '2026-02-23')).toEqual({
      estado: 'VENCIDO',
      regla: 'SUBSANACION',
      dias_habiles: 4,
    });
  });

  it('las fiestas patrias de noviembre (3, 4, 5 y 10) alargan el plazo', () => {
    // 2026-11-02 is a Monday; 3, 4, 5 and 10 November are holidays; 6 is a Friday.
    expect(diasHabilesEntre('2026-11-02', '2026-11-11')).toBe(3);
    expect(calcularSla(incompleto('2026-11-02'), '2026-11-11').estado).toBe('POR_VENCER');
    expect(calcularSla(incompleto('2026-11-02'), '2026-11-12').estado).toBe('VENCIDO');
  });

  it('la hora de Panamá decide el día: las 23:30 del lunes en Panamá son el martes en UTC', () => {
    const lunesNoche = { ...incompleto('2026-03-02'), fecha_estado: '2026-03-03T04:30:00.000Z' };
    expect(calcularSla(lunesNoche, '2026-03-05').dias_habiles).toBe(3);
  });
});

describe('plazo general y fecha estimada', () => {
  const abierto = (fecha_apertura: string, extra: Partial<DatosSla> = {}): DatosSla => ({
    tipo: 'WORKFLOW',
    estado: 'EN_PROGRESO',
    es_final: false,
    fecha_apertura,
    fecha_estado: `${fecha_apertura}T15:00:00.000Z`,
    fecha_estimada_fin: null,
    ...extra,
  });

  it('un caso abierto vence pasados 20 días hábiles y avisa pasados 15', () => {
    expect(calcularSla(abierto('2026-03-02'), '2026-03-20').estado).toBe('EN_PLAZO');
    expect(calcularSla(abierto('2026-03-02'), '2026-03-25').estado).toBe('POR_VENCER');
    // Holy Thursday is not a holiday, Good Friday (3 April 2026) is.
    expect(diasHabilesEntre('2026-03-02', '2026-03-31')).toBe(21);
    expect(calcularSla(abierto('2026-03-02'), '2026-03-31').estado).toBe('VENCIDO');
  });

  it('con fecha estimada de fin manda esa fecha', () => {
    const c = abierto('2026-03-02', { fecha_estimada_fin: '2026-03-10' });
    expect(calcularSla(c, '2026-03-04').estado).toBe('EN_PLAZO');
    expect(calcularSla(c, '2026-03-09').estado).toBe('POR_VENCER');
    expect(calcularSla(c, '2026-03-11')).toMatchObject({ estado: 'VENCIDO', regla: 'FECHA_ESTIMADA' });
  });

  it('un caso cerrado no tiene plazo', () => {
    expect(calcularSla({ ...abierto('2020-01-01'), es_final: true }).estado).toBe('CERRADO');
  });
});

describe('fechaCorte: el filtro "vencido" como comparación de fechas', () => {
  it('coincide con diasHabilesEntre en cualquier día de 2026', () => {
    for (let d = new Date('2026-01-01'); d < new Date('2027-01-01'); d.setUTCDate(d.getUTCDate() + 1)) {
      const hoy = d.toISOString().slice(0, 10);
      const corte = fechaCorte(3, hoy);
      expect(diasHabilesEntre(corte, hoy)).toBeGreaterThan(3);
      const siguiente = new Date(`${corte}T00:00:00Z`);
      siguiente.setUTCDate(siguiente.getUTCDate() + 1);
      expect(diasHabilesEntre(siguiente.toISOString().slice(0, 10), hoy)).toBeLessThanOrEqual(3);
    }
  });
});

describe('diasHabilesEntre por aritmética', () => {
  it('coincide con contar día por día en rangos de hasta dos años y medio, cruzando años y feriados', () => {
    const diaPorDia = (desde: string, hasta: string) => {
      let n = 0;
      for (let d = sumarDias(desde, 1); d <= hasta; d = sumarDias(d, 1)) if (esDiaHabil(d)) n++;
      return n;
    };
    for (let a = 0; a < 800; a += 11) {
      for (let b = a; b < a + 900; b += 17) {
        const desde = sumarDias('2025-01-01', a);
        const hasta = sumarDias('2025-01-01', b);
        expect(diasHabilesEntre(desde, hasta), `${desde} → ${hasta}`).toBe(diaPorDia(desde, hasta));
      }
    }
  });
});

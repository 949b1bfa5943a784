import { describe, expect, it } from 'vitest';
import { resumenPersonas, type PersonaResumen } from '#shared/ppsh/resumen';

const persona = (p: Partial<PersonaResumen>): PersonaResumen => ({
  es_titular: 0,
  num_documento: 'PA123',
  primer_nombre: 'José',
  primer_apellido: 'Núñez',
  ...p,
});

describe('resumen de las personas de una solicitud', () => {
  it('el titular da nombre y documento; la búsqueda encuentra a todos sin acentos', () => {
    const r = resumenPersonas('PPSH-2026-000001', null, [
      persona({ num_documento: 'HIJ01', primer_nombre: 'Ana' }),
      persona({ es_titular: 1, segundo_apellido: 'Pérez' }),
    ]);
    expect(r).toMatchObject({ nombre_titular: 'José Núñez Pérez', documento_titular: 'PA123', total_personas: 2 });
    expect(r.texto_busqueda).toContain('ppsh-2026-000001');
    expect(r.texto_busqueda).toContain('ana nunez');
    expect(r.texto_busqueda).toContain('jose nunez perez');
  });

  it('sin número aún, la referencia provisional hace buscable la solicitud', () => {
    const r = resumenPersonas(null, 'PROV-02-ABCD1234', [persona({ es_titular: true })]);
    expect(r.texto_busqueda).toContain('prov-02-abcd1234');
  });

  it('sin titular marcado, la primera persona hace de titular', () => {
    expect(resumenPersonas(null, null, [persona({ primer_nombre: 'Ana' })]).nombre_titular).toBe('Ana Núñez');
  });
});

/**
 * The counter form's draft and checklist (pure, under Node): the schema's messages land on the field they belong to,
 * a person's own checks show before the rest of the form is valid, the request kind follows the dependents, and the
 * minors' power of attorney becomes mandatory with a minor dependent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { erroresDe, solicitudDe, useBorrador } from '../../renderer/src/registro/borrador';
import { checklist, hayMenores } from '../../renderer/src/registro/checklist';

const b = () => useBorrador.getState();

function titularValido() {
  const campos = {
    num_documento: 'v9876543',
    pais_emisor: 'VEN',
    primer_nombre: 'Mariela',
    primer_apellido: 'Gutiérrez',
    fecha_nacimiento: '1986-03-14',
    cod_sexo: 'F',
    cod_nacionalidad: 'VEN',
  } as const;
  for (const [c, v] of Object.entries(campos)) b().cambiarTitular(c as keyof typeof campos, v);
  b().cambiarCaso('cod_causa_humanitaria', '4');
}

beforeEach(() => b().reiniciar());

describe('borrador del registro', () => {
  it('un formulario vacío dice «Campo obligatorio» en cada campo requerido y pide la causa en palabras de ventanilla', () => {
    const e = erroresDe(b());
    expect(e['titular.primer_nombre']).toBe('Campo obligatorio');
    expect(e['titular.fecha_nacimiento']).toBe('Campo obligatorio');
    expect(e['caso.cod_causa_humanitaria']).toBe('Seleccione una causa humanitaria');
    expect(e['titular.segundo_nombre']).toBeUndefined();
  });

  it('la cédula mal escrita se señala aunque el resto del formulario siga vacío', () => {
    b().cambiarTitular('tipo_documento', 'CEDULA');
    b().cambiarTitular('num_documento', '123456');
    expect(erroresDe(b())['titular.num_documento']).toBe('Cédula inválida: use el formato 8-123-4567');
    b().cambiarTitular('num_documento', '8-123-4567');
    expect(erroresDe(b())['titular.num_documento']).toBeUndefined();
  });

  it('un titular válido no tiene errores; el documento va en mayúsculas y el tipo es INDIVIDUAL', () => {
    titularValido();
    expect(erroresDe(b())).toEqual({});
    const s = solicitudDe(b()) as { tipo_solicitud: string; solicitantes: { num_documento: string }[] };
    expect(s.tipo_solicitud).toBe('INDIVIDUAL');
    expect(s.solicitantes[0]!.num_documento).toBe('V9876543');
  });

  it('un dependiente hace la solicitud GRUPAL y sus errores llevan su número', () => {
    titularValido();
    b().agregarDependiente();
    expect((solicitudDe(b()) as { tipo_solicitud: string }).tipo_solicitud).toBe('GRUPAL');
    expect(erroresDe(b())['dependiente.0.primer_nombre']).toBe('Campo obligatorio');
    const campos = {
      num_documento: 'V5566778',
      pais_emisor: 'VEN',
      primer_nombre: 'Santiago',
      primer_apellido: 'Gutiérrez',
      fecha_nacimiento: '2015-08-02',
      cod_sexo: 'M',
      cod_nacionalidad: 'VEN',
    } as const;
    for (const [c, v] of Object.entries(campos)) b().cambiarDependiente(0, c as keyof typeof campos, v);
    // The request-level rules (zod refinements) run once every field parses: then the missing relationship shows.
    expect(erroresDe(b())).toEqual({
      'dependiente.0.parentesco_titular': 'Indique el parentesco del dependiente con el titular',
    });
    b().cambiarDependiente(0, 'parentesco_titular', 'HIJO');
    expect(erroresDe(b())).toEqual({});
  });

  it('la prioridad ALTA exige una descripción de 50 caracteres y el titular debe ser mayor de edad', () => {
    titularValido();
    b().cambiarCaso('prioridad', 'ALTA');
    expect(erroresDe(b())['caso.descripcion_caso']).toMatch(/al menos 50 caracteres/);
    b().cambiarCaso('descripcion_caso', 'x'.repeat(50));
    expect(erroresDe(b())['caso.descripcion_caso']).toBeUndefined();
    b().cambiarTitular('fecha_nacimiento', '2015-01-01');
    expect(erroresDe(b())['titular.fecha_nacimiento']).toBe('El titular debe ser mayor de 18 años');
  });
});

describe('lista de documentos del decreto', () => {
  const filas = [
    { cod_tipo_doc: 3, nombre_tipo: 'Pasaporte Notariado', es_obligatorio: 1, categoria: 'IDENTIFICACION', orden: 3 },
    { cod_tipo_doc: 10, nombre_tipo: 'Poder Notariado Menores', es_obligatorio: 0, categoria: 'MENORES', orden: 10 },
    { cod_tipo_doc: 1, nombre_tipo: 'Fotografías', es_obligatorio: 1, categoria: 'IDENTIFICACION', orden: 1 },
    { cod_tipo_doc: 9, nombre_tipo: 'Retirado', es_obligatorio: 1, categoria: 'OTRO', orden: 9, activo: 0 },
  ];

  it('en el orden del catálogo, sin los tipos inactivos; el poder de menores solo es obligatorio con un menor', () => {
    expect(checklist(filas, false).map((t) => [t.cod, t.obligatorio])).toEqual([
      [1, true],
      [3, true],
      [10, false],
    ]);
    expect(checklist(filas, true).find((t) => t.cod === 10)!.obligatorio).toBe(true);
  });

  it('menor de edad según la fecha de Panamá; fechas incompletas no cuentan', () => {
    expect(hayMenores(['2015-08-02'], '2026-11-30')).toBe(true);
    expect(hayMenores(['2008-11-30'], '2026-11-30')).toBe(false);
    expect(hayMenores(['2008-12-01'], '2026-11-30')).toBe(true);
    expect(hayMenores(['', '2015-'], '2026-11-30')).toBe(false);
  });
});

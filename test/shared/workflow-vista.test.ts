import { describe, expect, it } from 'vitest';
import type { PlantillaDef } from '#shared/workflow/motor';
import { slots } from '#shared/workflow/respuestas';
import { vistaInstancia, type VistaInstanciaPedido } from '#shared/workflow/vista';
import { conexion, etapa, pregunta } from './helpers/plantilla.js';

/** A visa stage that asks for the employer only when the applicant works, and routes by the same answer. */
const def: PlantillaDef = {
  etapas: [
    etapa('DATOS', {
      es_etapa_inicial: true,
      preguntas: [pregunta('TRABAJA'), pregunta('EMPLEADOR', { mostrar_si: { pregunta: 'TRABAJA', valor: 'SI' } })],
    }),
    etapa('LABORAL'),
    etapa('FIN', { es_etapa_final: true }),
  ],
  conexiones: [
    conexion('DATOS', 'LABORAL', { condicion: { pregunta: 'TRABAJA', valor: 'SI' } }),
    conexion('DATOS', 'FIN', { es_predeterminada: true }),
  ],
};

const vista = (p: Partial<VistaInstanciaPedido<string>> & { trabaja?: string }) =>
  vistaInstancia({
    workflow: { id: 'w1', codigo: 'VISA', nombre: 'Visa', version_plantilla: '1.0' },
    def,
    instancia: { estado: 'EN_PROGRESO', etapa_actual_id: 'e-DATOS' },
    guardadas: p.trabaja ? [{ fila: slots('RESPUESTA_TEXTO', p.trabaja), etapa_id: 'e-DATOS', codigo: 'TRABAJA' }] : [],
    rol: 'RECEPCION',
    ...p,
  });

describe('vista de un trámite de workflow', () => {
  it('muestra la plantilla y las respuestas por código de etapa', () => {
    const v = vista({ trabaja: 'SI' });
    expect(v.workflow).toEqual({ id: 'w1', codigo: 'VISA', nombre: 'Visa', version_plantilla: '1.0' });
    expect(v.respuestas).toEqual({ DATOS: { TRABAJA: 'SI' } });
  });

  it('la pregunta condicionada aparece solo cuando mostrar_si se cumple', () => {
    expect(vista({ trabaja: 'NO' }).etapa_actual?.preguntas.map((p) => p.codigo)).toEqual(['TRABAJA']);
    expect(vista({ trabaja: 'SI' }).etapa_actual?.preguntas.map((p) => p.codigo)).toEqual(['TRABAJA', 'EMPLEADOR']);
  });

  it('los destinos siguen la condición, y la conexión predeterminada solo si ninguna se cumple', () => {
    expect(vista({ trabaja: 'SI' }).acciones.destinos_posibles).toEqual([
      { etapa_id: 'e-LABORAL', etapa: 'LABORAL', conexion: 'DATOS a LABORAL' },
    ]);
    expect(vista({ trabaja: 'NO' }).acciones.destinos_posibles.map((d) => d.etapa)).toEqual(['FIN']);
  });

  it('un rol fuera de los perfiles de la etapa no responde ni transiciona', () => {
    expect(vista({ rol: 'ANALISTA' }).acciones).toMatchObject({ puede_responder: false, puede_transicionar: false });
    expect(vista({}).acciones).toMatchObject({ puede_responder: true, puede_transicionar: true });
  });

  it('un trámite cancelado no ofrece acciones', () => {
    const v = vista({ instancia: { estado: 'CANCELADO', etapa_actual_id: 'e-DATOS' } });
    expect(v.acciones).toEqual({ puede_responder: false, puede_transicionar: false, destinos_posibles: [] });
  });

  it('sin etapa actual en la plantilla no hay etapa ni acciones', () => {
    const v = vista({ instancia: { estado: 'EN_PROGRESO', etapa_actual_id: 'e-BORRADA' } });
    expect(v.etapa_actual).toBeNull();
    expect(v.acciones.destinos_posibles).toEqual([]);
  });
});

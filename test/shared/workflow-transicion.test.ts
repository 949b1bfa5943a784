import { describe, expect, it } from 'vitest';
import type { PlantillaDef } from '#shared/workflow/motor';
import { moverInstancia, type PedidoMovimiento } from '#shared/workflow/transicion';
import { conexion, etapa } from './helpers/plantilla.js';

/** DATOS → REVISION (validated by a supervisor) → FIN. */
const def: PlantillaDef = {
  etapas: [
    etapa('DATOS', { es_etapa_inicial: true }),
    etapa('REVISION', { requiere_validacion: true }),
    etapa('FIN', { es_etapa_final: true, perfiles_permitidos: ['SUPERVISOR'] }),
  ],
  conexiones: [conexion('DATOS', 'REVISION', { nombre: null }), conexion('REVISION', 'FIN')],
};
const instante = '2026-03-10T15:00:00.000Z';
const mover = (p: Partial<PedidoMovimiento>) =>
  moverInstancia({
    def,
    etapa: def.etapas[0]!,
    rol: 'RECEPCION',
    valores: {},
    transicion: { respuestas: {} },
    instante,
    ...p,
  });

describe('mover un trámite de etapa', () => {
  it('pasa a la etapa destino, queda pendiente de validación y lo anota en el historial', () => {
    const m = mover({ transicion: { etapa_destino: 'REVISION', respuestas: {}, comentario: 'Listo' } });
    expect(m).toMatchObject({
      ok: true,
      columnas: {
        estado: 'EN_PROGRESO',
        etapa_actual_id: 'e-REVISION',
        etapa_actual_codigo: 'REVISION',
        etapa_actual_nombre: 'Etapa REVISION',
        pendiente_validacion: 1,
        fecha_etapa: instante,
        fecha_fin: null,
      },
      historial: {
        destino: 'e-REVISION',
        estado_nuevo: 'EN_PROGRESO',
        descripcion: 'DATOS → REVISION',
        datos: {
          conexion_id: 'c-DATOS-REVISION',
          etapa_origen: 'DATOS',
          etapa_destino: 'REVISION',
          comentario: 'Listo',
        },
      },
    });
  });

  it('llegar a la etapa final completa el trámite y lo cierra en ese instante', () => {
    const m = mover({ etapa: def.etapas[1]!, rol: 'SUPERVISOR', transicion: { respuestas: {} } });
    expect(m).toMatchObject({
      ok: true,
      columnas: { estado: 'COMPLETADO', pendiente_validacion: 0, fecha_fin: instante },
      historial: { descripcion: 'REVISION a FIN', datos: { comentario: null } },
    });
  });

  it('la etapa que requiere validación solo la cierra un validador', () => {
    const m = mover({ etapa: def.etapas[1]!, rol: 'RECEPCION' });
    expect(m).toMatchObject({ ok: false, code: 'PERMISO_DENEGADO' });
  });

  it('un destino sin conexión desde la etapa actual se rechaza', () => {
    expect(mover({ transicion: { etapa_destino: 'FIN', respuestas: {} } })).toMatchObject({
      ok: false,
      code: 'TRANSICION_NO_PERMITIDA',
    });
  });
});

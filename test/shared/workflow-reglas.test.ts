import { describe, expect, it } from 'vitest';
import {
  rechazoSiTramiteCerrado,
  validarCambiosInstancia,
  validarInicio,
  validarRespuestasEtapa,
  type PlantillaParaIniciar,
} from '#shared/workflow/reglas';
import { etapa, pregunta } from './helpers/plantilla.js';

const datos = etapa('DATOS', { es_etapa_inicial: true, preguntas: [pregunta('NOMBRE')] });
const visa = (p: Partial<PlantillaParaIniciar> = {}): PlantillaParaIniciar => ({
  codigo: 'VISA',
  estado: 'ACTIVO',
  creadores: ['RECEPCIONISTA'],
  def: { etapas: [datos], conexiones: [] },
  ...p,
});

describe('reglas de trámites de workflow', () => {
  it('un trámite completado o cancelado no admite cambios', () => {
    expect(rechazoSiTramiteCerrado('COMPLETADO')).toEqual({
      ok: false,
      code: 'EDICION_NO_PERMITIDA',
      message: 'El trámite está COMPLETADO y no admite cambios',
    });
    expect(rechazoSiTramiteCerrado('EN_PROGRESO')).toBeNull();
  });

  it('una recepcionista inicia un trámite de plantilla ACTIVA en su etapa inicial', () => {
    expect(validarInicio(visa(), 'RECEPCION')).toEqual({ ok: true, inicial: datos });
  });

  it('una plantilla en borrador no inicia trámites', () => {
    expect(validarInicio(visa({ estado: 'BORRADOR' }), 'RECEPCION')).toMatchObject({
      code: 'REGLA_NEGOCIO',
      message: 'La plantilla VISA está BORRADOR: solo se inician trámites con plantillas ACTIVAS',
    });
  });

  it('un rol fuera de los perfiles creadores no inicia', () => {
    expect(validarInicio(visa(), 'ANALISTA')).toMatchObject({
      code: 'PERMISO_DENEGADO',
      message: 'Su rol (ANALISTA) no inicia trámites VISA (perfiles: RECEPCIONISTA)',
    });
  });

  it('una plantilla sin etapa inicial no inicia', () => {
    const sinInicial = visa({ def: { etapas: [etapa('DATOS')], conexiones: [] } });
    expect(validarInicio(sinInicial, 'RECEPCION')).toMatchObject({
      code: 'REGLA_NEGOCIO',
      message: 'La plantilla VISA no tiene etapa inicial activa',
    });
  });

  it('responder exige actuar en la etapa', () => {
    expect(validarRespuestasEtapa('ANALISTA', datos, {}, { NOMBRE: 'Ana' })).toMatchObject({
      code: 'PERMISO_DENEGADO',
      message: 'Su rol (ANALISTA) no actúa en la etapa DATOS (perfiles: RECEPCIONISTA)',
    });
  });

  it('una respuesta a una pregunta que la etapa no tiene es VALIDACION con el detalle', () => {
    const r = validarRespuestasEtapa('RECEPCION', datos, { EDAD: '30' }, { EDAD: '30' });
    expect(r).toMatchObject({ code: 'VALIDACION', message: 'La etapa DATOS no tiene la pregunta EDAD' });
    expect(r?.details).toEqual({ errores: [expect.objectContaining({ pregunta: 'EDAD', motivo: 'NO_EXISTE' })] });
    expect(validarRespuestasEtapa('RECEPCION', datos, { NOMBRE: 'Ana' }, { NOMBRE: 'Ana' })).toBeNull();
  });

  it('cancelar, reasignar y editar dependen del rol', () => {
    const nada = { cancela: false, asigna: false, edita: false };
    expect(validarCambiosInstancia('ANALISTA', { ...nada, cancela: true })?.message).toBe('Su rol no cancela trámites');
    expect(validarCambiosInstancia('RECEPCION', { ...nada, cancela: true })).toBeNull();
    expect(validarCambiosInstancia('CONSULTA', { ...nada, asigna: true })?.message).toBe('Su rol no asigna trámites');
    expect(validarCambiosInstancia('CONSULTA', { ...nada, edita: true })).toMatchObject({
      code: 'PERMISO_DENEGADO',
      message: 'Su rol no permite esta acción',
    });
  });
});

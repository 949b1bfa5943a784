import { describe, expect, it } from 'vitest';
import {
  cambiosResultadoEntrevista,
  rechazoSiCerrada,
  validarCambioEstado,
  validarEdicionSolicitante,
  validarFechaEntrevista,
  validarMetodoPago,
  validarPrioridad,
  type CambioEstadoPedido,
} from '#shared/ppsh/reglas';

/** A state change as an analyst asks it today (2026-03-10) on a case that entered its state on 2026-03-02. */
const pedido = (p: Partial<CambioEstadoPedido>): CambioEstadoPedido => ({
  desde: 'EN_EVALUACION',
  hacia: 'EN_ENTREVISTA',
  rol: 'ANALISTA',
  fechaEstado: '2026-03-02T15:00:00.000Z',
  hoy: '2026-03-10',
  cambio: {},
  ...p,
});

describe('validarCambioEstado', () => {
  /** The analyst gives an unfavourable opinion on a case INCOMPLETO since 2026-03-02 (a Monday). */
  const desfavorableDesdeIncompleto = (hoy: string) =>
    validarCambioEstado(
      pedido({
        desde: 'INCOMPLETO',
        hacia: 'CON_DICTAMEN_DESFAV',
        hoy,
        cambio: { tipo_dictamen: 'DESFAVORABLE', dictamen_detalle: 'No subsanó' },
      }),
    );

  it('una recepcionista no puede aprobar: PERMISO_DENEGADO con su rol en el mensaje', () => {
    expect(validarCambioEstado(pedido({ desde: 'EN_APROBACION', hacia: 'APROBADO', rol: 'RECEPCION' }))).toEqual({
      ok: false,
      code: 'PERMISO_DENEGADO',
      message: 'Su rol (RECEPCION) no puede pasar la solicitud de EN_APROBACION a APROBADO',
    });
  });

  it('un salto fuera de la máquina de estados es TRANSICION_NO_PERMITIDA', () => {
    expect(validarCambioEstado(pedido({ desde: 'RECIBIDO', hacia: 'APROBADO', rol: 'SUPERVISOR' }))).toEqual({
      ok: false,
      code: 'TRANSICION_NO_PERMITIDA',
      message: 'No se puede pasar la solicitud de RECIBIDO a APROBADO',
    });
  });

  it('un INCOMPLETO no recibe dictamen desfavorable antes de 3 días hábiles, y dice cuántos van', () => {
    expect(desfavorableDesdeIncompleto('2026-03-05')).toEqual({
      ok: false,
      code: 'REGLA_NEGOCIO',
      message: 'El plazo de subsanación (3 días hábiles) aún no vence',
      details: { dias_habiles_transcurridos: 3 },
    });
  });

  it('vencido el plazo de subsanación, el dictamen desfavorable procede', () => {
    expect(desfavorableDesdeIncompleto('2026-03-06')).toEqual({ ok: true, esDictamen: true, resolucion: {} });
  });

  it('un dictamen sin detalle se rechaza', () => {
    expect(
      validarCambioEstado(pedido({ hacia: 'CON_DICTAMEN_FAV', cambio: { tipo_dictamen: 'FAVORABLE' } })),
    ).toMatchObject({
      ok: false,
      code: 'VALIDACION',
      message: 'El dictamen requiere tipo_dictamen y dictamen_detalle',
    });
  });

  it('el tipo de dictamen debe coincidir con el estado', () => {
    const v = validarCambioEstado(
      pedido({ hacia: 'CON_DICTAMEN_FAV', cambio: { tipo_dictamen: 'DESFAVORABLE', dictamen_detalle: 'x' } }),
    );
    expect(v).toMatchObject({
      code: 'VALIDACION',
      message: 'El estado CON_DICTAMEN_FAV requiere un dictamen FAVORABLE',
    });
  });

  it('aprobar exige número de resolución', () => {
    const v = validarCambioEstado(pedido({ desde: 'EN_APROBACION', hacia: 'APROBADO', rol: 'SUPERVISOR' }));
    expect(v).toMatchObject({
      code: 'VALIDACION',
      message: 'La decisión requiere el número de resolución (num_resolucion)',
    });
  });

  it('aprobar fecha la resolución hoy y el permiso vence en dos años', () => {
    const v = validarCambioEstado(
      pedido({ desde: 'EN_APROBACION', hacia: 'APROBADO', rol: 'SUPERVISOR', cambio: { num_resolucion: 'R-1' } }),
    );
    expect(v).toEqual({
      ok: true,
      esDictamen: false,
      resolucion: { num_resolucion: 'R-1', fecha_resolucion: '2026-03-10', fecha_vencimiento_permiso: '2028-03-10' },
    });
  });

  it('rechazar fecha la resolución pero no da vencimiento de permiso', () => {
    const v = validarCambioEstado(
      pedido({ desde: 'EN_APROBACION', hacia: 'RECHAZADO', rol: 'SUPERVISOR', cambio: { num_resolucion: 'R-2' } }),
    );
    expect(v).toEqual({
      ok: true,
      esDictamen: false,
      resolucion: { num_resolucion: 'R-2', fecha_resolucion: '2026-03-10' },
    });
  });
});

describe('reglas de edición y pago', () => {
  it('una solicitud cerrada no admite cambios; una abierta sí', () => {
    expect(rechazoSiCerrada('RESUELTO', 'documentos')).toEqual({
      ok: false,
      code: 'EDICION_NO_PERMITIDA',
      message: 'La solicitud está cerrada y no admite documentos',
    });
    expect(rechazoSiCerrada('CANCELADO')?.message).toBe('La solicitud está cerrada');
    expect(rechazoSiCerrada('APROBADO', 'cambios')).toBeNull();
  });

  it('la prioridad ALTA pide 50 caracteres de descripción sin contar espacios', () => {
    expect(validarPrioridad('ALTA', `${'a '.repeat(49)}`)?.message).toBe(
      'La prioridad ALTA requiere una descripción del caso de al menos 50 caracteres',
    );
    expect(validarPrioridad('ALTA', 'a'.repeat(50))).toBeNull();
    expect(validarPrioridad('NORMAL', null)).toBeNull();
  });

  const persona = { estado: 'EN_REVISION', esTitular: false, tipoDocumento: 'PASAPORTE', numDocumento: 'X1' };

  it('los datos del solicitante solo se corrigen antes de la verificación', () => {
    expect(validarEdicionSolicitante({ ...persona, estado: 'EN_VERIFICACION' })).toMatchObject({
      code: 'EDICION_NO_PERMITIDA',
      message: 'Los datos del solicitante solo se corrigen antes de la verificación de antecedentes',
    });
    expect(validarEdicionSolicitante(persona)).toBeNull();
  });

  it('el titular no lleva parentesco', () => {
    expect(validarEdicionSolicitante({ ...persona, esTitular: true, parentesco: 'HIJO' })?.message).toBe(
      'El titular no lleva parentesco',
    );
  });

  it('una cédula se valida con el formato panameño', () => {
    expect(validarEdicionSolicitante({ ...persona, tipoDocumento: 'CEDULA', numDocumento: '123' })).toMatchObject({
      code: 'VALIDACION',
      message: 'Cédula inválida: use el formato 8-123-4567',
    });
    expect(validarEdicionSolicitante({ ...persona, tipoDocumento: 'CEDULA', numDocumento: '8-123-4567' })).toBeNull();
  });

  it('cheque y transferencia llevan su número; efectivo no', () => {
    expect(validarMetodoPago({ metodo_pago: 'CHEQUE' })?.message).toBe('Un pago con cheque requiere num_cheque');
    expect(validarMetodoPago({ metodo_pago: 'TRANSFERENCIA' })?.message).toBe(
      'Una transferencia requiere num_transferencia',
    );
    expect(validarMetodoPago({ metodo_pago: 'EFECTIVO' })).toBeNull();
  });
});

describe('entrevistas', () => {
  const ahora = new Date('2026-03-10T15:00:00.000Z');

  it('una entrevista se programa en el futuro, nunca en el pasado ni ahora mismo', () => {
    expect(validarFechaEntrevista('2026-03-10T15:00:00.000Z', ahora)).toEqual({
      ok: false,
      code: 'VALIDACION',
      message: 'La entrevista debe programarse en el futuro',
    });
    expect(validarFechaEntrevista('2026-03-11T14:00:00.000Z', ahora)).toBeNull();
  });

  it('el resultado guarda lo enviado, conserva lo demás y pasa los sí/no a 0/1', () => {
    const actual = { fecha_realizada: null, asistio: null, requiere_segunda_entrevista: 0 };
    expect(
      cambiosResultadoEntrevista(
        { resultado: 'FAVORABLE', asistio: true, fecha_realizada: '2026-03-10T10:00:00-05:00' },
        actual,
      ),
    ).toEqual({
      resultado: 'FAVORABLE',
      fecha_realizada: '2026-03-10T15:00:00.000Z',
      asistio: 1,
      requiere_segunda_entrevista: 0,
    });
    expect(cambiosResultadoEntrevista({ requiere_segunda_entrevista: true }, actual)).toEqual({
      fecha_realizada: null,
      asistio: null,
      requiere_segunda_entrevista: 1,
    });
  });
});

/**
 * Fields the reference accepted and we do not, by name: an unknown key in a strict object that is one of these gets,
 * besides "not allowed", what to send instead (docs/compatibilidad.md lists the same table with the reasons).
 */
const CAMPOS_LEGADOS: Record<string, string> = {
  etapa_origen_codigo: 'use etapa_origen (código de la etapa) o etapa_origen_id',
  etapa_destino_codigo: 'use etapa_destino (código de la etapa) o etapa_destino_id',
  estado_verificacion: 'use estado',
  es_dictamen:
    'no se envía: el dictamen es el estado_nuevo CON_DICTAMEN_FAV o CON_DICTAMEN_DESFAV, con dictamen_detalle',
  user_id_asignado: 'la asignación se hace con POST /api/v1/ppsh/solicitudes/{id}/asignar',
  num_resolucion:
    'la resolución se registra al cambiar el estado a APROBADO o RECHAZADO (POST /api/v1/ppsh/solicitudes/{id}/cambiar-estado)',
  fecha_resolucion: 'la fija el servidor al cambiar el estado a APROBADO o RECHAZADO',
  fecha_vencimiento_permiso: 'la fija el servidor al aprobar (dos años)',
  cod_agencia: 'la oficina es la del funcionario que registra; no se envía',
  tipo_solicitud: 'el tipo no cambia después del registro',
  fecha_programada:
    'una entrevista no se reprograma: registre su resultado y programe otra con POST /api/v1/ppsh/solicitudes/{id}/entrevistas',
  datos_iniciales:
    'no se usa: las respuestas de la primera etapa se guardan con POST /api/v1/workflow/instancias/{id}/respuestas',
  activo: 'no se envía: para dar de baja use DELETE',
};

/** `campo` with, when the reference used that name, what to do instead. */
export const describirCampoNoPermitido = (campo: string) =>
  CAMPOS_LEGADOS[campo] ? `${campo} (${CAMPOS_LEGADOS[campo]})` : campo;

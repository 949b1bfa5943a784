/**
 * Templates have no fixed applicant fields, but the caseload lists every case by titular name and document. Answers to
 * these well-known question codes fill them in.
 */
export const PREGUNTAS_TITULAR = {
  nombre_titular: ['NOMBRE_COMPLETO', 'NOMBRE_SOLICITANTE'],
  documento_titular: ['NUMERO_PASAPORTE', 'NUMERO_DOCUMENTO', 'CEDULA'],
} as const;

export function titularDeRespuestas(respuestas: Record<string, unknown>): {
  nombre_titular?: string;
  documento_titular?: string;
} {
  const primero = (codigos: readonly string[]) => {
    const v = codigos.map((c) => respuestas[c]).find((x) => typeof x === 'string' && x.trim());
    return typeof v === 'string' ? v.trim() : undefined;
  };
  const nombre = primero(PREGUNTAS_TITULAR.nombre_titular);
  const documento = primero(PREGUNTAS_TITULAR.documento_titular);
  return { ...(nombre ? { nombre_titular: nombre } : {}), ...(documento ? { documento_titular: documento } : {}) };
}

/**
 * A provisional reference names one case only (unique index, migration 0034): it is on the applicant's receipt until
 * the case number comes. A second case bringing the same one is refused before the insert, with what to do.
 */
import type { Trx } from '../../db/escritura.js';
import { AppError } from '../../error-api.js';

export async function exigirReferenciaLibre(
  trx: Trx,
  tabla: 'ppsh_solicitudes' | 'workflow_instancias',
  referencia: string | null | undefined,
): Promise<void> {
  if (!referencia) return;
  const otro = await trx
    .selectFrom(tabla)
    .select('id')
    .where('referencia_provisional', '=', referencia)
    .executeTakeFirst();
  if (otro)
    throw new AppError(
      'DUPLICADO',
      `La referencia provisional ${referencia} ya identifica otro expediente; registre el caso de nuevo para que ` +
        'reciba otra referencia y entregue al solicitante el nuevo recibo',
    );
}

/** Checks several workflow use cases share. */
import type { Trx } from '../../../db/escritura.js';
import { AppError } from '../../../error-api.js';

/** An active officer of the case's office who may hold cases (not CONSULTA); one answer for the rest. */
export async function validarAsignado(trx: Trx, userId: string, agencia: string) {
  const u = await trx
    .selectFrom('usuarios')
    .select(['cod_agencia', 'activo', 'rol'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u?.activo || u.cod_agencia !== agencia || u.rol === 'CONSULTA')
    throw new AppError(
      'VALIDACION',
      'El funcionario asignado no existe, no está activo o no pertenece a la oficina del trámite',
    );
}

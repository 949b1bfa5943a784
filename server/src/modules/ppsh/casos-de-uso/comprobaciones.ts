/** Checks several PPSH use cases share: catalog codes a case names, and officers a case can be handed to. */
import type { Trx } from '../../../db/escritura.js';
import { AppError } from '../../../error-api.js';

export async function validarCatalogos(
  trx: Trx,
  datos: { cod_causa_humanitaria?: number; solicitantes?: { pais_emisor?: string; cod_nacionalidad?: string }[] },
) {
  if (datos.cod_causa_humanitaria !== undefined) {
    const causa = await trx
      .selectFrom('ppsh_causas_humanitarias')
      .select('activo')
      .where('cod_causa', '=', datos.cod_causa_humanitaria)
      .executeTakeFirst();
    if (!causa?.activo) throw new AppError('REGLA_NEGOCIO', 'La causa humanitaria no existe o no está activa');
  }
  const paises = new Set(
    (datos.solicitantes ?? [])
      .flatMap((p) => [p.pais_emisor, p.cod_nacionalidad])
      .filter((x): x is string => Boolean(x)),
  );
  if (paises.size) {
    const conocidos = await trx
      .selectFrom('paises')
      .select('cod_pais')
      .where('cod_pais', 'in', [...paises])
      .execute();
    const faltan = [...paises].filter((p) => !conocidos.some((c) => c.cod_pais === p));
    if (faltan.length) throw new AppError('VALIDACION', `País desconocido: ${faltan.join(', ')}`);
  }
}

/** An active officer of the case's office; one answer for the rest, so ids of other offices cannot be probed. */
export async function funcionarioDeOficina(trx: Trx, usuarioId: string, agencia: string) {
  const u = await trx
    .selectFrom('usuarios')
    .select(['id', 'nombre', 'activo', 'cod_agencia', 'rol'])
    .where('id', '=', usuarioId)
    .executeTakeFirst();
  if (!u?.activo || u.cod_agencia !== agencia)
    throw new AppError('REGLA_NEGOCIO', 'El funcionario no existe, está inactivo o pertenece a otra oficina');
  return u;
}

/**
 * The last time each desk (a user on one installation, its clientId) talked to the sync API. An offline command's acted
 * time cannot be earlier than the desk's previous contact minus the offline window (#shared/sync/hora-accion): that is
 * how the server bounds a desk clock it cannot see. Pushes record it (the batch's clientId), and so do pulls that name
 * their desk in CABECERA_CLIENTE.
 */
import type { Db } from '../../db/connect.js';

/** Records a contact now and returns the previous one (null: never seen). */
export async function registrarContacto(
  db: Db,
  usuarioId: string,
  clientId: string,
  ahora: Date,
): Promise<Date | null> {
  const previo = await db
    .selectFrom('sync_escritorios')
    .select('ultimo_contacto')
    .where('usuario_id', '=', usuarioId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  const instante = ahora.toISOString();
  const actualizar = () =>
    db
      .updateTable('sync_escritorios')
      .set({ ultimo_contacto: instante })
      .where('usuario_id', '=', usuarioId)
      .where('client_id', '=', clientId)
      .execute();
  if (previo) await actualizar();
  else {
    // Two first requests of one desk racing: the loser's insert hits the key, and the winner's row just moves forward.
    await db
      .insertInto('sync_escritorios')
      .values({ usuario_id: usuarioId, client_id: clientId, ultimo_contacto: instante })
      .execute()
      .catch(actualizar);
  }
  return previo ? new Date(previo.ultimo_contacto) : null;
}

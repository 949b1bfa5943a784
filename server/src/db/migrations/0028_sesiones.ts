/**
 * Sessions that end when they should (docs/security.md, "Sesiones"):
 * - refresh_tokens carries its session's facts on every row of the family (copied on each rotation, so the live row
 *   answers alone): when the password login happened, the absolute end of the session, the source address and the
 *   device the officer named. The live row of a family is the one neither revoked nor replaced; a family without one
 *   (revoked, or its row deleted by SQL) is over, for its refresh token and its access tokens alike.
 * - usuarios.password_cambiada_en moves when a person sets a new password (a reset, her own change); a rehash of the
 *   same password (new parameters, the pepper) does not touch it, and so ends no session.
 * - Triggers end every session of an officer whose role, office, active flag or password changes, whoever changes it
 *   (this API, `npm run users`, an administrator's SQL), and a deleted session row moves the access revision (0026) so
 *   an access token remembered by a process is checked again at once.
 */
import { sql } from 'kysely';
import { esMssql } from '../connect.js';
import { columnas, type DbMigracion } from '../columnas.js';

const SUBIR = 'update revision_acceso set revision = revision + 1 where id = 1';
/** Changes to these columns of usuarios end every session of the officer. */
const COLUMNAS_QUE_CIERRAN = ['rol', 'cod_agencia', 'activo', 'password_cambiada_en'];

function disparadores(mssql: boolean): string[] {
  if (mssql) {
    const cambio = COLUMNAS_QUE_CIERRAN.map((c) =>
      c === 'password_cambiada_en' ? `isnull(i.${c}, '00010101') <> isnull(d.${c}, '00010101')` : `i.${c} <> d.${c}`,
    ).join(' or ');
    return [
      `create trigger tr_usuarios_cierran_sesiones on usuarios after update as begin set nocount on; ` +
        `update r set revocado_en = sysutcdatetime() from refresh_tokens r ` +
        `join inserted i on r.usuario_id = i.id join deleted d on d.id = i.id ` +
        `where r.revocado_en is null and (${cambio}); end`,
      `create trigger tr_sesiones_baja_revision_acceso on refresh_tokens after delete as begin set nocount on; ` +
        `${SUBIR}; end`,
    ];
  }
  const cambio = COLUMNAS_QUE_CIERRAN.map((c) => `old.${c} is not new.${c}`).join(' or ');
  return [
    `create trigger tr_usuarios_cierran_sesiones after update of ${COLUMNAS_QUE_CIERRAN.join(', ')} on usuarios ` +
      `when ${cambio} begin update refresh_tokens set revocado_en = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ` +
      `where usuario_id = new.id and revocado_en is null; end`,
    `create trigger tr_sesiones_baja_revision_acceso after delete on refresh_tokens begin ${SUBIR}; end`,
  ];
}

export async function up(db: DbMigracion): Promise<void> {
  const c = columnas(db);
  const columnasSesion = [
    ['sesion_inicio', c.instante],
    ['sesion_expira', c.instante],
    ['origen', c.texto(64)],
    ['dispositivo', c.texto(200)],
  ] as const;
  for (const [nombre, tipo] of columnasSesion)
    await db.schema.alterTable('refresh_tokens').addColumn(nombre, tipo).execute();
  await db.schema.alterTable('usuarios').addColumn('password_cambiada_en', c.instante).execute();
  await db.schema.createIndex('ix_refresh_tokens_usuario').on('refresh_tokens').column('usuario_id').execute();
  for (const d of disparadores(esMssql(db))) await sql.raw(d).execute(db);
}

export async function down(db: DbMigracion): Promise<void> {
  const mssql = esMssql(db);
  for (const n of ['tr_usuarios_cierran_sesiones', 'tr_sesiones_baja_revision_acceso'])
    await sql.raw(`drop trigger ${n}`).execute(db);
  const borrar = db.schema.dropIndex('ix_refresh_tokens_usuario');
  await (mssql ? borrar.on('refresh_tokens') : borrar).execute();
  await db.schema.alterTable('usuarios').dropColumn('password_cambiada_en').execute();
  for (const nombre of ['sesion_inicio', 'sesion_expira', 'origen', 'dispositivo'])
    await db.schema.alterTable('refresh_tokens').dropColumn(nombre).execute();
}

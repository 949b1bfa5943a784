/**
 * npm run users -- create --username U --nombre "N" --rol ANALISTA --agencia 02 [--email E] [--cedula C]
 *                  (password from USER_PASSWORD or typed at the prompt; never a default; the policy of
 *                  shared/src/auth/politica.ts: 12 to 128 characters, not a common password)
 *                  list | disable --username U | enable --username U | reset-password --username U
 *
 * A reset or a disable ends every session of the officer at once: the database trigger of migration 0028 revokes them
 * when password_cambiada_en or activo changes (a change of role or office by SQL does the same).
 */
import { createInterface } from 'node:readline/promises';
import { ROLES, type Rol } from '#shared/roles';
import { SISTEMA } from '../contexto.js';
import { actualizar } from '../escritor.js';
import { PASSWORD_MAXIMO, PASSWORD_MINIMO } from '#shared/auth/politica';
import { crearServicioAuth, crearUsuario, validarPasswordNueva } from '../modules/auth/service.js';
import { hashPassword, provisional } from '../modules/auth/passwords.js';
import { opcionesAuth } from '../modules/auth/opciones.js';
import { argumentos, conBaseDeDatos } from './comun.js';
import { desbloquear } from '../modules/auth/bloqueo.js';
import { ahora } from '../db/escritura.js';

const [comando, ...resto] = process.argv.slice(2);
const args = argumentos(resto);
const ctx = { actor: SISTEMA, cliente: 'cli' };

function texto(nombre: string): string {
  const v = args.get(nombre);
  if (typeof v !== 'string' || !v.trim()) throw new Error(`Falta --${nombre}`);
  return v.trim();
}

async function pedirPassword(username: string): Promise<string> {
  let p = process.env.USER_PASSWORD;
  if (!p) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    p = await rl.question(`Contraseña (de ${PASSWORD_MINIMO} a ${PASSWORD_MAXIMO} caracteres; una frase sirve): `);
    rl.close();
  }
  validarPasswordNueva(p, username);
  return p;
}

await conBaseDeDatos(async (db, config) => {
  const pepper = config.passwordPepper;
  // A password IT types for her opens only until then, when configured: she chooses her own at her desk (ASVS 2.3.1).
  const horas = config.passwordProvisionalHoras;
  const provisionalHasta = horas > 0 ? new Date(Date.now() + horas * 3_600_000) : undefined;
  switch (comando) {
    case 'create': {
      const rol = texto('rol').toUpperCase();
      if (!ROLES.includes(rol as Rol)) throw new Error(`Rol inválido: use ${ROLES.join(', ')}`);
      const agencia = texto('agencia');
      const oficina = await db
        .selectFrom('agencias')
        .select('cod_agencia')
        .where('cod_agencia', '=', agencia)
        .executeTakeFirst();
      if (!oficina) throw new Error(`Oficina desconocida: ${agencia}`);
      const email = args.get('email');
      const cedula = args.get('cedula');
      const username = texto('username');
      const u = await crearUsuario(
        db,
        ctx,
        {
          username,
          nombre: texto('nombre'),
          rol: rol as Rol,
          cod_agencia: agencia,
          password: await pedirPassword(username),
          email: typeof email === 'string' ? email : undefined,
          cedula: typeof cedula === 'string' ? cedula : undefined,
        },
        { pepper, provisionalHasta },
      );
      console.log(`Usuario ${u.username} creado (${u.rol}, oficina ${u.cod_agencia})`);
      return;
    }
    case 'list': {
      const filas = await db
        .selectFrom('usuarios')
        .select(['username', 'nombre', 'rol', 'cod_agencia', 'activo', 'ultimo_acceso'])
        .orderBy('username')
        .execute();
      console.table(filas.map((f) => ({ ...f, activo: Boolean(f.activo) })));
      return;
    }
    case 'disable':
    case 'enable':
    case 'reset-password': {
      const username = texto('username').toLowerCase();
      const u = await db.selectFrom('usuarios').selectAll().where('username', '=', username).executeTakeFirst();
      if (!u) throw new Error(`El usuario ${username} no existe`);
      const cambios =
        comando === 'reset-password'
          ? {
              password_hash: await hashPassword(await pedirPassword(username), pepper).then((h) =>
                provisionalHasta ? provisional(h, provisionalHasta) : h,
              ),
              password_cambiada_en: ahora(),
              intentos_fallidos: 0,
              bloqueado_hasta: null,
            }
          : { activo: comando === 'enable' ? (1 as const) : (0 as const) };
      // The trigger of migration 0028 ends her sessions in this same transaction (password or active flag moved).
      await db
        .transaction()
        .execute((trx) => actualizar(trx, ctx, 'usuarios', u, cambios, comando.toUpperCase().replace('-', '_')));
      if (comando === 'reset-password') {
        await desbloquear(db, username);
        await crearServicioAuth(db, opcionesAuth(config)).avisarRestablecimiento(u.id);
      }
      console.log(`Usuario ${username}: ${comando} hecho`);
      return;
    }
    default:
      throw new Error('Uso: npm run users -- create|list|disable|enable|reset-password [opciones]');
  }
});

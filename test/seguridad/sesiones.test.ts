/**
 * Sessions end when they should (ASVS V3): a password reset from the CLI, a role, office or active-flag change by SQL,
 * a session row deleted by SQL, a logout that holds only the refresh token, the absolute and idle limits, the officer
 * ending her own sessions, and her password change. In every case both tokens stop working at the next request.
 */
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanzarEnGrupo } from '../helpers/procesos.js';
import { sql } from 'kysely';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { crearUsuario } from '../../server/src/modules/auth/service.js';
import { hashPassword, provisional } from '../../server/src/modules/auth/passwords.js';
import { SISTEMA } from '../../server/src/contexto.js';

const RAIZ = path.resolve(import.meta.dirname, '../..');
let s: ServidorDePrueba;

beforeAll(async () => {
  s = await iniciarServidor({ env: { SESION_MAX_HORAS: '12', SESION_INACTIVA_MINUTOS: '120' } });
});
afterAll(() => s?.cerrar());

let n = 0;
/** A fresh officer per test (no test's lockout or revocation leaks into another). */
async function funcionario(password = PASSWORD_DEMO) {
  const username = `sesiones.${++n}`;
  await crearUsuario(
    s.db,
    { actor: SISTEMA },
    { username, nombre: `Sesiones ${n}`, rol: 'ANALISTA', cod_agencia: '02', password },
  );
  return username;
}
/** A password today's policy accepts: her notices then say only what the test is about. */
const FUERTE = 'el turno de la mañana en ventanilla';

type Sesion = Awaited<ReturnType<ServidorDePrueba['login']>>;
const me = (t: string) => cliente(t).get(`${s.api}/auth/me`);
const refrescar = (refresh_token: string) => cliente().post(`${s.api}/auth/refresh`, { refresh_token });

/** Both tokens of the session are refused (access: the very next request). */
async function terminada(x: Sesion) {
  const a = await me(x.access_token);
  expect(a.status, JSON.stringify(a.body)).toBe(401);
  const r = await refrescar(x.refresh_token);
  expect(r.status, JSON.stringify(r.body)).toBe(401);
}

/** `npm run users -- …` as its own process on the server's database (not spawnSync: the server must keep answering). */
function users(args: string[], password?: string): Promise<{ status: number | null; stderr: string }> {
  const hijo = lanzarEnGrupo(process.execPath, ['--import', 'tsx', 'server/src/cli/users.ts', ...args], {
    cwd: RAIZ,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${s.config.database.kind === 'sqlite' ? s.config.database.file : ''}`,
      ENVIRONMENT: 'testing',
      PASSWORD_PROVISIONAL_HORAS: '72',
      ...(password ? { USER_PASSWORD: password } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  hijo.stderr?.on('data', (t: Buffer) => (stderr += t.toString('utf8')));
  return new Promise((resolve) => hijo.once('close', (status) => resolve({ status, stderr })));
}

describe('revocación de todas las sesiones', () => {
  it('npm run users -- reset-password: el access y el refresh anteriores dejan de servir; la nueva contraseña entra y avisa', async () => {
    const u = await funcionario();
    const escritorio = await s.login(u);
    const otro = await s.login(u);
    expect((await me(escritorio.access_token)).status).toBe(200);
    const comun = await users(['reset-password', '--username', u], 'Contraseña2026!');
    expect(comun.status).toBe(1);
    expect(comun.stderr).toContain('demasiado común');
    expect((await me(escritorio.access_token)).status, 'una contraseña rechazada no cierra nada').toBe(200);
    const r = await users(['reset-password', '--username', u], 'una frase larga para el turno');
    expect(r.status, r.stderr).toBe(0);
    await terminada(escritorio);
    await terminada(otro);
    expect((await cliente().post(`${s.api}/auth/login`, { username: u, password: PASSWORD_DEMO })).status).toBe(401);
    const nueva = await cliente().post(`${s.api}/auth/login`, {
      username: u,
      password: 'una frase larga para el turno',
    });
    expect(nueva.status).toBe(200);
    // The password IT typed is provisional: she is told to choose her own before it stops opening.
    expect(nueva.body.avisos.map((a: { tipo: string }) => a.tipo).sort()).toEqual([
      'PASSWORD_PROVISIONAL',
      'PASSWORD_RESTABLECIDA',
    ]);
    const { password_hash } = await s.db
      .selectFrom('usuarios')
      .select('password_hash')
      .where('username', '=', u)
      .executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^t1\$\d{4}-\d{2}-\d{2}T[^$]+Z\$\$argon2id\$/);
  }, 120_000);

  it.each([
    ['un cambio de rol', { rol: 'CONSULTA' }],
    ['un cambio de oficina', { cod_agencia: '04' }],
    ['una desactivación', { activo: 0 }],
  ] as const)('%s hecho por SQL cierra todas sus sesiones', async (_que, cambio) => {
    const u = await funcionario();
    const a = await s.login(u);
    const b = await s.login(u);
    expect((await me(a.access_token)).status).toBe(200);
    await s.db.updateTable('usuarios').set(cambio).where('username', '=', u).execute();
    await terminada(a);
    await terminada(b);
    const vivas = await s.db
      .selectFrom('refresh_tokens')
      .innerJoin('usuarios', 'usuarios.id', 'refresh_tokens.usuario_id')
      .select('jti')
      .where('usuarios.username', '=', u)
      .where('revocado_en', 'is', null)
      .execute();
    expect(vivas).toEqual([]);
  });

  it('otra escritura que no toca acceso (el nombre, el último acceso) no cierra nada', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    await s.db
      .updateTable('usuarios')
      .set({ nombre: 'Otro nombre', ultimo_acceso: new Date().toISOString() })
      .where('username', '=', u)
      .execute();
    expect((await me(a.access_token)).status).toBe(200);
    expect((await refrescar(a.refresh_token)).status).toBe(200);
  });

  it('una fila de sesión borrada por SQL cuenta como revocada: el access token cae en la petición siguiente', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    const b = await s.login(u);
    expect((await me(a.access_token)).status).toBe(200);
    const { sid } = decodeJwt(a.access_token) as { sid: string };
    await sql`delete from refresh_tokens where familia_id = ${sid}`.execute(s.db);
    await terminada(a);
    expect((await me(b.access_token)).status, 'la otra sesión sigue').toBe(200);
  });
});

describe('contraseña provisional (la que pone TI)', () => {
  const poner = async (username: string, password: string, hasta: Date) =>
    s.db
      .updateTable('usuarios')
      .set({ password_hash: provisional(await hashPassword(password), hasta) })
      .where('username', '=', username)
      .execute();

  it('vencida ya no entra, y lo dice; antes de vencer entra y cambiarla la vuelve propia', async () => {
    const u = await funcionario();
    await poner(u, 'provisional de ventanilla', new Date(Date.now() - 60_000));
    const vencida = await cliente().post(`${s.api}/auth/login`, { username: u, password: 'provisional de ventanilla' });
    expect(vencida.status).toBe(401);
    expect(vencida.body.error.message).toContain('provisional que le dio TI venció');
    await poner(u, 'provisional de ventanilla', new Date(Date.now() + 3_600_000));
    const vigente = await cliente().post(`${s.api}/auth/login`, { username: u, password: 'provisional de ventanilla' });
    expect(vigente.status).toBe(200);
    expect(vigente.body.avisos).toEqual([expect.objectContaining({ tipo: 'PASSWORD_PROVISIONAL' })]);
    const cambio = await cliente(vigente.body.access_token).post(`${s.api}/auth/cambiar-password`, {
      actual: 'provisional de ventanilla',
      nueva: FUERTE,
    });
    expect(cambio.status).toBe(200);
    expect(cambio.body.avisos.map((a: { tipo: string }) => a.tipo)).toEqual(['PASSWORD_CAMBIADA']);
    const { password_hash } = await s.db
      .selectFrom('usuarios')
      .select('password_hash')
      .where('username', '=', u)
      .executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('cierre de sesión', () => {
  it('con solo el token de actualización (el escritorio bloqueado ya soltó el de acceso)', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    const r = await cliente().post(`${s.api}/auth/logout`, { refresh_token: a.refresh_token });
    expect(r.status).toBe(204);
    await terminada(a);
    // Idempotent: the desk's queued logout may arrive twice.
    expect((await cliente().post(`${s.api}/auth/logout`, { refresh_token: a.refresh_token })).status).toBe(204);
  });

  it('con el token de acceso, como antes; sin ninguno de los dos es 401; uno falsificado también', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    expect((await cliente(a.access_token).post(`${s.api}/auth/logout`)).status).toBe(204);
    await terminada(a);
    expect((await cliente().post(`${s.api}/auth/logout`)).body.error.code).toBe('NO_AUTENTICADO');
    const [h, p] = a.refresh_token.split('.');
    const falso = await cliente().post(`${s.api}/auth/logout`, { refresh_token: `${h}.${p}.firma-falsa` });
    expect(falso.status).toBe(401);
  });
});

describe('límites de la sesión', () => {
  it('el límite absoluto no se desliza al refrescar; pasado, el refresh se rechaza y la sesión queda cerrada', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    const fila = () =>
      s.db
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('familia_id', '=', (decodeJwt(a.access_token) as { sid: string }).sid)
        .where('reemplazado_por', 'is', null)
        .executeTakeFirstOrThrow();
    const inicial = await fila();
    const horas = (Date.parse(inicial.sesion_expira!) - Date.parse(inicial.sesion_inicio!)) / 3_600_000;
    expect(horas).toBe(12);
    // Neither token outlives the session; the refresh token not its idle limit either.
    expect(decodeJwt(a.access_token).exp! * 1000).toBeLessThanOrEqual(Date.parse(inicial.sesion_expira!));
    expect(decodeJwt(a.refresh_token).exp! * 1000).toBeLessThanOrEqual(Date.now() + 120 * 60_000 + 1000);
    const r1 = await refrescar(a.refresh_token);
    expect(r1.status).toBe(200);
    expect((await fila()).sesion_expira).toBe(inicial.sesion_expira);
    await s.db
      .updateTable('refresh_tokens')
      .set({ sesion_expira: new Date(Date.now() - 1000).toISOString() })
      .where('familia_id', '=', inicial.familia_id)
      .execute();
    const r2 = await refrescar(r1.body.refresh_token);
    expect(r2.status).toBe(401);
    expect(r2.body.error.message).toContain('duración máxima');
    expect((await me(r1.body.access_token)).status).toBe(401);
  });

  it('una sesión sin renovar más allá del límite de inactividad ya no se renueva', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    const { sid } = decodeJwt(a.access_token) as { sid: string };
    await s.db
      .updateTable('refresh_tokens')
      .set({ created_at: new Date(Date.now() - 121 * 60_000).toISOString() })
      .where('familia_id', '=', sid)
      .execute();
    const r = await refrescar(a.refresh_token);
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('inactiva');
    expect((await me(a.access_token)).status).toBe(401);
  });
});

describe('mis sesiones', () => {
  it('las lista (equipo, desde cuándo, último uso); con su contraseña cierra una y luego todas las demás', async () => {
    const u = await funcionario();
    const login = (dispositivo: string) =>
      cliente().post(`${s.api}/auth/login`, { username: u, password: PASSWORD_DEMO, dispositivo });
    const aqui = (await login('Ventanilla 3')).body as Sesion;
    const casa = (await login('Portátil')).body as Sesion;
    const tercera = (await login('Darién 1')).body as Sesion;
    const lista = await cliente(aqui.access_token).get(`${s.api}/auth/sesiones`);
    expect(lista.status).toBe(200);
    expect(lista.body.sesiones.map((x: { dispositivo: string; actual: boolean }) => [x.dispositivo, x.actual])).toEqual(
      [
        ['Darién 1', false],
        ['Portátil', false],
        ['Ventanilla 3', true],
      ],
    );
    expect(lista.body.sesiones[0]).toMatchObject({
      origen: '127.0.0.1',
      creada_en: expect.any(String),
      ultimo_uso: expect.any(String),
    });
    const cerrar = (cuerpo: { password: string; id?: string }) =>
      cliente(aqui.access_token).post(`${s.api}/auth/sesiones/cerrar`, cuerpo);
    const idCasa = (decodeJwt(casa.access_token) as { sid: string }).sid;
    // Her password typed again: without it nothing ends.
    const sinPassword = await cerrar({ password: 'no-es-la-mia', id: idCasa });
    expect(sinPassword.status).toBe(422);
    expect((await me(casa.access_token)).status).toBe(200);
    expect((await cerrar({ password: PASSWORD_DEMO, id: idCasa })).body).toEqual({ cerradas: 1 });
    await terminada(casa);
    expect((await me(tercera.access_token)).status).toBe(200);
    // Not hers (another officer's id) or already ended: the same 404.
    const otro = await s.login(await funcionario());
    const ajena = (decodeJwt(otro.access_token) as { sid: string }).sid;
    expect((await cerrar({ password: PASSWORD_DEMO, id: ajena })).status).toBe(404);
    expect((await me(otro.access_token)).status).toBe(200);
    expect((await cerrar({ password: PASSWORD_DEMO, id: idCasa })).status).toBe(404);
    expect((await cerrar({ password: PASSWORD_DEMO })).body).toEqual({ cerradas: 1 });
    await terminada(tercera);
    expect((await me(aqui.access_token)).status).toBe(200);
  });
});

describe('cambiar mi contraseña', () => {
  it('pide la actual, aplica la política, cierra todas las sesiones y entrega una nueva para este equipo', async () => {
    const u = await funcionario();
    const aqui = await s.login(u);
    const otra = await s.login(u);
    const cambiar = (actual: string, nueva: string) =>
      cliente(aqui.access_token).post(`${s.api}/auth/cambiar-password`, { actual, nueva });
    const mal = await cambiar('no-es-la-mia', 'una frase nueva y larga');
    expect(mal.status).toBe(422);
    expect(mal.body.error.message).toContain('actual no es correcta');
    for (const [nueva, motivo] of [
      ['corta', 'al menos 12'],
      ['qwertyuiop123', 'común'],
      ['Panama2026!!!', 'común'],
      [`${u}-y-algo-mas`, 'nombre de usuario'],
      ['x'.repeat(129) + 'abcdefghij', 'como máximo 128'],
    ] as const)
      expect((await cambiar(PASSWORD_DEMO, nueva)).body.error?.message, nueva).toContain(motivo);
    // Policy refusals ended nothing.
    expect((await me(otra.access_token)).status).toBe(200);
    // 128 characters of emoji and spaces are a valid password: characters, not bytes, are counted.
    const larga = [...'Mi frase 🌴 del canal 🚢 y la selva 🌿 de Darién; '.repeat(4)].slice(0, 128).join('');
    expect(larga.length).toBeGreaterThan(128);
    const r = await cambiar(PASSWORD_DEMO, larga);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await terminada(aqui);
    await terminada(otra);
    expect((await me(r.body.access_token)).status).toBe(200);
    expect(r.body.avisos).toEqual([expect.objectContaining({ tipo: 'PASSWORD_CAMBIADA' })]);
    expect((await cliente().post(`${s.api}/auth/login`, { username: u, password: PASSWORD_DEMO })).status).toBe(401);
    expect((await cliente().post(`${s.api}/auth/login`, { username: u, password: larga })).status).toBe(200);
  });

  it('la contraseña actual equivocada cuenta para el límite de intentos (un token robado no adivina sin freno)', async () => {
    const u = await funcionario();
    const a = await s.login(u);
    const estados = [];
    for (let i = 0; i < 7; i++)
      estados.push(
        (
          await cliente(a.access_token).post(`${s.api}/auth/cambiar-password`, {
            actual: `mala-${i}`,
            nueva: 'una frase nueva y larga',
          })
        ).status,
      );
    expect(estados).toEqual([422, 422, 422, 422, 422, 423, 423]);
  });
});

describe('avisos', () => {
  it('GET /auth/avisos lista los no leídos y POST /auth/avisos/leidos los marca (solo los propios)', async () => {
    const u = await funcionario(FUERTE);
    const a = await s.login(u, FUERTE);
    expect((await cliente(a.access_token).get(`${s.api}/auth/avisos`)).body).toEqual({ avisos: [] });
    // Her first address is no news; a second one is.
    const b = await cliente().post(`${s.api}/auth/login`, { username: u, password: FUERTE });
    expect(b.body.avisos).toEqual([]);
    // As if her earlier logins had come from her desk at 10.1.1.1: this one, from 127.0.0.1, is a new address.
    const { id } = await s.db.selectFrom('usuarios').select('id').where('username', '=', u).executeTakeFirstOrThrow();
    await s.db.updateTable('origenes_conocidos').set({ origen: '10.1.1.1' }).where('usuario_id', '=', id).execute();
    const c = await cliente().post(`${s.api}/auth/login`, {
      username: u,
      password: FUERTE,
      dispositivo: 'Equipo nuevo',
    });
    expect(c.body.avisos).toEqual([
      expect.objectContaining({
        tipo: 'ACCESO_NUEVO_ORIGEN',
        origen: '127.0.0.1',
        mensaje: expect.stringContaining('Equipo nuevo'),
      }),
    ]);
    const avisos = (await cliente(a.access_token).get(`${s.api}/auth/avisos`)).body.avisos as { id: string }[];
    const otro = await s.login(await funcionario());
    expect(
      (await cliente(otro.access_token).post(`${s.api}/auth/avisos/leidos`, { ids: [avisos[0]!.id] })).body,
    ).toEqual({ leidos: 0 });
    expect((await cliente(a.access_token).post(`${s.api}/auth/avisos/leidos`, { ids: [avisos[0]!.id] })).body).toEqual({
      leidos: 1,
    });
    expect((await cliente(a.access_token).get(`${s.api}/auth/avisos`)).body).toEqual({ avisos: [] });
  });

  it('una contraseña anterior a la política entra, y se le pide cambiarla una vez (hasta que la cambie)', async () => {
    const u = await funcionario();
    const primera = await cliente().post(`${s.api}/auth/login`, { username: u, password: PASSWORD_DEMO });
    expect(primera.status).toBe(200);
    expect(primera.body.avisos).toEqual([
      expect.objectContaining({ tipo: 'PASSWORD_DEBIL', mensaje: expect.stringContaining('al menos 12 caracteres') }),
    ]);
    const segunda = await cliente().post(`${s.api}/auth/login`, { username: u, password: PASSWORD_DEMO });
    expect(segunda.body.avisos).toHaveLength(1);
    const cambio = await cliente(segunda.body.access_token).post(`${s.api}/auth/cambiar-password`, {
      actual: PASSWORD_DEMO,
      nueva: FUERTE,
    });
    expect(cambio.body.avisos.map((a: { tipo: string }) => a.tipo)).toEqual(['PASSWORD_CAMBIADA']);
  });
});

/** Tokens that must not open the API: expired, tampered, alg none, refresh used as access, revoked, rotated and reused. */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { GRACIA_REFRESH_MS } from '../../server/src/modules/auth/service.js';

let s: ServidorDePrueba;
const base64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function rechazaToken(token: string, code = 'TOKEN_INVALIDO') {
  const r = await cliente(token).get(`${s.api}/auth/me`);
  expect(r.status).toBe(401);
  expect(r.body.error.code).toBe(code);
}

beforeAll(async () => {
  s = await iniciarServidor({ env: { LOGIN_MAX_INTENTOS: '3' } });
});
afterAll(() => s.cerrar());

describe('inicio de sesión', () => {
  it('entrega tokens bearer y el usuario con su rol y oficina', async () => {
    const r = await cliente().post(`${s.api}/auth/login`, { username: 'analista', password: 'demo2026' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 900,
      user: { username: 'analista', rol: 'ANALISTA', cod_agencia: '02' },
    });
    const me = await cliente(r.body.access_token).get(`${s.api}/auth/me`);
    expect(me.body.username).toBe('analista');
    expect(me.body).not.toHaveProperty('password_hash');
  });

  it('una contraseña equivocada da 401 sin decir si el usuario existe', async () => {
    const a = await cliente().post(`${s.api}/auth/login`, { username: 'supervisor', password: 'otra' });
    const b = await cliente().post(`${s.api}/auth/login`, { username: 'nadie', password: 'otra' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error.message).toBe(b.body.error.message);
  });

  it('tras intentos fallidos repetidos la cuenta se bloquea, aun con la contraseña correcta', async () => {
    for (let i = 0; i < 3; i++) await cliente().post(`${s.api}/auth/login`, { username: 'consulta', password: 'mala' });
    const r = await cliente().post(`${s.api}/auth/login`, { username: 'consulta', password: 'demo2026' });
    expect(r.status).toBe(423);
    expect(r.body.error.code).toBe('CUENTA_BLOQUEADA');
    const auditoria = await s.db.selectFrom('audit_log').select('accion').where('username', '=', 'consulta').execute();
    expect(auditoria.map((a) => a.accion)).toContain('CUENTA_BLOQUEADA');
  });

  it('sin token no hay acceso', async () => {
    const r = await cliente().get(`${s.api}/ppsh/solicitudes`);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('NO_AUTENTICADO');
  });
});

describe('tokens inválidos', () => {
  it('expirado', async () => {
    const { user } = await s.login('analista');
    const expirado = await new SignJWT({ typ: 'access', sid: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('tramites-api')
      .setJti('j1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(s.config.jwt.secret));
    await rechazaToken(expirado);
  });

  it('alterado (el rol cambiado en el payload)', async () => {
    const { access_token } = await s.login('recepcion');
    const [h, p, firma] = access_token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    await rechazaToken(`${h}.${base64url({ ...payload, rol: 'ADMIN', sub: 'otro' })}.${firma}`);
  });

  it('con alg none', async () => {
    const { access_token } = await s.login('recepcion');
    const payload = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString());
    await rechazaToken(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`);
  });

  it('firmado con otra clave', async () => {
    const { user } = await s.login('analista');
    const ajeno = await new SignJWT({ typ: 'access', sid: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('tramites-api')
      .setJti('j2')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('otra-clave-de-al-menos-treinta-y-dos-caracteres'));
    await rechazaToken(ajeno);
  });

  it('un refresh token usado como access token', async () => {
    const { refresh_token } = await s.login('analista');
    await rechazaToken(refresh_token);
  });

  it('un access token usado para refrescar', async () => {
    const { access_token } = await s.login('analista');
    const r = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: access_token });
    expect(r.status).toBe(401);
  });
});

describe('rotación y revocación', () => {
  it('refrescar rota el token; el anterior reutilizado revoca toda la familia', async () => {
    const sesion = await s.login('supervisor');
    const r1 = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(sesion.refresh_token);
    // Its successor is in use, so the old token coming back is a leak, grace or not.
    const r2 = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: r1.body.refresh_token });
    expect(r2.status).toBe(200);
    const reuso = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(reuso.status).toBe(401);
    expect(reuso.body.error.message).toContain('reutilizado');
    // The family is gone: the legitimate new tokens no longer work either.
    await rechazaToken(r2.body.access_token);
    const r3 = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: r2.body.refresh_token });
    expect(r3.status).toBe(401);
  });

  it('un escritorio que cayó antes de guardar el token rotado puede usar el anterior poco después, una vez', async () => {
    const sesion = await s.login('supervisor');
    const perdido = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(perdido.status).toBe(200);
    // The desk never stored `perdido`: it comes back with the previous token, within the grace.
    const recuperado = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(recuperado.status).toBe(200);
    expect(await cliente(recuperado.body.access_token).get(`${s.api}/auth/me`)).toMatchObject({ status: 200 });
    // The lost token was retired by that rotation: it showing up later is reuse, and ends the family.
    const tardio = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: perdido.body.refresh_token });
    expect(tardio.status).toBe(401);
    await rechazaToken(recuperado.body.access_token);
  });

  it('pasada la gracia, el token anterior ya es reutilización', async () => {
    const sesion = await s.login('supervisor');
    const r1 = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(r1.status).toBe(200);
    const hace = new Date(Date.now() - GRACIA_REFRESH_MS - 1000).toISOString();
    await s.db
      .updateTable('refresh_tokens')
      .set({ created_at: hace })
      .where('usuario_id', '=', sesion.user.id)
      .execute();
    const reuso = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(reuso.status).toBe(401);
    await rechazaToken(r1.body.access_token);
  });

  it('cerrar sesión revoca el access y el refresh token', async () => {
    const sesion = await s.login('recepcion');
    const out = await cliente(sesion.access_token).post(`${s.api}/auth/logout`);
    expect(out.status).toBe(204);
    await rechazaToken(sesion.access_token);
    const r = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(r.status).toBe(401);
  });

  it('una cuenta desactivada pierde el acceso de inmediato', async () => {
    const sesion = await s.login('recepcion.darien');
    await s.db.updateTable('usuarios').set({ activo: 0 }).where('username', '=', 'recepcion.darien').execute();
    await rechazaToken(sesion.access_token, 'CUENTA_INACTIVA');
    const r = await cliente().post(`${s.api}/auth/refresh`, { refresh_token: sesion.refresh_token });
    expect(r.body.error.code).toBe('CUENTA_INACTIVA');
  });
});

/**
 * HS256 JWTs. Access tokens are short-lived and carry the session family (`sid`); refresh tokens are single-use and
 * rotate inside their family, so a stolen-and-replayed refresh token revokes the whole family.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../error-api.js';

const EMISOR = 'tramites-api';
export type TipoToken = 'access' | 'refresh';

export interface ClavesJwt {
  secreto: Uint8Array;
  accessMinutos: number;
  refreshDias: number;
}

export const clavesJwt = (secret: string, accessMinutos: number, refreshDias: number): ClavesJwt => ({
  secreto: new TextEncoder().encode(secret),
  accessMinutos,
  refreshDias,
});

export interface TokenFirmado {
  token: string;
  jti: string;
  expira: Date;
}

export async function firmar(k: ClavesJwt, tipo: TipoToken, usuarioId: string, familia: string): Promise<TokenFirmado> {
  const jti = uuidv7();
  const segundos = tipo === 'access' ? k.accessMinutos * 60 : k.refreshDias * 86_400;
  const expira = new Date(Date.now() + segundos * 1000);
  const token = await new SignJWT({ typ: tipo, sid: familia })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(usuarioId)
    .setIssuer(EMISOR)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expira.getTime() / 1000))
    .sign(k.secreto);
  return { token, jti, expira };
}

export interface ClaimsVerificados {
  sub: string;
  sid: string;
  jti: string;
  /** When the token stops being valid (ms since the epoch). */
  expira: number;
}

/** Verifies signature (HS256 only: `alg: none` and algorithm swaps are refused), expiry, issuer and token type. */
export async function verificar(k: ClavesJwt, token: string, tipo: TipoToken): Promise<ClaimsVerificados> {
  try {
    const { payload } = await jwtVerify(token, k.secreto, { algorithms: ['HS256'], issuer: EMISOR });
    if (
      payload.typ !== tipo ||
      typeof payload.sub !== 'string' ||
      typeof payload.sid !== 'string' ||
      !payload.jti ||
      typeof payload.exp !== 'number'
    ) {
      throw new AppError('TOKEN_INVALIDO', 'Token inválido para esta operación');
    }
    return { sub: payload.sub, sid: payload.sid, jti: payload.jti, expira: payload.exp * 1000 };
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof errors.JWTExpired)
      throw new AppError('TOKEN_INVALIDO', 'La sesión expiró; inicie sesión de nuevo');
    throw new AppError('TOKEN_INVALIDO', 'Token inválido');
  }
}

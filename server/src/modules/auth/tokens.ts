/**
 * HS256 JWTs. Access tokens are short-lived and carry the session family (`sid`); refresh tokens are single-use and
 * rotate inside their family, so a stolen-and-replayed refresh token revokes the whole family.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../error-api.js';

const EMISOR = 'tramites-api';
/** Ten years: any token this server ever signed. */
const TOLERANCIA_LOGOUT_S = 10 * 365 * 86_400;
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

/** `tope`: the token never outlives it (the session's absolute end, or its idle limit for a refresh token). */
export async function firmar(
  k: ClavesJwt,
  tipo: TipoToken,
  usuarioId: string,
  familia: string,
  tope?: Date,
): Promise<TokenFirmado> {
  const jti = uuidv7();
  const segundos = tipo === 'access' ? k.accessMinutos * 60 : k.refreshDias * 86_400;
  const expira = new Date(Math.min(Date.now() + segundos * 1000, tope?.getTime() ?? Infinity));
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
export async function verificar(
  k: ClavesJwt,
  token: string,
  tipo: TipoToken,
  { aunqueExpirado = false } = {},
): Promise<ClaimsVerificados> {
  try {
    const { payload } = await jwtVerify(token, k.secreto, {
      algorithms: ['HS256'],
      issuer: EMISOR,
      // Logout only: a lapsed token still names (with a valid signature) the session it wants ended.
      ...(aunqueExpirado ? { clockTolerance: TOLERANCIA_LOGOUT_S } : {}),
    });
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

/**
 * argon2id password hashing (OWASP parameters: 19 MiB, 2 passes), with an optional server pepper (ASVS 2.4.5):
 * PASSWORD_PEPPER, a secret kept outside the database, is applied as HMAC-SHA256 before argon2, so a copied database
 * alone cannot be guessed offline. A peppered hash is stored with the prefix `p1$` (the argon2 string follows); a hash
 * made before the pepper was set, or with older parameters, is rehashed at the officer's next successful login.
 *
 * A password IT sets (`npm run users -- create|reset-password`) is provisional (ASVS 2.3.1): stored as
 * `t1$<ISO instant>$<hash>`, it opens until that instant and never after, so it cannot become her long-term password;
 * her own change stores a plain hash.
 */
import { createHmac } from 'node:crypto';
import argon2 from 'argon2';

const OPCIONES = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const PREFIJO_PEPPER = 'p1$';
const PROVISIONAL = /^t1\$([^$]+)\$(.*)$/s;

/** A provisional password's stored form: valid until `hasta`. */
export const provisional = (hash: string, hasta: Date) => `t1$${hasta.toISOString()}$${hash}`;

const conPepper = (password: string, pepper: string) =>
  createHmac('sha256', pepper).update(password, 'utf8').digest('base64');

export const hashPassword = async (password: string, pepper?: string) =>
  pepper
    ? PREFIJO_PEPPER + (await argon2.hash(conPepper(password, pepper), OPCIONES))
    : argon2.hash(password, OPCIONES);

export interface Verificacion {
  correcta: boolean;
  /** Right password, stored without today's pepper or parameters: store a new hash. */
  rehacer: boolean;
  /** A provisional password: until when it opens (ISO); null for her own. */
  provisionalHasta: string | null;
}

export async function comprobarPassword(guardado: string, password: string, pepper?: string): Promise<Verificacion> {
  const t = PROVISIONAL.exec(guardado);
  const provisionalHasta = t ? t[1]! : null;
  const hash = t ? t[2]! : guardado;
  const peppered = hash.startsWith(PREFIJO_PEPPER);
  // A peppered hash without the pepper configured cannot match: the same answer as a wrong password.
  if (peppered && !pepper) return { correcta: false, rehacer: false, provisionalHasta };
  const argon = peppered ? hash.slice(PREFIJO_PEPPER.length) : hash;
  try {
    const correcta = await argon2.verify(argon, peppered ? conPepper(password, pepper!) : password);
    const rehacer = correcta && (Boolean(pepper) !== peppered || argon2.needsRehash(argon, OPCIONES));
    return { correcta, rehacer, provisionalHasta };
  } catch {
    return { correcta: false, rehacer: false, provisionalHasta };
  }
}

export const verificarPassword = async (hash: string, password: string, pepper?: string) =>
  (await comprobarPassword(hash, password, pepper)).correcta;

/** Verified against when the username does not exist, so response time does not reveal which usernames are real. */
let hashSenuelo: Promise<string> | undefined;
export const senuelo = () => (hashSenuelo ??= hashPassword('contraseña-señuelo-que-nunca-coincide'));

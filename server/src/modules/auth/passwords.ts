/** argon2id password hashing (OWASP parameters: 19 MiB, 2 passes). */
import argon2 from 'argon2';

const OPCIONES = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, OPCIONES);

export async function verificarPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username does not exist, so response time does not reveal which usernames are real. */
let hashSenuelo: Promise<string> | undefined;
export const senuelo = () => (hashSenuelo ??= hashPassword('contraseña-señuelo-que-nunca-coincide'));

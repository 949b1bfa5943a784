/**
 * What the screen says about a new password while she types it: the shared policy's own rules (length counted in
 * characters, the common-password list, the username), so the desk and the server never disagree.
 */
import { esPasswordComun } from '#shared/auth/comunes';
import { PASSWORD_MAXIMO, PASSWORD_MINIMO, problemaDePassword } from '#shared/auth/politica';

export type Nivel = 'vacia' | 'debil' | 'aceptable' | 'fuerte';

export interface Fortaleza {
  largo: number;
  largoBien: boolean;
  comun: boolean;
  conUsuario: boolean;
  nivel: Nivel;
}

/** Twice the minimum is comfortably past what guessing reaches: shown as "fuerte". */
const HOLGADA = PASSWORD_MINIMO * 2;

export function fortaleza(password: string, username: string): Fortaleza {
  const largo = [...password].length;
  const comun = password !== '' && esPasswordComun(password);
  const u = username.trim().toLowerCase();
  const conUsuario = u.length >= 4 && password.toLowerCase().includes(u);
  const acepta = password !== '' && problemaDePassword(password, username) === null;
  return {
    largo,
    largoBien: largo >= PASSWORD_MINIMO && largo <= PASSWORD_MAXIMO,
    comun,
    conUsuario,
    nivel: password === '' ? 'vacia' : !acepta ? 'debil' : largo >= HOLGADA ? 'fuerte' : 'aceptable',
  };
}

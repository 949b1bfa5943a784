/**
 * The password policy of ASVS 4.0.3 V2.1 for passwords a person chooses (a new user, a reset, her own change): at least
 * 12 characters, up to 128, any character (spaces and emoji too: no composition rules), not a common or breached
 * password, not the username. A password set before this policy (the demo's) still logs in: it is applied only when a
 * password is chosen. Shared so the desk can say the same thing while the officer types.
 */
import { esPasswordComun } from './comunes.js';

export const PASSWORD_MINIMO = 12;
export const PASSWORD_MAXIMO = 128;

/** Unicode characters, not UTF-16 units: an emoji counts once (ASVS 2.1.1). */
const largo = (p: string) => [...p].length;

/** Why this new password is refused (a Spanish sentence), or null when it is acceptable. */
export function problemaDePassword(password: string, username?: string): string | null {
  const n = largo(password);
  if (n < PASSWORD_MINIMO)
    return `La contraseña debe tener al menos ${PASSWORD_MINIMO} caracteres (puede ser una frase con espacios)`;
  if (n > PASSWORD_MAXIMO) return `La contraseña admite como máximo ${PASSWORD_MAXIMO} caracteres`;
  if (esPasswordComun(password))
    return 'Esa contraseña es demasiado común o aparece en filtraciones conocidas; elija otra (una frase larga sirve)';
  const usuario = username?.trim().toLowerCase();
  // Short names ("ana") would refuse unrelated phrases ("banana"); from four letters it is the name.
  if (usuario && usuario.length >= 4 && password.toLowerCase().includes(usuario))
    return 'La contraseña no puede contener el nombre de usuario';
  return null;
}

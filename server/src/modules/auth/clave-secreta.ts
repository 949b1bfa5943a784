/**
 * Whether a configured SECRET_KEY can sign tokens outside development and tests (ASVS 2.10.4, 6.4): the placeholder
 * of .env.example, a key anyone could guess (a word repeated, a handful of characters) or one with too little entropy
 * would let whoever reads this repository, or guesses, sign an administrator's token. Checked at start-up.
 *
 * The entropy is estimated from the key's own characters (Shannon entropy of its character frequencies × length):
 * `openssl rand -hex 32` gives about 250 bits, a random 43-character base64url key about 250; a sentence or a word
 * repeated scores far below 128.
 */

/** Bits a key must reach: 128, the strength of the HMAC-SHA256 key ASVS asks for. */
export const BITS_MINIMOS = 128;

/** Pieces of placeholders and examples published in this repository and in common templates. */
const MARCADORES = [
  'cambiar',
  'changeme',
  'change-me',
  'change_me',
  'genere-con',
  'openssl-rand',
  'your-secret',
  'your_secret',
  'secret-key',
  'secret_key',
  'supersecret',
  'placeholder',
  'ejemplo',
  'example',
  'xxxxxxxx',
];

export function bitsEstimados(clave: string): number {
  const caracteres = [...clave];
  const frecuencias = new Map<string, number>();
  for (const c of caracteres) frecuencias.set(c, (frecuencias.get(c) ?? 0) + 1);
  let porCaracter = 0;
  for (const n of frecuencias.values()) {
    const p = n / caracteres.length;
    porCaracter -= p * Math.log2(p);
  }
  return porCaracter * caracteres.length;
}

/** The share of neighbouring characters that repeat or count up or down by one ("abcdef", "123456", "aaaa"). */
function pasosDeUno(clave: string): number {
  const codigos = [...clave].map((c) => c.codePointAt(0)!);
  let pasos = 0;
  for (let i = 1; i < codigos.length; i++) if (Math.abs(codigos[i]! - codigos[i - 1]!) <= 1) pasos++;
  return codigos.length > 1 ? pasos / (codigos.length - 1) : 1;
}

/** Why this key may not sign tokens (a Spanish sentence), or null when it may. */
export function problemaDeClave(clave: string): string | null {
  const minuscula = clave.toLowerCase();
  const marcador = MARCADORES.find((m) => minuscula.includes(m));
  if (marcador)
    return `parece un valor de ejemplo (contiene "${marcador}"); genere una clave con: openssl rand -hex 32`;
  if (/^(.{1,8})\1+$/s.test(clave)) return 'repite el mismo fragmento; genere una clave con: openssl rand -hex 32';
  if (new Set(clave).size < 10)
    return `usa solo ${new Set(clave).size} caracteres distintos; genere una clave con: openssl rand -hex 32`;
  if (pasosDeUno(clave) >= 2 / 3)
    return 'es casi toda una secuencia (abcd…, 1234…); genere una clave con: openssl rand -hex 32';
  const bits = bitsEstimados(clave);
  if (bits < BITS_MINIMOS)
    return `tiene poca entropía (unos ${Math.floor(bits)} bits; hacen falta ${BITS_MINIMOS}); genere una clave con: openssl rand -hex 32`;
  return null;
}

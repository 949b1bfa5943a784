/** Text as officers search it: case-, accent- and spacing-insensitive ("Peréz  gómez" finds "PEREZ GOMEZ"). */
export function normalizarBusqueda(texto: string): string {
  return texto
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "primer segundo apellido1 apellido2", skipping empty parts (the reference's nombre_completo). */
export function nombreCompleto(p: {
  primer_nombre: string;
  segundo_nombre?: string | null;
  primer_apellido: string;
  segundo_apellido?: string | null;
}): string {
  return [p.primer_nombre, p.segundo_nombre, p.primer_apellido, p.segundo_apellido]
    .filter((s) => s && s.trim())
    .join(' ');
}

const SUFIJO_MINIMO = 3;
const LARGO_MAXIMO = 60;

/** A search word as the index stores it: normalised, letters and digits only ("8-123-4567" → "81234567"). */
export const terminoDeBusqueda = (palabra: string): string => normalizarBusqueda(palabra).replace(/[^a-z0-9]/g, '');

/**
 * The index terms of a case's search text, for prefix lookups that an index can serve on any engine: each word, its
 * hyphen-separated parts, and for words with digits (documents, case numbers) every suffix of three or more characters,
 * so a partial document number ("4567", "123-45") finds the case without scanning the table.
 */
export function terminosDeBusqueda(texto: string): string[] {
  const terminos = new Set<string>();
  for (const palabra of normalizarBusqueda(texto).split(' ')) {
    const partes = palabra.split(/[^a-z0-9]+/).filter(Boolean);
    const unida = partes.join('');
    for (const p of [...partes, unida]) if (p) terminos.add(p.slice(0, LARGO_MAXIMO));
    if (/\d/.test(unida)) {
      for (let i = 1; i <= unida.length - SUFIJO_MINIMO; i++) terminos.add(unida.slice(i, i + LARGO_MAXIMO));
    }
  }
  return [...terminos];
}

/**
 * True when the text has at least one visible character. A required field holding only a NUL, a zero-width space or
 * other control, format or separator characters looks empty to the officer who reads it: it is not an answer.
 */
export const tieneTextoVisible = (texto: string): boolean => /[^\p{C}\p{Z}]/u.test(texto);

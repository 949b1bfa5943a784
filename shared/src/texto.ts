/** Text as officers search it: case-, accent- and spacing-insensitive ("Peréz  gómez" finds "PEREZ GOMEZ"). */
export function normalizarBusqueda(texto: string): string {
  return texto
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "primer segundo apellido1 apellido2", skipping empty parts (DOMAIN.md §4.1 nombre_completo). */
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

/** A small JSON file only its owner may read (mode 0600), written whole or not at all: the shells' secret stores. */
import fs from 'node:fs';

export function leerJsonPrivado(archivo: string): Record<string, string> {
  if (!fs.existsSync(archivo)) return {};
  return JSON.parse(fs.readFileSync(archivo, 'utf8')) as Record<string, string>;
}

export function escribirJsonPrivado(archivo: string, datos: Record<string, string>) {
  // Write beside, then rename: a crash never leaves half a file; the mode is set when the file is created.
  const temporal = `${archivo}.tmp`;
  fs.writeFileSync(temporal, JSON.stringify(datos), { mode: 0o600 });
  fs.chmodSync(temporal, 0o600);
  fs.renameSync(temporal, archivo);
}

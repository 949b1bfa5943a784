/** Bytes as they cross the bridge (base64) and back; files the officer picks, hashed like the core's cache. */
export function base64ABytes(base64: string): Uint8Array {
  const binario = atob(base64);
  const bytes = new Uint8Array(binario.length);
  for (let i = 0; i < binario.length; i++) bytes[i] = binario.charCodeAt(i);
  return bytes;
}

export function bytesABase64(bytes: Uint8Array): string {
  // Chunks keep String.fromCharCode under the engine's argument limit on a 10 MB file.
  let binario = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binario += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binario);
}

/** sha256 in hex: the key of the core's document cache and of its `documentos.progreso` events. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The API's limit per document. */
export const MAX_BYTES_DOCUMENTO = 10 * 1024 * 1024;
export const TIPOS_ACEPTADOS = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

export interface ArchivoElegido {
  nombre: string;
  mime: string;
  bytes: Uint8Array;
  sha256: string;
}

export async function leerArchivo(archivo: File): Promise<ArchivoElegido> {
  const bytes = new Uint8Array(await archivo.arrayBuffer());
  return {
    nombre: archivo.name,
    mime: archivo.type || 'application/octet-stream',
    bytes,
    sha256: await sha256Hex(bytes),
  };
}

export function tamanoLegible(bytes: number, locale: string): string {
  const f = (n: number, u: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n)} ${u}`;
  if (bytes < 1024) return f(bytes, 'B');
  if (bytes < 1024 * 1024) return f(bytes / 1024, 'KB');
  return f(bytes / 1024 / 1024, 'MB');
}

/** Saves bytes as a file through the browser's download (works the same in Electron and the web shell). */
export function descargar(nombre: string, mime: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
  const enlace = document.createElement('a');
  enlace.href = url;
  enlace.download = nombre;
  enlace.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The update feed IT publishes (`deploy/scripts/publish_update.sh` → nginx `/updates/`): electron-builder's
 * `latest*.yml`, read and checked before anything is downloaded, so a half-written or hostile feed is a quiet error
 * on the desk, never a crash or a download of something the feed does not vouch for.
 */
import yaml from 'js-yaml';
import semver from 'semver';
import { z } from 'zod';
import { ErrorCore } from '../error-core.js';

/** IT's channels. `stable` is electron-builder's default channel, whose files are named `latest*.yml`. */
export const CANALES = ['stable', 'beta'] as const;
export type Canal = (typeof CANALES)[number];

/** sha512 as electron-builder writes it: base64 of the 64-byte digest. */
const sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, { error: 'sha512 inválido' });
/** The feed's yml is a few hundred bytes; anything past this is not a feed (and must not fill the desk's memory). */
export const MAX_BYTES_FEED = 1024 * 1024;

/**
 * A file of the release: a plain name beside the yml (no folders, no scheme), as publish_update.sh copies them. Judged
 * as the URL resolver will read it, percent-decoded: `%2e%2e%2f` is `../` to electron-updater's `new URL(...)`. A name
 * still holding `%` after decoding (encoded twice) or one that does not decode is refused too.
 */
export function esNombreDelFeed(n: string): boolean {
  let nombre: string;
  try {
    nombre = decodeURIComponent(n);
  } catch {
    return false;
  }
  const control = [...nombre].some((c) => c.charCodeAt(0) < 0x20);
  return !control && !/[\\/%]|\.\.|^\.$|^[a-z][a-z0-9+.-]*:/i.test(nombre);
}
const nombreArchivo = z.string().min(1).max(255).refine(esNombreDelFeed, { error: 'nombre de archivo fuera del feed' });

const EsquemaFeed = z.object({
  version: z.string().refine((v) => semver.valid(v) !== null, { error: 'versión no válida (semver)' }),
  files: z
    .array(z.object({ url: nombreArchivo, sha512, size: z.number().int().positive().optional() }))
    .min(1, { error: 'el feed no nombra ningún archivo' }),
  path: nombreArchivo.optional(),
  sha512: sha512.optional(),
  releaseDate: z.iso.datetime({ offset: true }).optional(),
  stagingPercentage: z.coerce.number().min(0).max(100).optional(),
});

export interface VersionPublicada {
  version: string;
  archivos: { url: string; sha512: string; size: number | null }[];
  fecha: string | null;
  /** Share of desks (0-100) that take this release; null = every desk. */
  porcentaje: number | null;
}

export function leerFeed(texto: string): VersionPublicada {
  let datos: unknown;
  try {
    // JSON_SCHEMA: plain scalars only (no dates or custom tags), as electron-builder writes them.
    datos = yaml.load(texto, { schema: yaml.JSON_SCHEMA });
  } catch {
    throw new ErrorCore('VALIDACION', 'El feed de actualizaciones no es YAML válido');
  }
  const r = EsquemaFeed.safeParse(datos);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const campo = i.path.join('.') || 'feed';
    throw new ErrorCore('VALIDACION', `El feed de actualizaciones no es válido: ${campo}: ${i.message}`);
  }
  const f = r.data;
  return {
    version: f.version,
    archivos: f.files.map((a) => ({ url: a.url, sha512: a.sha512, size: a.size ?? null })),
    fecha: f.releaseDate ?? null,
    porcentaje: f.stagingPercentage ?? null,
  };
}

/** The yml a desk reads, as electron-updater names it: `<canal>.yml` on Windows, `<canal>-linux.yml` on Linux… */
export function archivoDelCanal(canal: Canal, plataforma: NodeJS.Platform): string {
  const base = canal === 'stable' ? 'latest' : canal;
  if (plataforma === 'linux') return `${base}-linux.yml`;
  if (plataforma === 'darwin') return `${base}-mac.yml`;
  return `${base}.yml`;
}

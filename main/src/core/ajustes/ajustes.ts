/**
 * The desk's settings: server URL, language, document cache budget. Where a value comes from, first that has it:
 * 1. IT's configuration file, for the keys IT listed in `bloqueados` (the officer sees them read-only);
 * 2. what the officer saved (`ajustes.json` in the data folder);
 * 3. IT's configuration file, as a default;
 * 4. what the launcher passed (the shell's server URL) and the built-in defaults.
 * IT's files are read at start-up: `resources/configuracion.json` inside the app, then `configuracion.json` beside the
 * installed app (a later file overrides an earlier one). An IT file that is not valid stops the start with a clear
 * message rather than being ignored: a fixed server URL silently dropped would let the desk talk to another server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AjustesCambios, IDIOMAS } from '#shared/bridge/contrato';
import type { Ajustes } from '#shared/bridge/tipos';
import { ErrorCore } from '../error-core.js';

export const CLAVES_AJUSTES = ['servidor_url', 'idioma', 'cache_documentos_mb'] as const;
type ClaveAjuste = (typeof CLAVES_AJUSTES)[number];
type Cambios = z.output<typeof AjustesCambios>;

export const MB = 1024 * 1024;
export const ARCHIVO_AJUSTES = 'ajustes.json';

/** IT's file: the settings plus which of them are fixed; other keys (the shell's own) are left to their readers. */
const ConfiguracionTI = z.object({
  ...AjustesCambios.shape,
  bloqueados: z.array(z.enum(CLAVES_AJUSTES)).default([]),
});

const NOMBRES: Record<ClaveAjuste, string> = {
  servidor_url: 'la dirección del servidor',
  idioma: 'el idioma',
  cache_documentos_mb: 'el tamaño de la caché de documentos',
};

export interface OpcionesAjustes {
  dataDir: string;
  archivosConfiguracion?: string[];
  /** Used when neither IT nor the officer set a server URL. */
  servidorUrl: string;
  cacheBytes: number;
}

const sinBarraFinal = (url: string) => url.replace(/\/+$/, '');

function leerConfiguracionTI(archivos: string[]): { valores: Cambios; bloqueados: Set<ClaveAjuste> } {
  const valores: Cambios = {};
  const bloqueados = new Set<ClaveAjuste>();
  for (const archivo of archivos) {
    let texto: string;
    try {
      texto = fs.readFileSync(archivo, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ErrorCore('VALIDACION', `No se pudo leer el archivo de configuración ${archivo}`, {
        causa: String(e),
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(texto);
    } catch {
      throw new ErrorCore('VALIDACION', `El archivo de configuración ${archivo} no es JSON válido`);
    }
    const r = ConfiguracionTI.safeParse(json);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new ErrorCore(
        'VALIDACION',
        `El archivo de configuración ${archivo} no es válido: ${i.path.join('.')}: ${i.message}`,
        r.error.issues,
      );
    }
    const { bloqueados: fijos, ...resto } = r.data;
    Object.assign(valores, Object.fromEntries(Object.entries(resto).filter(([, v]) => v !== undefined)));
    for (const c of fijos) bloqueados.add(c);
  }
  const sinValor = [...bloqueados].filter((c) => valores[c] === undefined);
  if (sinValor.length)
    throw new ErrorCore(
      'VALIDACION',
      `La configuración fija ${sinValor.map((c) => NOMBRES[c]).join(', ')} pero no le da un valor`,
    );
  return { valores, bloqueados };
}

export class AjustesEscritorio {
  private readonly ti: { valores: Cambios; bloqueados: Set<ClaveAjuste> };
  private readonly archivo: string;
  private guardados: Cambios;

  constructor(private readonly o: OpcionesAjustes) {
    this.ti = leerConfiguracionTI(o.archivosConfiguracion ?? []);
    this.archivo = path.join(o.dataDir, ARCHIVO_AJUSTES);
    this.guardados = this.leerGuardados();
  }

  /** The officer's saved values; a file from an older or damaged install counts as none (IT's still apply). */
  private leerGuardados(): Cambios {
    try {
      const r = AjustesCambios.safeParse(JSON.parse(fs.readFileSync(this.archivo, 'utf8')));
      return r.success ? r.data : {};
    } catch {
      return {};
    }
  }

  /** IT's fixed value, else the officer's, else IT's default; undefined when nobody set it. */
  private valor<K extends ClaveAjuste>(k: K): Cambios[K] {
    return this.ti.bloqueados.has(k) ? this.ti.valores[k] : (this.guardados[k] ?? this.ti.valores[k]);
  }

  leer(): Ajustes {
    return {
      servidor_url: sinBarraFinal(this.valor('servidor_url') ?? this.o.servidorUrl),
      idioma: this.valor('idioma') ?? IDIOMAS[0],
      cache_documentos_mb: this.valor('cache_documentos_mb') ?? Math.round(this.o.cacheBytes / MB),
      bloqueados: CLAVES_AJUSTES.filter((c) => this.ti.bloqueados.has(c)),
    };
  }

  /** The cache budget in bytes: the launcher's exact figure while nobody set one in MB. */
  cacheBytes(): number {
    const mb = this.valor('cache_documentos_mb');
    return mb === undefined ? this.o.cacheBytes : mb * MB;
  }

  /**
   * Saves the officer's changes (already validated by the contract's schema). A key IT fixed may be sent unchanged
   * (a form sends every field) but not changed. Written to a temp file then renamed: never a half-written file.
   */
  guardar(cambios: Cambios): Ajustes {
    const antes = this.leer();
    const fijos = CLAVES_AJUSTES.filter(
      (c) => cambios[c] !== undefined && this.ti.bloqueados.has(c) && !iguales(c, cambios[c], antes[c]),
    );
    if (fijos.length)
      throw new ErrorCore(
        'PERMISO_DENEGADO',
        `El área de informática fijó ${fijos.map((c) => NOMBRES[c]).join(' y ')} en esta estación; no se puede cambiar aquí`,
        { bloqueados: fijos },
      );
    const nuevos: Cambios = { ...this.guardados };
    for (const c of CLAVES_AJUSTES)
      if (cambios[c] !== undefined && !this.ti.bloqueados.has(c)) Object.assign(nuevos, { [c]: cambios[c] });
    if (nuevos.servidor_url) nuevos.servidor_url = sinBarraFinal(nuevos.servidor_url);
    fs.mkdirSync(this.o.dataDir, { recursive: true });
    const temporal = `${this.archivo}.${process.pid}.tmp`;
    fs.writeFileSync(temporal, JSON.stringify(nuevos, null, 2));
    fs.renameSync(temporal, this.archivo);
    this.guardados = nuevos;
    return this.leer();
  }
}

const iguales = (c: ClaveAjuste, a: unknown, b: unknown) =>
  c === 'servidor_url' ? sinBarraFinal(String(a)) === sinBarraFinal(String(b)) : a === b;

/**
 * Document bytes on this desk, content-addressed (SHA-256) like the server's, within a size budget. Files read least
 * recently go first when the budget is exceeded; files attached offline stay pinned until the server has them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CacheDocumentos as EstadisticasCache } from '#shared/bridge/tipos';
import type { Sqlite } from '../store/abrir.js';

export const PRESUPUESTO_DEFECTO = 512 * 1024 * 1024;

export const sha256De = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class CacheDocumentos {
  constructor(
    private readonly db: Sqlite,
    private readonly dir: string,
    /** Bytes; settable at run time (the officer's settings), followed by `desalojar()`. */
    public presupuesto: number = PRESUPUESTO_DEFECTO,
    private readonly reloj: () => Date = () => new Date(),
  ) {}

  ruta(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  /** Stores bytes under their hash (temp file + rename: never a half file under the final name). */
  async guardar(bytes: Buffer, fijado: boolean): Promise<{ sha256: string; tamano: number }> {
    const sha256 = sha256De(bytes);
    const destino = this.ruta(sha256);
    await fs.mkdir(path.dirname(destino), { recursive: true });
    const temporal = `${destino}.${process.pid}.tmp`;
    await fs.writeFile(temporal, bytes);
    await fs.rename(temporal, destino);
    this.db
      .prepare(
        `insert into archivos_cache (sha256, tamano, ultimo_uso, fijado) values (?, ?, ?, ?)
         on conflict (sha256) do update set ultimo_uso = excluded.ultimo_uso, fijado = max(fijado, excluded.fijado)`,
      )
      .run(sha256, bytes.length, this.reloj().toISOString(), fijado ? 1 : 0);
    await this.desalojar();
    return { sha256, tamano: bytes.length };
  }

  /** The bytes, if cached and intact (a file damaged on disk is dropped and fetched again). */
  async leer(sha256: string): Promise<Buffer | null> {
    const fila = this.db.prepare('select sha256 from archivos_cache where sha256 = ?').get(sha256);
    if (!fila) return null;
    const bytes = await fs.readFile(this.ruta(sha256)).catch(() => null);
    if (!bytes || sha256De(bytes) !== sha256) {
      this.db.prepare('delete from archivos_cache where sha256 = ?').run(sha256);
      return null;
    }
    this.db
      .prepare('update archivos_cache set ultimo_uso = ? where sha256 = ?')
      .run(this.reloj().toISOString(), sha256);
    return bytes;
  }

  tiene(sha256: string): boolean {
    return this.db.prepare('select 1 from archivos_cache where sha256 = ?').get(sha256) !== undefined;
  }

  /**
   * The server has the file now (or it is no longer needed): it may be evicted like any other, unless another pending
   * attachment of the same bytes still has to upload them.
   */
  async desfijar(sha256: string): Promise<void> {
    this.db
      .prepare(
        `update archivos_cache set fijado = 0 where sha256 = ? and not exists (
           select 1 from outbox where estado = 'pendiente' and nombre = 'ppsh.adjuntarDocumento'
             and args->>'$.documento.sha256' = ?)`,
      )
      .run(sha256, sha256);
    await this.desalojar();
  }

  /** Least recently used first, never a pinned file, until the cache fits its budget. */
  async desalojar(): Promise<void> {
    let total = this.estadisticas().bytes;
    if (total <= this.presupuesto) return;
    const candidatos = this.db
      .prepare('select sha256, tamano from archivos_cache where fijado = 0 order by ultimo_uso')
      .all() as { sha256: string; tamano: number }[];
    for (const c of candidatos) {
      if (total <= this.presupuesto) break;
      this.db.prepare('delete from archivos_cache where sha256 = ?').run(c.sha256);
      await fs.rm(this.ruta(c.sha256), { force: true });
      total -= c.tamano;
    }
  }

  estadisticas(): EstadisticasCache {
    const r = this.db
      .prepare(
        'select coalesce(sum(tamano), 0) as bytes, count(*) as archivos, coalesce(sum(fijado), 0) as fijados from archivos_cache',
      )
      .get() as { bytes: number; archivos: number; fijados: number };
    return { bytes: r.bytes, presupuesto_bytes: this.presupuesto, archivos: r.archivos, pendientes_subida: r.fijados };
  }
}

/**
 * The desk's error reports (docs/operations.md §7 "Reportes de errores"): an unexpected error of the core (not an
 * ErrorCore with its code, not the API's answer, not the network) is reduced on the spot to its fingerprint — code and
 * top stack frame, shared/src/errores/reporte.ts — and counted; nothing of the officer's data is kept. The counts are
 * kept in a small file beside the store (a crash of the app must not lose them) and go to the server after the next
 * good sync (POST /api/v1/errores), at most MAX_REPORTES_POR_ENVIO fingerprints per desk.
 */
import fs from 'node:fs';
import {
  codigoDeError,
  huellaDeError,
  marcoSuperior,
  MAX_REPORTES_POR_ENVIO,
  type ReporteErrorEscritorio,
} from '#shared/errores/reporte';
import { ErrorApi, ErrorRed, type ClienteApi } from '../api/cliente.js';
import { ErrorCore } from '../error-core.js';

/** An expected failure has a code the officer reads; only the rest is a defect worth reporting. */
export const esErrorInesperado = (e: unknown): boolean =>
  !(e instanceof ErrorCore || e instanceof ErrorApi || e instanceof ErrorRed);

export class ReporteroErrores {
  private pendientes = new Map<string, ReporteErrorEscritorio>();
  private enviando: Promise<void> | null = null;

  constructor(
    private readonly archivo: string,
    private readonly version: string,
    private readonly reloj: () => Date = () => new Date(),
  ) {
    try {
      const guardados = JSON.parse(fs.readFileSync(archivo, 'utf8')) as ReporteErrorEscritorio[];
      for (const r of guardados) this.pendientes.set(huellaDeError(r.codigo, r.marco), r);
    } catch {
      // No file yet, or a damaged one: nothing pending (these are counts, not the officer's work).
    }
  }

  /** Counts an unexpected error under its fingerprint; a new fingerprint past the limit is dropped. */
  registrar(error: unknown): void {
    const codigo = codigoDeError(error);
    const marco = marcoSuperior(error instanceof Error ? error.stack : undefined);
    const huella = huellaDeError(codigo, marco);
    const ahora = this.reloj().toISOString();
    const previo = this.pendientes.get(huella);
    if (previo) {
      previo.veces = Math.min(previo.veces + 1, 1_000_000);
      previo.ultima = ahora;
    } else if (this.pendientes.size < MAX_REPORTES_POR_ENVIO) {
      this.pendientes.set(huella, { codigo, marco, version: this.version, veces: 1, primera: ahora, ultima: ahora });
    } else return;
    this.guardar();
  }

  cuantos(): number {
    return this.pendientes.size;
  }

  /**
   * Sends what is pending (one at a time). Sent counts are subtracted, so errors counted meanwhile stay for the next
   * time; a refusal of the reports themselves (422) drops them rather than retrying them forever.
   */
  enviar(api: ClienteApi, token: () => Promise<string | undefined>): Promise<void> {
    if (this.enviando || this.pendientes.size === 0) return this.enviando ?? Promise.resolve();
    const lote = [...this.pendientes.entries()].map(([h, r]) => [h, { ...r }] as const);
    this.enviando = (async () => {
      try {
        await api.json('/errores', {
          metodo: 'POST',
          token: await token(),
          json: { reportes: lote.map(([, r]) => r) },
          timeoutMs: 10_000,
        });
        this.descontar(lote);
      } catch (e) {
        if (e instanceof ErrorApi && e.status === 422) this.descontar(lote);
        // Network, 401, 429, 5xx: they stay for the next good sync.
      } finally {
        this.enviando = null;
      }
    })();
    return this.enviando;
  }

  private descontar(lote: ReadonlyArray<readonly [string, ReporteErrorEscritorio]>): void {
    for (const [huella, enviado] of lote) {
      const actual = this.pendientes.get(huella);
      if (!actual) continue;
      if (actual.veces <= enviado.veces) this.pendientes.delete(huella);
      else actual.veces -= enviado.veces;
    }
    this.guardar();
  }

  private guardar(): void {
    try {
      fs.writeFileSync(this.archivo, JSON.stringify([...this.pendientes.values()]));
    } catch {
      // A full or read-only disk: the counts live on in memory until the app closes.
    }
  }
}

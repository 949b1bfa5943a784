/**
 * Tells a barcode/QR scanner (a keyboard that types a whole code in a few milliseconds and presses Enter) from a person
 * typing. Pure: fed every key with its timestamp, it answers the scanned code when Enter ends a burst fast enough.
 */
export interface OpcionesEscaner {
  /**
   * Longest gap between two keys of one scan. Scanners send one every 1-20 ms; a busy page may delay a key by a few tens
   * of ms. People do type two keys that close now and then, never six or more in a row.
   */
  maxIntervaloMs: number;
  /** Shortest code worth opening (expediente numbers and provisional references are longer). */
  minLongitud: number;
}

export const ESCANER_DEFECTO: OpcionesEscaner = { maxIntervaloMs: 50, minLongitud: 6 };

export class DetectorEscaner {
  private codigo = '';
  private ultimo = -Infinity;

  constructor(private readonly o: OpcionesEscaner = ESCANER_DEFECTO) {}

  /** Feeds one key; returns the code when this Enter ends a scan, else null. */
  tecla(clave: string, instanteMs: number): string | null {
    const seguida = instanteMs - this.ultimo <= this.o.maxIntervaloMs;
    this.ultimo = instanteMs;
    if (clave === 'Enter') {
      const codigo = seguida ? this.codigo : '';
      this.codigo = '';
      return codigo.length >= this.o.minLongitud ? codigo : null;
    }
    if (clave.length !== 1) {
      this.codigo = '';
      return null;
    }
    this.codigo = seguida ? this.codigo + clave : clave;
    return null;
  }

  /** Characters of the burst so far (to undo what the scanner typed into a text field). */
  get enCurso(): string {
    return this.codigo;
  }
}

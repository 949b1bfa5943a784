/**
 * A bounded map that forgets the least recently used entries first: what the in-memory caches of this folder keep.
 * `peso` measures an entry (1 each by default, or its bytes) and the map never holds more than `maximo` of it.
 */
export class Recientes<V> {
  private readonly entradas = new Map<string, { valor: V; peso: number }>();
  private total = 0;

  constructor(
    private readonly maximo: number,
    private readonly peso: (valor: V) => number = () => 1,
  ) {}

  get(clave: string): V | undefined {
    const e = this.entradas.get(clave);
    if (!e) return undefined;
    // Map keeps insertion order: moving the entry to the end keeps the oldest use first.
    this.entradas.delete(clave);
    this.entradas.set(clave, e);
    return e.valor;
  }

  set(clave: string, valor: V): void {
    this.delete(clave);
    const peso = this.peso(valor);
    if (peso > this.maximo) return;
    this.entradas.set(clave, { valor, peso });
    this.total += peso;
    for (const [vieja, e] of this.entradas) {
      if (this.total <= this.maximo) break;
      this.entradas.delete(vieja);
      this.total -= e.peso;
    }
  }

  delete(clave: string): void {
    const e = this.entradas.get(clave);
    if (!e) return;
    this.entradas.delete(clave);
    this.total -= e.peso;
  }

  get tamano(): number {
    return this.entradas.size;
  }
}

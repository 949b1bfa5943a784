/**
 * Node 20 has no EventSource: this is the smallest one the renderer's HTTP transport needs (named events, data lines),
 * reading the web shell's real SSE stream over fetch. Test-only; the browser's own EventSource runs in the e2e tests.
 */
type Listener = (e: { data: string }) => void;

export class EventSourceNode {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly control = new AbortController();
  /** Resolves once the stream answered (headers received). */
  readonly abierto: Promise<void>;

  constructor(url: string) {
    this.abierto = this.leer(url);
  }

  addEventListener(tipo: string, fn: Listener) {
    let set = this.listeners.get(tipo);
    if (!set) this.listeners.set(tipo, (set = new Set()));
    set.add(fn);
  }

  removeEventListener(tipo: string, fn: Listener) {
    this.listeners.get(tipo)?.delete(fn);
  }

  close() {
    this.control.abort();
  }

  private async leer(url: string): Promise<void> {
    const r = await fetch(url, { signal: this.control.signal, headers: { accept: 'text/event-stream' } });
    if (!r.ok || !r.body) throw new Error(`SSE ${r.status}`);
    const lector = r.body.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      let pendiente = '';
      try {
        for (let trozo = await lector.read(); !trozo.done; trozo = await lector.read()) {
          pendiente += decoder.decode(trozo.value, { stream: true });
          let fin: number;
          while ((fin = pendiente.indexOf('\n\n')) >= 0) {
            this.despachar(pendiente.slice(0, fin));
            pendiente = pendiente.slice(fin + 2);
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }

  private despachar(bloque: string) {
    let tipo = 'message';
    const datos: string[] = [];
    for (const linea of bloque.split('\n')) {
      if (linea.startsWith('event:')) tipo = linea.slice(6).trim();
      else if (linea.startsWith('data:')) datos.push(linea.slice(5).replace(/^ /, ''));
    }
    if (datos.length) for (const fn of this.listeners.get(tipo) ?? []) fn({ data: datos.join('\n') });
  }
}

/**
 * A cable between a desk and the API that a test can unplug: a real TCP relay on a free port. Cut, it drops every open
 * connection and refuses new ones, exactly what a desk sees when the office loses its link.
 */
import net from 'node:net';

export interface Red {
  /** API root through the relay (…/api/v1). */
  api: string;
  cortar(): void;
  restablecer(): void;
  /**
   * Calls `fn` once `bytes` more bytes have crossed the cable, either way: a cut or a kill in mid-transfer. Returns the
   * function that disarms it (when the exchange ended before that many bytes).
   */
  alCruzar(bytes: number, fn: () => void): () => void;
  cerrar(): Promise<void>;
}

export async function crearRed(destino: string): Promise<Red> {
  const u = new URL(destino);
  let conectada = true;
  const abiertas = new Set<net.Socket>();
  let aviso: { faltan: number; fn: () => void } | null = null;
  const contar = (trozo: Buffer) => {
    if (!aviso) return;
    aviso.faltan -= trozo.length;
    if (aviso.faltan > 0) return;
    const { fn } = aviso;
    aviso = null;
    fn();
  };
  const servidor = net.createServer((entrada) => {
    if (!conectada) return entrada.destroy();
    const salida = net.connect(Number(u.port), u.hostname);
    for (const [s, otro] of [
      [entrada, salida],
      [salida, entrada],
    ] as const) {
      abiertas.add(s);
      // One side gone (the server stopped, refused or reset; the desk hung up) ends the other: a desk must see the
      // failure at once, not wait for its deadline on a socket nobody will answer.
      s.on('close', () => {
        abiertas.delete(s);
        otro.destroy();
      });
      s.on('error', () => undefined);
      s.on('data', contar);
    }
    entrada.pipe(salida).pipe(entrada);
  });
  await new Promise<void>((r) => servidor.listen(0, '127.0.0.1', () => r()));
  const puerto = (servidor.address() as net.AddressInfo).port;
  return {
    api: `http://127.0.0.1:${puerto}${u.pathname}`,
    cortar() {
      conectada = false;
      for (const s of abiertas) s.destroy();
    },
    restablecer() {
      conectada = true;
    },
    alCruzar(bytes, fn) {
      const este = { faltan: bytes, fn };
      aviso = este;
      return () => {
        if (aviso === este) aviso = null;
      };
    },
    async cerrar() {
      for (const s of abiertas) s.destroy();
      await new Promise<void>((r) => servidor.close(() => r()));
    },
  };
}

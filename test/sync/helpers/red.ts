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
  cerrar(): Promise<void>;
}

export async function crearRed(destino: string): Promise<Red> {
  const u = new URL(destino);
  let conectada = true;
  const abiertas = new Set<net.Socket>();
  const servidor = net.createServer((entrada) => {
    if (!conectada) return entrada.destroy();
    const salida = net.connect(Number(u.port), u.hostname);
    for (const s of [entrada, salida]) {
      abiertas.add(s);
      s.on('close', () => abiertas.delete(s));
      s.on('error', () => undefined);
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
    async cerrar() {
      for (const s of abiertas) s.destroy();
      await new Promise<void>((r) => servidor.close(() => r()));
    },
  };
}

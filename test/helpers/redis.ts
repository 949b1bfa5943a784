/** A real redis-server (Debian package) for a test, on a free loopback port, without persistence; stopped by the test. */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { crearClienteRedis } from '../../server/src/redis.js';
import { detenerGrupo, lanzarEnGrupo } from './procesos.js';

export async function puertoLibre(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface RedisDePrueba {
  url: string;
  /** A connected client with the API's options. */
  cliente: () => Promise<Redis>;
  detener(): Promise<void>;
}

export async function iniciarRedis(): Promise<RedisDePrueba> {
  const port = await puertoLibre();
  const proceso: ChildProcess = lanzarEnGrupo(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const fallo = new Promise<never>((_, reject) =>
    proceso.once('error', (e) =>
      reject(new Error(`redis-server no arrancó (¿apt-get install redis-server?): ${e.message}`)),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const clientes: Redis[] = [];
  const cliente = async () => {
    const c = crearClienteRedis(url, () => undefined);
    clientes.push(c);
    await new Promise((resolve, reject) => c.once('ready', resolve).once('error', reject));
    return c;
  };
  const sonda = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Refused connections while redis-server starts are expected; the loop below retries them.
  sonda.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await Promise.race([sonda.connect().then(() => sonda.ping()), fallo]);
      break;
    } catch (e) {
      if (i > 50 || (e instanceof Error && e.message.includes('no arrancó'))) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  sonda.disconnect();
  return {
    url,
    cliente,
    async detener() {
      for (const c of clientes) c.disconnect();
      if (proceso.pid !== undefined) await detenerGrupo(proceso.pid);
    },
  };
}

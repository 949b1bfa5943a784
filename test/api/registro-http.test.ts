/** The request log (server/src/logger.ts): one JSON line per request with its id, level by status, probes unlogged. */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registroHttp } from '../../server/src/logger.js';

const lineas: Record<string, unknown>[] = [];
const destino = new Writable({
  write(trozo: Buffer, _codificacion, listo) {
    for (const l of trozo.toString().split('\n').filter(Boolean)) lineas.push(JSON.parse(l));
    listo();
  },
});
let url: string;
let cerrar: () => void;

beforeAll(async () => {
  const app = express();
  app.use(registroHttp(pino({ level: 'info' }, destino)));
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/health', (_req, res) => void res.json({ status: 'healthy' }));
  app.get('/falla', (req, res) => {
    req.log.error({ detalle: 'x' }, 'error no controlado');
    res.status(500).json({});
  });
  const servidor = app.listen(0, '127.0.0.1');
  await new Promise((r) => servidor.once('listening', r));
  url = `http://127.0.0.1:${(servidor.address() as AddressInfo).port}`;
  cerrar = () => servidor.close();
});
afterAll(() => cerrar());

const lineasDe = (reqId: string) => lineas.filter((l) => l.reqId === reqId);
const esperarLinea = async (reqId: string, n = 1) => {
  for (let i = 0; i < 50 && lineasDe(reqId).length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return lineasDe(reqId);
};

describe('registro de peticiones', () => {
  it('una línea info por petición con el id que trajo nginx, método, url, estado y milisegundos', async () => {
    const r = await fetch(`${url}/ok?x=1`, { headers: { 'x-request-id': 'nginx-123' } });
    expect(r.headers.get('x-request-id')).toBe('nginx-123');
    const [linea] = await esperarLinea('nginx-123');
    expect(linea).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/ok?x=1' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
  });

  it('sin id válido genera uno; 404 es warn; 500 es error y req.log lleva el mismo id', async () => {
    const falta = await fetch(`${url}/nada`, { headers: { 'x-request-id': 'no válido con espacios' } });
    const id404 = falta.headers.get('x-request-id')!;
    expect(id404).toMatch(/^[0-9a-f-]{36}$/);
    expect((await esperarLinea(id404))[0]).toMatchObject({ level: 40, res: { statusCode: 404 } });

    const falla = await fetch(`${url}/falla`);
    const id500 = falla.headers.get('x-request-id')!;
    const lineas500 = await esperarLinea(id500, 2);
    expect(lineas500.map((l) => [l.level, l.msg])).toEqual([
      [50, 'error no controlado'],
      [50, 'request completed'],
    ]);
  });

  it('las sondas /health no llenan el registro', async () => {
    const r = await fetch(`${url}/health`);
    const id = r.headers.get('x-request-id')!;
    await fetch(`${url}/ok`);
    await new Promise((listo) => setTimeout(listo, 100));
    expect(lineasDe(id)).toEqual([]);
  });
});

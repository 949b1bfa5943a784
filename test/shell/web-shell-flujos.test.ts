/**
 * The web shell caps its event streams, per session (a shell's launch token) and across every shell of the process: a
 * page that opens them in a loop gets a clear 429 in the shared error shape, and a closed stream frees its place.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarShellWeb, type ShellWeb } from '../../main/src/web-shell/iniciar.js';

let dir: string;
const shells: ShellWeb[] = [];
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-flujos-'));
  for (const nombre of ['a', 'b'])
    shells.push(
      await iniciarShellWeb({
        // No API behind it: streams need none.
        apiUrl: 'http://127.0.0.1:9/api/v1',
        dataDir: path.join(dir, nombre),
        directorioRenderer: path.join(dir, 'renderer'),
        core: { syncAutomatico: false },
        limitesFlujos: { porSesion: 3, total: 4 },
      }),
    );
});
afterAll(async () => {
  for (const s of shells) await s.cerrar();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Flujo {
  status: number;
  cuerpo: string;
  cerrar(): Promise<void>;
}

/** Opens an event stream and resolves once the shell accepted it (": conectado") or refused it (whole body read). */
function abrir(shell: ShellWeb): Promise<Flujo> {
  const base = shell.url.split('#')[0]!;
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(`/puente/eventos?token=${shell.token}`, base), { agent: false }, (res) => {
      let cuerpo = '';
      const cerrar = () =>
        new Promise<void>((r) => {
          res.once('close', () => r());
          req.destroy();
        });
      res.on('data', (c: Buffer) => {
        cuerpo += c.toString('utf8');
        if (res.statusCode === 200 && cuerpo.startsWith(': conectado')) resolve({ status: 200, cuerpo, cerrar });
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cuerpo, cerrar: async () => undefined }));
    });
    req.on('error', reject);
  });
}

describe('flujos de eventos del shell web', () => {
  it('limita los flujos por sesión y en total con un 429 claro, y un flujo cerrado libera su lugar', async () => {
    const [a, b] = shells as [ShellWeb, ShellWeb];
    const deA = [await abrir(a), await abrir(a), await abrir(a)];
    expect(deA.map((f) => f.status)).toEqual([200, 200, 200]);
    const cuartoDeA = await abrir(a);
    expect(cuartoDeA.status).toBe(429);
    expect(JSON.parse(cuartoDeA.cuerpo)).toEqual({
      error: { code: 'LIMITE_EXCEDIDO', message: expect.stringMatching(/demasiadas pestañas.*máximo 3/) },
    });

    const deB = await abrir(b);
    expect(deB.status).toBe(200);
    const segundoDeB = await abrir(b);
    expect(segundoDeB.status).toBe(429);
    expect(JSON.parse(segundoDeB.cuerpo).error.message).toMatch(/demasiadas conexiones.*máximo 4/);

    await deA[0]!.cerrar();
    // The shell learns of the close from its own socket: polled, since that may come a moment after the client's.
    let otraVezB: Flujo | undefined;
    await expect
      .poll(async () => {
        otraVezB = await abrir(b);
        return otraVezB.status;
      })
      .toBe(200);
    for (const f of [...deA.slice(1), deB, otraVezB!]) await f.cerrar();
  });
});

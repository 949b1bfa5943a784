/**
 * Attacks on the "commands queued at the office's desks" figure (sync_pending_commands on /metrics), which desks report
 * with each push under a clientId they choose: a burst of pushes under thousands of made-up clientIds with absurd
 * reports must leave the figure bounded, and an officer of another office sending an office-02 desk's clientId must not
 * move office 02's figure (her report is kept on a row of her own). A desk silent for a day leaves the figure.
 */
import { CABECERA_PENDIENTES } from '#shared/sync/protocolo';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESCRITORIOS_POR_USUARIO, MAX_PENDIENTES } from '../../server/src/modules/sync/metricas.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';

let s: ServidorDePrueba;
const tokens: Record<string, string> = {};

/** One push of a command the server refuses (an unknown name): cheap, stored, and the desk's report comes with it. */
async function empujar(usuario: string, clientId: string, pendientes: string): Promise<number> {
  const r = await fetch(`${s.api}/sync/push`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens[usuario]}`,
      'content-type': 'application/json',
      [CABECERA_PENDIENTES]: pendientes,
    },
    body: JSON.stringify({
      clientId,
      comandos: [{ mutationId: uuidv7(), clientId, name: 'nada.inexistente', args: {} }],
    }),
  });
  await r.arrayBuffer();
  return r.status;
}

/** The office's figure on /metrics, undefined when the office has no line. */
async function pendientesDe(agencia: string): Promise<number | undefined> {
  const texto = await (await fetch(`${s.url}/metrics`)).text();
  const m = new RegExp(`^sync_pending_commands\\{agencia="${agencia}"\\} (\\S+)$`, 'm').exec(texto);
  return m ? Number(m[1]) : undefined;
}

beforeAll(async () => {
  s = await iniciarServidor();
  for (const u of ['analista', 'recepcion', 'recepcion.darien']) tokens[u] = (await s.login(u)).access_token;
});
afterAll(() => s?.cerrar());

describe('comandos pendientes por oficina bajo ataque', () => {
  const escritorio02 = `escritorio-02-${uuidv7()}`;

  it('un funcionario de otra oficina que usa el clientId de un escritorio de la 02 no mueve la cifra de la 02', async () => {
    expect(await empujar('analista', escritorio02, '7')).toBe(200);
    expect(await pendientesDe('02')).toBe(7);
    expect(await empujar('recepcion.darien', escritorio02, '500')).toBe(200);
    expect(await pendientesDe('02')).toBe(7);
    expect(await pendientesDe('04')).toBe(500);
    // Recorded apart: the desk's row stays the analyst's, with her office and her report.
    const filas = await s.db
      .selectFrom('sync_escritorios as e')
      .innerJoin('usuarios as u', 'u.id', 'e.usuario_id')
      .select(['u.username', 'e.cod_agencia', 'e.pendientes'])
      .where('e.client_id', '=', escritorio02)
      .orderBy('u.username')
      .execute();
    expect(filas).toEqual([
      { username: 'analista', cod_agencia: '02', pendientes: 7 },
      { username: 'recepcion.darien', cod_agencia: '04', pendientes: 500 },
    ]);
  });

  it('3.000 envíos con clientIds inventados y cifras absurdas dejan la cifra acotada y entera', async () => {
    const envios = Array.from({ length: 3000 }, (_, i) => ({
      clientId: `inventado-${i}-${uuidv7()}`,
      // Mostly the largest number the header may carry; some that are not numbers of commands at all.
      pendientes: ['999999999999', '-5', '3.5', '1e12', '0x7fffffff'][i % 25 === 0 ? 1 + ((i / 25) % 4) : 0]!,
    }));
    const estados: number[] = [];
    let siguiente = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (siguiente < envios.length) {
          const e = envios[siguiente++]!;
          estados.push(await empujar('recepcion', e.clientId, e.pendientes));
        }
      }),
    );
    expect(estados.filter((x) => x !== 200)).toEqual([]);
    // The analyst's desk (7) and the five desks the receptionist was last seen at, each believed up to the cap.
    expect(ESCRITORIOS_POR_USUARIO * MAX_PENDIENTES).toBe(50_000);
    expect(await pendientesDe('02')).toBe(50_007);
    expect(await pendientesDe('04')).toBe(500);
  }, 120_000);

  it('un escritorio que no se comunica hace un día sale de la cifra', async () => {
    const haceUnDia = new Date(Date.now() - 25 * 3_600_000).toISOString();
    await s.db
      .updateTable('sync_escritorios')
      .set({ ultimo_contacto: haceUnDia })
      .where('cod_agencia', '=', '02')
      .where('client_id', '!=', escritorio02)
      .execute();
    expect(await pendientesDe('02')).toBe(7);
    await s.db.updateTable('sync_escritorios').set({ ultimo_contacto: haceUnDia }).execute();
    expect(await pendientesDe('02')).toBeUndefined();
  });
});

/** A desk reports its queue with every push, so the office's "sync stuck" figure on /metrics is the desks' own word. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, puesto } from './helpers/escenario.js';

describe('métricas de sincronización desde el escritorio', () => {
  let s: ServidorDePrueba;
  beforeAll(async () => {
    s = await iniciarServidor();
  });
  afterAll(() => s.cerrar());

  it('tras enviar su cola, el escritorio deja en 0 los comandos pendientes de su oficina', async () => {
    const p = await puesto(s, 'analista');
    try {
      const metricas = async () => (await fetch(`${s.url}/metrics`)).text();
      expect(await metricas()).not.toMatch(/^sync_pending_commands\{agencia="02"\}/m);
      const id = await casoEn(p.core, 'EN_REVISION');
      p.red.cortar();
      for (const n of [1, 2, 3])
        await p.core['ppsh.comentar']({ id, comentario: { comentario: `Nota ${n}`, es_interno: true } });
      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0 });
      expect(await metricas()).toMatch(/^sync_pending_commands\{agencia="02"\} 0$/m);
    } finally {
      await p.cerrar();
    }
  });
});

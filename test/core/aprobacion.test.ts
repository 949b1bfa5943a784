/**
 * The supervisor's approval queue from the desk's mirror: the same cases as the server's /casos/cola-aprobacion, the
 * longest waiting first, offline too; a case decided at the desk leaves it at once; other roles are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliente } from '../helpers/http.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { puesto, type Puesto } from '../sync/helpers/escenario.js';

let s: ServidorDePrueba;
let supervisor: Puesto;
beforeAll(async () => {
  s = await iniciarServidor();
  // The demo has no workflow cases: two are started through the API and put at a validation stage on the server
  // before the desk's first sync (as a stage with requiere_validacion leaves them).
  const api = cliente((await s.login('recepcion')).access_token);
  for (let i = 0; i < 2; i++) {
    const r = await api.post(`${s.api}/workflow/instancias`, { workflow_codigo: 'SOLICITUD_RESIDENCIA' });
    expect(r.status).toBe(201);
    await s.db
      .updateTable('workflow_instancias')
      .set({ pendiente_validacion: 1 })
      .where('id', '=', r.body.id as string)
      .execute();
  }
  supervisor = await puesto(s, 'supervisor');
});
afterAll(async () => {
  await supervisor.cerrar();
  await s.cerrar();
});

/** Every page of the server's queue, as the supervisor sees it. */
async function colaServidor(): Promise<string[]> {
  const { access_token } = await s.login('supervisor');
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r = await fetch(`${s.api}/casos/cola-aprobacion?page=${page}&page_size=100`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    const p = (await r.json()) as { items: { id: string }[]; pages: number };
    ids.push(...p.items.map((i) => i.id));
    if (page >= p.pages) return ids;
  }
}

describe('cola de aprobación del escritorio', () => {
  it('lista los mismos casos que el servidor, los que más esperan primero, y funciona sin conexión', async () => {
    const cola = await supervisor.core.invocar('aprobacion.cola', { limite: 500 });
    expect(cola.items.length).toBeGreaterThan(0);
    expect(cola.total).toBe(cola.items.length);
    // Both kinds: PPSH in EN_APROBACION and workflow stages awaiting validation.
    expect(new Set(cola.items.map((c) => c.tipo))).toEqual(new Set(['PPSH', 'WORKFLOW']));
    expect(cola.items.map((c) => c.id).sort()).toEqual((await colaServidor()).sort());
    for (const c of cola.items)
      if (c.tipo === 'PPSH') expect(c.estado.codigo).toBe('EN_APROBACION');
      else expect(c.estado.es_final).toBe(false);

    // Longest waiting first: by when each case entered EN_APROBACION (or its stage).
    const desde = await Promise.all(
      cola.items.map(async (c) =>
        c.tipo === 'PPSH'
          ? String((await supervisor.core['expedientes.detalle']({ id: c.id })).solicitud.fecha_estado)
          : String((await supervisor.core['workflow.detalle']({ id: c.id })).instancia.fecha_etapa),
      ),
    );
    expect(desde).toEqual([...desde].sort());

    const pagina = await supervisor.core.invocar('aprobacion.cola', { limite: 2, desplazamiento: 1 });
    expect(pagina.items.map((c) => c.id)).toEqual(cola.items.slice(1, 3).map((c) => c.id));

    supervisor.red.cortar();
    try {
      expect((await supervisor.core.invocar('aprobacion.cola', {})).total).toBe(cola.total);
    } finally {
      supervisor.red.restablecer();
    }
  });

  it('un caso aprobado en el escritorio (aun sin conexión) sale de la cola en seguida', async () => {
    const antes = await supervisor.core.invocar('aprobacion.cola', { limite: 500 });
    const caso = antes.items.find((c) => c.tipo === 'PPSH')!;
    supervisor.red.cortar();
    try {
      // A final decision asks for the password again (checked on the desk while offline).
      await supervisor.core['sesion.confirmarIdentidad']({ password: PASSWORD_DEMO });
      await supervisor.core['ppsh.cambiarEstado']({
        id: caso.id,
        cambio: { estado_nuevo: 'APROBADO', num_resolucion: 'RES-2026-0042' },
      });
      const despues = await supervisor.core.invocar('aprobacion.cola', { limite: 500 });
      expect(despues.total).toBe(antes.total - 1);
      expect(despues.items.some((c) => c.id === caso.id)).toBe(false);
    } finally {
      supervisor.red.restablecer();
    }
  });

  it('la cola es de la jefatura: recepción y analistas reciben un error claro', async () => {
    for (const usuario of ['recepcion', 'analista']) {
      const p = await puesto(s, usuario);
      try {
        await expect(p.core.invocar('aprobacion.cola', {})).rejects.toMatchObject({
          code: 'PERMISO_DENEGADO',
          message: expect.stringContaining('jefatura'),
        });
      } finally {
        await p.cerrar();
      }
    }
  });
});

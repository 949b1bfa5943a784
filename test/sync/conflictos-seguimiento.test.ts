/**
 * Follow-up offline edits: an officer's second (third…) queued edit of a row is checked against what she saw, the server
 * version her first edit was based on plus her own queued changes, never against a local version number that on the
 * server belongs to someone else's write. Every variant of the race, with real desks against a real server: officer B
 * (recepcion) and officer C (analista) edit the same case offline, C syncs first, then B.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/src/core/core.js';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { abrirEscritorio } from '../core/helpers/escritorio.js';
import { cliente } from '../helpers/http.js';
import { casoEn, puesto, type Puesto } from './helpers/escenario.js';
import { crearPushIntermitente } from './helpers/push-intermitente.js';

let s: ServidorDePrueba;
let b: Puesto;
let c: Puesto;
/** Each variant takes a case of its own, so they never see each other's edits. */
let siguienteCaso = 0;

beforeAll(async () => {
  s = await iniciarServidor();
  b = await puesto(s, 'recepcion');
  c = await puesto(s, 'analista');
});
afterAll(async () => {
  await b?.cerrar();
  await c?.cerrar();
  await s.cerrar();
});

type Cambios = Parameters<Core['ppsh.editar']>[0]['cambios'];
const DESCRIPCION_C = 'Descripción escrita por el analista sin conexión';
const DESCRIPCION_B = 'Descripción escrita por recepción sin conexión';

/** Both desks up to date, then unplugged; each makes its edits of the case; C syncs, then B. */
async function carrera(deB: Cambios[], deC: Cambios[]) {
  await c.core['sync.ahora']({});
  await b.core['sync.ahora']({});
  const id = await casoEn(b.core, 'EN_EVALUACION', siguienteCaso++);
  const antes = await filaServidor(id);
  b.red.cortar();
  c.red.cortar();
  for (const cambios of deC) await c.core['ppsh.editar']({ id, cambios });
  for (const cambios of deB) await b.core['ppsh.editar']({ id, cambios });
  c.red.restablecer();
  expect(await c.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
  b.red.restablecer();
  expect((await b.core['sync.ahora']({})).pendientes).toBe(0);
  const listaB = (await b.core['conflictos.listar']({})).filter((x) => x.args.solicitudId === id);
  return { id, antes, despues: await filaServidor(id), listaB };
}

const filaServidor = (id: string) =>
  s.db.selectFrom('ppsh_solicitudes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The edits of B's list, as the fields each tried to write. */
const camposEnLista = (lista: { args: Record<string, unknown>; code: string }[]) =>
  lista.map((x) => ({ campos: Object.keys(x.args.cambios as object), code: x.code }));

describe('una edición de seguimiento sin conexión nunca sobrescribe en silencio', () => {
  it('la segunda edición de B sobre un campo que C cambió es un conflicto; la primera, de otro campo, se aplica', async () => {
    const r = await carrera(
      [{ prioridad: 'BAJA' }, { descripcion_caso: DESCRIPCION_B }],
      [{ descripcion_caso: DESCRIPCION_C }],
    );
    expect(r.despues).toMatchObject({ descripcion_caso: DESCRIPCION_C, prioridad: 'BAJA' });
    expect(camposEnLista(r.listaB)).toEqual([{ campos: ['descripcion_caso'], code: 'CONFLICTO_VERSION' }]);
    expect(r.listaB[0]!.fila_servidor).toMatchObject({ descripcion_caso: DESCRIPCION_C });
    // B's desk shows the server's description, not her own overwritten one.
    expect((await b.core['expedientes.detalle']({ id: r.id })).solicitud.descripcion_caso).toBe(DESCRIPCION_C);
  });

  it('si la primera edición de B vuelve en conflicto, la segunda también se comprueba y no sobrescribe', async () => {
    const r = await carrera(
      [{ observaciones_generales: 'Observación de B' }, { descripcion_caso: DESCRIPCION_B }],
      [{ observaciones_generales: 'Observación de C', descripcion_caso: DESCRIPCION_C }],
    );
    expect(r.despues).toMatchObject({ descripcion_caso: DESCRIPCION_C, observaciones_generales: 'Observación de C' });
    expect(camposEnLista(r.listaB)).toEqual([
      { campos: ['observaciones_generales'], code: 'CONFLICTO_VERSION' },
      { campos: ['descripcion_caso'], code: 'CONFLICTO_VERSION' },
    ]);
  });

  it('campos distintos: no hay conflicto y se conservan los cambios de ambos', async () => {
    const r = await carrera(
      [{ prioridad: 'BAJA' }, { descripcion_caso: DESCRIPCION_B }],
      [{ observaciones_generales: 'Observación del analista' }],
    );
    expect(r.listaB).toEqual([]);
    expect(r.despues).toMatchObject({
      prioridad: 'BAJA',
      descripcion_caso: DESCRIPCION_B,
      observaciones_generales: 'Observación del analista',
      version: r.antes.version + 3,
    });
  });

  it('el mismo campo dos veces por B (sus propios cambios no son conflicto) mientras C cambia otro', async () => {
    const r = await carrera(
      [{ descripcion_caso: 'Primera versión de B' }, { descripcion_caso: DESCRIPCION_B }],
      [{ observaciones_generales: 'Otra observación del analista' }],
    );
    expect(r.listaB).toEqual([]);
    expect(r.despues).toMatchObject({
      descripcion_caso: DESCRIPCION_B,
      observaciones_generales: 'Otra observación del analista',
    });
  });

  it('el mismo campo dos veces por B y una por C: ambas de B son conflicto, queda el dato de C', async () => {
    const r = await carrera(
      [{ descripcion_caso: 'Primera versión de B' }, { descripcion_caso: DESCRIPCION_B }],
      [{ descripcion_caso: DESCRIPCION_C }],
    );
    expect(r.despues.descripcion_caso).toBe(DESCRIPCION_C);
    expect(camposEnLista(r.listaB)).toEqual([
      { campos: ['descripcion_caso'], code: 'CONFLICTO_VERSION' },
      { campos: ['descripcion_caso'], code: 'CONFLICTO_VERSION' },
    ]);
  });

  it('tres comandos de B: los dos primeros se aplican, el tercero (campo de C) es conflicto', async () => {
    const r = await carrera(
      [{ prioridad: 'BAJA' }, { descripcion_caso: DESCRIPCION_B }, { observaciones_generales: 'Observación de B' }],
      [{ observaciones_generales: 'Observación de C' }],
    );
    expect(r.despues).toMatchObject({
      prioridad: 'BAJA',
      descripcion_caso: DESCRIPCION_B,
      observaciones_generales: 'Observación de C',
    });
    expect(camposEnLista(r.listaB)).toEqual([{ campos: ['observaciones_generales'], code: 'CONFLICTO_VERSION' }]);
  });
});

describe('lo que el funcionario vio, aunque un pull llegue en medio', () => {
  it('la segunda edición, hecha después de un pull que trajo el cambio de C mientras la primera seguía pendiente, es conflicto (la primera la retiene un proxy que responde reintentar)', async () => {
    const front = await crearPushIntermitente(s.api);
    const e = abrirEscritorio(front.api, { sync: { backoffBaseMs: 10, backoffMaxMs: 50, intervaloMs: 60_000 } });
    try {
      await e.core['sesion.login']({ username: 'recepcion', password: PASSWORD_DEMO });
      await e.core['sync.ahora']({});
      const id = await casoEn(e.core, 'EN_EVALUACION', siguienteCaso++);
      const primera = await e.core['ppsh.editar']({ id, cambios: { prioridad: 'BAJA' } });
      front.fallar.add(primera.mutationId);
      // C edits the description at the office; B's desk pulls it while its own edit is still stuck.
      const api = cliente((await s.login('analista')).access_token);
      expect((await api.put(`${s.api}/ppsh/solicitudes/${id}`, { descripcion_caso: DESCRIPCION_C })).status).toBe(200);
      expect(await e.core['sync.ahora']({})).toMatchObject({ pendientes: 1, ultimo_error: { code: 'ERROR_INTERNO' } });
      // Her screen keeps her own pending work on the row, so C's description is not what she sees…
      expect((await e.core['expedientes.detalle']({ id })).solicitud.descripcion_caso).not.toBe(DESCRIPCION_C);
      await e.core['ppsh.editar']({ id, cambios: { descripcion_caso: DESCRIPCION_B } });
      front.fallar.clear();
      expect((await e.core['sync.ahora']({})).pendientes).toBe(0);

      // …so her description must not silently replace it.
      expect(await filaServidor(id)).toMatchObject({ descripcion_caso: DESCRIPCION_C, prioridad: 'BAJA' });
      const lista = (await e.core['conflictos.listar']({})).filter((x) => x.args.solicitudId === id);
      expect(camposEnLista(lista)).toEqual([{ campos: ['descripcion_caso'], code: 'CONFLICTO_VERSION' }]);
    } finally {
      await e.cerrar();
      await front.cerrar();
    }
  });
});

describe('un trámite de workflow: respuestas y paso de etapa encolados sin conexión', () => {
  const PLANTILLA = 'SOLICITUD_RESIDENCIA';
  const pdf = (nombre: string) => [{ nombre: `${nombre}.pdf`, tamano_bytes: 1000 }];

  /** A case in REVISION_PRELIMINAR (where the analyst acts) on both analysts' desks. */
  async function enRevision(otro: Puesto): Promise<string> {
    const { id } = await b.core['workflow.iniciar']({ workflow_codigo: PLANTILLA });
    await b.core['workflow.transicionar']({
      id,
      transicion: {
        respuestas: {
          NOMBRE_COMPLETO: 'Rosa Quintero',
          NUMERO_PASAPORTE: 'PA112233',
          FECHA_NACIMIENTO: '1988-02-02',
          EMAIL: 'rosa@correo.pa',
        },
      },
    });
    await b.core['workflow.transicionar']({
      id,
      transicion: {
        respuestas: {
          PASAPORTE: pdf('pasaporte'),
          FOTOGRAFIA: [{ nombre: 'foto.jpg', tamano_bytes: 1000 }],
          ANTECEDENTES_PENALES: pdf('antecedentes'),
          CERTIFICADO_SALUD: pdf('salud'),
          SOLVENCIA_ECONOMICA: pdf('solvencia'),
        },
      },
    });
    expect((await b.core['sync.ahora']({})).pendientes).toBe(0);
    expect((await b.core['conflictos.listar']({})).filter((x) => x.args.instanciaId === id)).toEqual([]);
    for (const p of [c, otro]) await p.core['sync.ahora']({});
    return id;
  }

  const tramite = (id: string) =>
    s.db.selectFrom('workflow_instancias').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('el analista responde y avanza mientras otro cambia la prioridad: ambos se conservan; si el otro avanzó la etapa, las dos son conflicto', async () => {
    // The same officer at a second desk is another writer: what she did there was not on this desk's screen.
    const otro = await puesto(s, 'analista');
    try {
      const ajeno = await enRevision(otro);
      const disputado = await enRevision(otro);
      c.red.cortar();
      otro.red.cortar();
      await otro.core['workflow.editar']({ id: ajeno, cambios: { prioridad: 'URGENTE' } });
      await otro.core['workflow.responder']({ id: disputado, respuestas: { DOCUMENTOS_COMPLETOS: 'NO' } });
      await otro.core['workflow.transicionar']({
        id: disputado,
        transicion: { respuestas: { OBSERVACIONES_REVISION: 'Foto borrosa' } },
      });
      for (const id of [ajeno, disputado]) {
        await c.core['workflow.responder']({ id, respuestas: { DOCUMENTOS_COMPLETOS: 'SI' } });
        await c.core['workflow.transicionar']({ id, transicion: {} });
      }
      otro.red.restablecer();
      expect(await otro.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
      c.red.restablecer();
      expect((await c.core['sync.ahora']({})).pendientes).toBe(0);

      const lista = await c.core['conflictos.listar']({});
      expect(lista.filter((x) => x.args.instanciaId === ajeno)).toEqual([]);
      expect(await tramite(ajeno)).toMatchObject({ prioridad: 'URGENTE', etapa_actual_codigo: 'REVISION_FINAL' });

      expect(
        lista.filter((x) => x.args.instanciaId === disputado).map((x) => ({ nombre: x.nombre, code: x.code })),
      ).toEqual([
        { nombre: 'workflow.responder', code: 'CONFLICTO_VERSION' },
        { nombre: 'workflow.transicionar', code: 'CONFLICTO_VERSION' },
      ]);
      expect((await tramite(disputado)).etapa_actual_codigo).toBe('CORRECCION_DOCUMENTOS');
      expect((await c.core['workflow.detalle']({ id: disputado })).etapa_actual?.codigo).toBe('CORRECCION_DOCUMENTOS');
    } finally {
      await otro.cerrar();
    }
  });
});

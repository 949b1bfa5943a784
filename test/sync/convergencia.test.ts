/**
 * Offline desks and the server of record: real API server over a temp SQLite file, real desk stores in temp dirs,
 * each desk behind its own cable that the test unplugs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iniciarServidor, PASSWORD_DEMO, type ServidorDePrueba } from '../helpers/servidor.js';
import { casoEn, consulta, puesto, versionesEscritorio, versionesServidor } from './helpers/escenario.js';

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
afterAll(async () => {
  await s.cerrar();
});

const titular = (nombre: string, documento: string) => ({
  es_titular: true,
  num_documento: documento,
  pais_emisor: 'VEN',
  primer_nombre: nombre,
  primer_apellido: 'Offline',
  fecha_nacimiento: '1985-05-05',
  cod_sexo: 'F' as const,
  cod_nacionalidad: 'VEN',
});

describe('dos oficinas, tres escritorios', () => {
  it('trabajan sin conexión en ambos lados, se reconectan y convergen', async () => {
    const recepcion = await puesto(s, 'recepcion');
    const analista = await puesto(s, 'analista');
    const darien = await puesto(s, 'recepcion.darien');
    try {
      const todos = [recepcion, analista, darien];
      for (const p of todos) p.red.cortar();

      const nuevo02 = await recepcion.core['ppsh.registrar']({
        cod_causa_humanitaria: 2,
        solicitantes: [titular('Ana', 'OFF-0001')],
      });
      const recibido = await casoEn(analista.core, 'RECIBIDO');
      await analista.core['ppsh.cambiarEstado']({
        id: recibido,
        cambio: { estado_nuevo: 'EN_REVISION', observaciones: 'Revisión sin conexión' },
      });
      await recepcion.core['ppsh.comentar']({
        id: recibido,
        comentario: { comentario: 'El abogado llamó por teléfono' },
      });
      const nuevo04 = await darien.core['ppsh.registrar']({
        cod_causa_humanitaria: 5,
        solicitantes: [titular('Berta', 'OFF-0002')],
      });

      // Offline, each desk sees its own work at once, with a provisional reference for new cases.
      expect((await consulta(recepcion.core, { buscar: 'OFF-0001' })).items[0]).toMatchObject({
        numero: nuevo02.referencia_provisional,
        pendiente_sync: true,
      });
      expect((await recepcion.core['sync.ahora']({})).conectado).toBe(false);

      for (const p of todos) p.red.restablecer();
      for (let vuelta = 0; vuelta < 2; vuelta++) for (const p of todos) await p.core['sync.ahora']({});

      for (const p of todos)
        expect(await p.core['sync.estado']({})).toMatchObject({ conectado: true, pendientes: 0, fallidos: 0 });
      // Each office's desks hold exactly the server's rows of that office, at the server's versions.
      expect(versionesEscritorio(recepcion.core)).toEqual(await versionesServidor(s, '02'));
      expect(versionesEscritorio(analista.core)).toEqual(await versionesServidor(s, '02'));
      expect(versionesEscritorio(darien.core)).toEqual(await versionesServidor(s, '04'));

      const visto = await recepcion.core['expedientes.detalle']({ id: recibido });
      expect(visto.estado.codigo).toBe('EN_REVISION');
      expect(visto.comentarios.map((c) => c.comentario)).toContain('El abogado llamó por teléfono');
      expect(visto.historial.filter((h) => h.estado_nuevo === 'EN_REVISION')).toHaveLength(1);

      // The new case got its server number; the provisional reference still finds it.
      const [caso] = (await consulta(analista.core, { buscar: nuevo02.referencia_provisional })).items;
      expect(caso?.num_expediente).toMatch(/^PPSH-\d{4}-\d{6}$/);
      expect(caso?.id).toBe(nuevo02.id);
      expect((await consulta(darien.core, { buscar: nuevo02.referencia_provisional })).total).toBe(0);
      expect(
        (await consulta(darien.core, { buscar: nuevo04.referencia_provisional })).items[0]?.num_expediente,
      ).toMatch(/^PPSH-/);
    } finally {
      for (const p of [recepcion, analista, darien]) await p.cerrar();
    }
  });

  it('una edición en conflicto se muestra al funcionario con el dato del servidor, y no se pierde', async () => {
    const uno = await puesto(s, 'recepcion');
    const otro = await puesto(s, 'analista');
    try {
      const id = await casoEn(uno.core, 'EN_EVALUACION');
      uno.red.cortar();
      otro.red.cortar();
      await uno.core['ppsh.editar']({ id, cambios: { observaciones_generales: 'Versión de recepción' } });
      await otro.core['ppsh.editar']({ id, cambios: { observaciones_generales: 'Versión del analista' } });
      otro.red.restablecer();
      await otro.core['sync.ahora']({});
      uno.red.restablecer();
      const estado = await uno.core['sync.ahora']({});

      expect(estado).toMatchObject({ pendientes: 0, fallidos: 1 });
      const [conflicto] = await uno.core['conflictos.listar']({});
      expect(conflicto).toMatchObject({
        estado: 'conflicto',
        code: 'CONFLICTO_VERSION',
        nombre: 'ppsh.editar',
        args: { solicitudId: id, cambios: { observaciones_generales: 'Versión de recepción' } },
        fila_servidor: { observaciones_generales: 'Versión del analista' },
      });
      expect(conflicto?.message).toMatch(/Otra persona modificó/);
      // The desk shows the server's data now; the officer's change waits in the list.
      expect((await uno.core['expedientes.detalle']({ id })).solicitud.observaciones_generales).toBe(
        'Versión del analista',
      );

      await uno.core['conflictos.reintentar']({ mutationId: conflicto!.mutationId });
      expect(await uno.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
      const enServidor = await s.db
        .selectFrom('ppsh_solicitudes')
        .select('observaciones_generales')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(enServidor.observaciones_generales).toBe('Versión de recepción');
    } finally {
      await uno.cerrar();
      await otro.cerrar();
    }
  });

  it('un comando que el servidor rechaza devuelve la fila a la versión del servidor y queda en la lista con su motivo', async () => {
    const analista = await puesto(s, 'analista');
    try {
      const id = await casoEn(analista.core, 'EN_REVISION', 1);
      const antes = await analista.core['expedientes.detalle']({ id });
      analista.red.cortar();
      // While the desk was offline, IT moved this officer to the counter (RECEPCION): the desk still thinks ANALISTA.
      await s.db.updateTable('usuarios').set({ rol: 'RECEPCION' }).where('username', '=', 'analista').execute();
      await analista.core['ppsh.cambiarEstado']({ id, cambio: { estado_nuevo: 'EN_VERIFICACION' } });
      await analista.core['ppsh.comentar']({ id, comentario: { comentario: 'Antecedentes solicitados' } });
      expect((await analista.core['expedientes.detalle']({ id })).estado.codigo).toBe('EN_VERIFICACION');

      analista.red.restablecer();
      // A role change ends her sessions on the server: the desk locks and she signs in again; her queue stays.
      await analista.core['sync.ahora']({});
      expect(await analista.core['sesion.estado']({})).toMatchObject({ estado: 'bloqueada' });
      await analista.core['sesion.desbloquear']({ password: PASSWORD_DEMO });
      expect(await analista.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 1 });

      const despues = await analista.core['expedientes.detalle']({ id });
      expect(despues.estado.codigo).toBe('EN_REVISION');
      expect(despues.solicitud.version).toBe(antes.solicitud.version);
      expect(despues.historial).toHaveLength(antes.historial.length);
      // The comment was accepted: refusing one command does not drop the next.
      expect(despues.comentarios.map((c) => c.comentario)).toContain('Antecedentes solicitados');
      const [rechazado] = await analista.core['conflictos.listar']({});
      expect(rechazado).toMatchObject({
        estado: 'rechazado',
        code: 'PERMISO_DENEGADO',
        nombre: 'ppsh.cambiarEstado',
      });
      expect(rechazado?.message).toBe(
        'Su rol (RECEPCION) no puede pasar la solicitud de EN_REVISION a EN_VERIFICACION',
      );

      expect(await analista.core['conflictos.descartar']({ mutationId: rechazado!.mutationId })).toEqual([]);
    } finally {
      await s.db.updateTable('usuarios').set({ rol: 'ANALISTA' }).where('username', '=', 'analista').execute();
      await analista.cerrar();
    }
  });
});

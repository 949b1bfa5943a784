/**
 * Work done offline is dated when the officer did it, not when it synced. A real desk (its clock injected) against a
 * real server: a comment written offline five minutes before the link came back is stored at the time it was written;
 * a case registered offline six days before it synced keeps that day as its application date (the receipt's), and its
 * first history entry that time; a desk whose clock runs three hours fast is corrected by the offset it measured from
 * the server's Date header. The server keeps the time it received each command beside the acted time, and bounds what
 * a desk claims (docs/sync.md "When the officer acted"): a time in the future becomes the reception, one older than the
 * desk's last contact minus the offline window becomes that bound, both flagged.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fechaPanama } from '#shared/calendario';
import { VENTANA_OFFLINE_MS } from '#shared/sync/hora-accion';
import { solicitud, titular } from '../helpers/datos.js';
import { iniciarServidor, type ServidorDePrueba } from '../helpers/servidor.js';
import { comando, empujar } from '../sync-server/ayudas.js';
import { casoEn, puesto } from './helpers/escenario.js';
import { respaldar, restaurar } from './helpers/restauracion.js';

const MINUTO = 60_000;
const DIA = 86_400_000;

let s: ServidorDePrueba;
beforeAll(async () => {
  s = await iniciarServidor();
});
// The restore case below replaces the server it restores: whatever `s` is at the end is closed.
afterAll(() => s.cerrar());

/** A desk clock the test moves: real time plus a shift. */
function relojMovible(inicial = 0) {
  let corrimiento = inicial;
  return { reloj: () => new Date(Date.now() + corrimiento), mover: (ms: number) => (corrimiento = ms) };
}

const ms = (iso: string) => new Date(iso).getTime();

/** The acted and received times the server stored for a command. */
const mutacion = (mutationId: string) =>
  s.db
    .selectFrom('sync_mutaciones')
    .select(['hecho_en', 'created_at', 'hora_ajustada'])
    .where('mutation_id', '=', mutationId)
    .executeTakeFirstOrThrow();

describe('hora en que actuó el funcionario', () => {
  it('un comentario escrito sin conexión cinco minutos antes de sincronizar queda con la hora en que se escribió', async () => {
    const r = relojMovible();
    const p = await puesto(s, 'recepcion', { reloj: r.reloj });
    try {
      const id = await casoEn(p.core, 'EN_EVALUACION');
      p.red.cortar();
      r.mover(-5 * MINUTO);
      const { mutationId } = await p.core['ppsh.comentar']({ id, comentario: { comentario: 'Escrito sin conexión' } });
      const local = (await p.core['expedientes.detalle']({ id })).comentarios.find(
        (c) => c.comentario === 'Escrito sin conexión',
      )!;
      r.mover(0);
      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });

      const guardado = await s.db
        .selectFrom('ppsh_comentarios')
        .select(['id', 'created_at'])
        .where('solicitud_id', '=', id)
        .where('comentario', '=', 'Escrito sin conexión')
        .executeTakeFirstOrThrow();
      const m = await mutacion(mutationId);
      // Stored when written (within the Date header's second), beside when it was received, five minutes later.
      expect(Math.abs(ms(guardado.created_at) - ms(String(local.created_at)))).toBeLessThanOrEqual(1000);
      expect(m.hecho_en).toBe(guardado.created_at);
      expect(ms(m.created_at) - ms(m.hecho_en!)).toBeGreaterThan(4 * MINUTO);
      expect(m.hora_ajustada).toBe(0);
      const auditoria = await s.db
        .selectFrom('audit_log')
        .select(['fecha', 'hecho_en'])
        .where('entidad', '=', 'ppsh_comentarios')
        .where('entidad_id', '=', guardado.id)
        .executeTakeFirstOrThrow();
      expect(auditoria.hecho_en).toBe(guardado.created_at);
      expect(ms(auditoria.fecha)).toBeGreaterThan(ms(auditoria.hecho_en!));
    } finally {
      await p.cerrar();
    }
  });

  it('un caso registrado sin conexión seis días antes de sincronizar conserva su fecha de solicitud (la del recibo)', async () => {
    const r = relojMovible();
    const p = await puesto(s, 'recepcion', { reloj: r.reloj });
    try {
      p.red.cortar();
      r.mover(-6 * DIA);
      const hace6 = fechaPanama(r.reloj());
      const { id } = await p.core['ppsh.registrar'](
        solicitud({ tipo_solicitud: 'INDIVIDUAL', solicitantes: [titular({ num_documento: 'VE6000001' })] }) as never,
      );
      const tramite = await p.core['workflow.iniciar']({ workflow_codigo: 'SOLICITUD_RESIDENCIA' });
      const local = (await p.core['expedientes.detalle']({ id })).solicitud;
      expect(local.fecha_solicitud).toBe(hace6);
      r.mover(0);
      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });

      const caso = await s.db
        .selectFrom('ppsh_solicitudes')
        .select(['fecha_solicitud', 'fecha_estado', 'num_expediente'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(caso.fecha_solicitud).toBe(hace6);
      expect(Math.abs(ms(caso.fecha_estado) - ms(String(local.fecha_estado)))).toBeLessThanOrEqual(1000);
      const historial = await s.db
        .selectFrom('ppsh_estado_historial')
        .select('fecha_cambio')
        .where('solicitud_id', '=', id)
        .execute();
      expect(historial.map((h) => fechaPanama(new Date(h.fecha_cambio)))).toEqual([hace6]);
      // The desk shows the server's row once synced: still that day.
      expect((await p.core['expedientes.detalle']({ id })).solicitud).toMatchObject({
        fecha_solicitud: hace6,
        num_expediente: caso.num_expediente,
      });
      const instancia = await s.db
        .selectFrom('workflow_instancias')
        .select(['fecha_apertura', 'fecha_inicio'])
        .where('id', '=', tramite.id)
        .executeTakeFirstOrThrow();
      expect(instancia.fecha_apertura).toBe(hace6);
      expect(fechaPanama(new Date(instancia.fecha_inicio))).toBe(hace6);
    } finally {
      await p.cerrar();
    }
  });

  it('un escritorio con el reloj tres horas adelantado: la hora se corrige con el desfase que midió del servidor', async () => {
    const r = relojMovible(3 * 60 * MINUTO);
    const p = await puesto(s, 'recepcion', { reloj: r.reloj });
    try {
      const id = await casoEn(p.core, 'EN_EVALUACION', 1);
      p.red.cortar();
      r.mover(3 * 60 * MINUTO - 5 * MINUTO);
      const { mutationId } = await p.core['ppsh.comentar']({ id, comentario: { comentario: 'Reloj adelantado' } });
      const real = Date.now() - 5 * MINUTO;
      r.mover(3 * 60 * MINUTO);
      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
      const m = await mutacion(mutationId);
      expect(Math.abs(ms(m.hecho_en!) - real)).toBeLessThanOrEqual(1500);
      expect(m.hora_ajustada).toBe(0);
    } finally {
      await p.cerrar();
    }
  });
});

describe('reenvío tras restaurar el servidor', () => {
  it('un comentario confirmado y reenviado después de una restauración conserva la hora corregida en que se escribió', async () => {
    const r = relojMovible(3 * 60 * MINUTO);
    const p = await puesto(s, 'recepcion', { reloj: r.reloj });
    try {
      const id = await casoEn(p.core, 'EN_EVALUACION', 2);
      const respaldo = await respaldar(s);
      p.red.cortar();
      r.mover(3 * 60 * MINUTO - 5 * MINUTO);
      const { mutationId } = await p.core['ppsh.comentar']({
        id,
        comentario: { comentario: 'Antes del respaldo perdido' },
      });
      const real = Date.now() - 5 * MINUTO;
      r.mover(3 * 60 * MINUTO);
      p.red.restablecer();
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });

      // The server goes back to the backup: the comment is gone there, and the desk sends it again from its journal.
      s = (await restaurar(s, respaldo)).servidor;
      expect(await p.core['sync.ahora']({})).toMatchObject({ pendientes: 0, fallidos: 0 });
      const m = await mutacion(mutationId);
      expect(Math.abs(ms(m.hecho_en!) - real)).toBeLessThanOrEqual(1500);
      expect(m.hora_ajustada).toBe(0);
    } finally {
      await p.cerrar();
    }
  });
});

describe('límites que el servidor comprueba', () => {
  it('una hora en el futuro queda como la de recepción; una anterior al último contacto menos 7 días, en ese límite; ambas marcadas', async () => {
    const tramite = { id: uuidv7(), referencia_provisional: `PROV-LIM-${uuidv7().slice(-6)}` };
    const iniciar = comando('workflow.iniciar', { workflow_codigo: 'SOLICITUD_RESIDENCIA', ...tramite });
    const r1 = await empujar(s.api, (await s.login('recepcion')).access_token, [iniciar]);
    expect(r1.body.resultados[0].status).toBe('applied');
    // The supervisor's desk talks to the server once: that contact bounds what it claims next.
    const supervisor = await s.login('supervisor');
    const token = supervisor.access_token;
    const primero = comando('workflow.comentar', {
      instanciaId: tramite.id,
      comentario: { id: uuidv7(), comentario: 'Primer contacto' },
    });
    expect((await empujar(s.api, token, [primero])).body.resultados[0].status).toBe('applied');
    const { ultimo_contacto } = await s.db
      .selectFrom('sync_escritorios')
      .select('ultimo_contacto')
      .where('usuario_id', '=', supervisor.user.id)
      .executeTakeFirstOrThrow();
    const contacto = ms(ultimo_contacto);

    const futuro = {
      ...comando('workflow.comentar', {
        instanciaId: tramite.id,
        comentario: { id: uuidv7(), comentario: 'Desde el futuro' },
      }),
      hechoEn: new Date(Date.now() + 60 * MINUTO).toISOString(),
      desfaseMs: 0,
    };
    const antiguo = {
      ...comando('workflow.editar', { instanciaId: tramite.id, cambios: { estado: 'CANCELADO' } }),
      hechoEn: new Date(Date.now() - 30 * DIA).toISOString(),
      desfaseMs: 0,
    };
    const r2 = await empujar(s.api, token, [futuro, antiguo] as never);
    expect(r2.body.resultados.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);

    const mf = await mutacion(futuro.mutationId);
    expect(mf).toMatchObject({ hecho_en: mf.created_at, hora_ajustada: 1 });
    const ma = await mutacion(antiguo.mutationId);
    expect(ma.hora_ajustada).toBe(1);
    expect(ms(ma.hecho_en!)).toBe(contacto - VENTANA_OFFLINE_MS);
    // The cancellation is dated by that bound: the case's end and its history entry.
    const i = await s.db
      .selectFrom('workflow_instancias')
      .select(['estado', 'fecha_fin'])
      .where('id', '=', tramite.id)
      .executeTakeFirstOrThrow();
    expect(i).toEqual({ estado: 'CANCELADO', fecha_fin: ma.hecho_en });
    const cancelacion = await s.db
      .selectFrom('workflow_historial')
      .select('created_at')
      .where('instancia_id', '=', tramite.id)
      .where('estado_nuevo', '=', 'CANCELADO')
      .executeTakeFirstOrThrow();
    expect(cancelacion.created_at).toBe(ma.hecho_en);
  });
});

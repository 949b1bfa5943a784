/**
 * POST /sync/push: runs an ordered batch of offline commands, each in its own transaction together with the row that
 * records its outcome under its mutationId. A replay answers from that row and applies nothing; two pushes of the same
 * command racing are settled by the mutationId primary key (the loser's transaction rolls back, its caller gets the
 * winner's outcome). Rejections and conflicts are stored too, so a command's answer never changes.
 */
import type { Logger } from 'pino';
import { horaDeAccion, type HoraDeAccion } from '#shared/sync/hora-accion';
import {
  COMANDOS,
  ComandoEnviado,
  MutationId,
  type PushRespuesta,
  type PushSolicitud,
  type ResultadoComando,
} from '#shared/sync/protocolo';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import type { Contexto } from '../../contexto.js';
import type { Db } from '../../db/connect.js';
import { ahora } from '../../db/escritura.js';
import { rechazoDeRestriccion } from '../../db/restricciones.js';
import { AppError } from '../../error-api.js';
import { validar } from '../../http/validar.js';
import { crearServicioPpsh, type Hooks } from '../ppsh/service.js';
import { crearServicioWorkflow, type HooksWorkflow } from '../workflow/service.js';
import { casoDe, CREAN_CASO, definicionDe, Reintentable } from './comandos.js';
import { comprobarBase, Conflicto, filaActual } from './conflictos.js';
import { registrarContacto } from './escritorios.js';
import { epocaActual } from './epoca.js';
import type { MetricasSync } from './metricas.js';
import { resetPor } from './pull.js';

type Comando = z.output<typeof ComandoEnviado>;
/** When the officer acted (checked) and when the server received the command, stored side by side. */
type HoraComando = HoraDeAccion & { recibido: string };

export interface DependenciasPush {
  db: Db;
  uploads: Config['uploads'];
  hooks?: { ppsh?: Hooks; workflow?: HooksWorkflow };
  metricas?: MetricasSync;
  logger?: Logger;
}

export function crearPush({ db, uploads, hooks = {}, metricas, logger }: DependenciasPush) {
  const contar = (outcome: string) => metricas?.comandos.inc({ outcome });

  async function guardado(ctx: Contexto, mutationId: string): Promise<ResultadoComando | undefined> {
    const fila = await db
      .selectFrom('sync_mutaciones')
      .selectAll()
      .where('mutation_id', '=', mutationId)
      .executeTakeFirst();
    if (!fila) return undefined;
    if (fila.usuario_id !== ctx.actor.id) {
      // Not stored: the id belongs to someone else's command, whose outcome is none of this user's business.
      return {
        mutationId,
        status: 'rejected',
        code: 'DUPLICADO',
        message: 'Ese identificador de comando ya fue usado por otro usuario',
      };
    }
    return JSON.parse(fila.resultado!) as ResultadoComando;
  }

  const registro = (ctx: Contexto, c: Comando, r: ResultadoComando, hora?: HoraComando) => {
    const caso = casoDe(c.name, c.args);
    return {
      mutation_id: c.mutationId,
      client_id: c.clientId.slice(0, 64),
      usuario_id: ctx.actor.id,
      nombre: c.name.slice(0, 60),
      estado: r.status,
      codigo: r.code ?? null,
      mensaje: r.message?.slice(0, 2000) ?? null,
      resultado: JSON.stringify(r),
      created_at: hora?.recibido ?? ahora(),
      hecho_en: hora?.hechoEn ?? null,
      hora_ajustada: hora ? (hora.ajustada ? 1 : 0) : null,
      caso_id: caso?.id ?? null,
      referencia: caso?.referencia ?? null,
    };
  };

  /** Stores a rejection or conflict; if a concurrent push of the same command stored first, its outcome stands. */
  async function guardar(
    ctx: Contexto,
    c: Comando,
    r: ResultadoComando,
    hora?: HoraComando,
  ): Promise<ResultadoComando> {
    try {
      await db
        .insertInto('sync_mutaciones')
        .values(registro(ctx, c, r, hora))
        .execute();
      contar(r.status);
      return r;
    } catch (e) {
      const ganador = await guardado(ctx, c.mutationId);
      if (ganador) return ganador;
      throw e;
    }
  }

  /**
   * A command on a case that does not exist, whose registration or start this officer pushed and the server refused:
   * refused naming that refusal, not with a bare NO_ENCONTRADO the officer cannot act on.
   */
  async function dependeDeRechazado(ctx: Contexto, c: Comando): Promise<AppError | undefined> {
    const caso = casoDe(c.name, c.args);
    if (!caso || Object.hasOwn(CREAN_CASO, c.name)) return undefined;
    const inicio = await db
      .selectFrom('sync_mutaciones')
      .select(['nombre', 'mensaje', 'referencia'])
      .where('caso_id', '=', caso.id)
      .where('usuario_id', '=', ctx.actor.id)
      .where('nombre', 'in', Object.keys(CREAN_CASO))
      .where('estado', '<>', 'applied')
      .executeTakeFirst();
    if (!inicio) return undefined;
    const que = CREAN_CASO[inicio.nombre as keyof typeof CREAN_CASO]!;
    return new AppError(
      'REGLA_NEGOCIO',
      `No se aplicó porque ${que} ${inicio.referencia ?? caso.id} fue rechazado por el servidor` +
        `${inicio.mensaje ? ` (${inicio.mensaje})` : ''}. Resuélvalo primero en Conflictos y rechazos; después rehaga este cambio`,
    );
  }

  /** Runs the command; throws AppError (rejection), Conflicto, Reintentable, or anything unexpected. */
  async function aplicar(ctx: Contexto, c: Comando, hora: HoraComando): Promise<ResultadoComando> {
    const def = definicionDe(c.name);
    if (!def) throw new AppError('VALIDACION', `Comando desconocido: ${c.name}`);
    const args = validar(COMANDOS[c.name as keyof typeof COMANDOS], c.args);
    return db.transaction().execute(async (trx) => {
      const objetivo = def.objetivo?.(args as never);
      const base =
        objetivo && c.baseVersion !== undefined
          ? await comprobarBase(trx, ctx, objetivo, def.campos!(args as never), c.baseVersion)
          : undefined;
      const servicios = {
        ppsh: crearServicioPpsh(trx, hooks.ppsh),
        workflow: crearServicioWorkflow(trx, hooks.workflow),
      };
      const result = await def.aplicar({ ...servicios, ctx, trx, uploads }, args as never);
      // Another writer slipped in between the check above and the service's own read (possible on SQL Server):
      // the edit must have moved the row exactly one version past the one checked.
      if (base && objetivo && result.version !== base.version + 1)
        throw new Conflicto((await filaActual(trx, ctx.actor, objetivo))!);
      const r: ResultadoComando = { mutationId: c.mutationId, status: 'applied', result };
      await trx
        .insertInto('sync_mutaciones')
        .values(registro(ctx, c, r, hora))
        .execute();
      return r;
    });
  }

  async function procesar(ctxPeticion: Contexto, c: Comando, ultimoContacto: Date | null): Promise<ResultadoComando> {
    const recibido = new Date();
    const hora: HoraComando = { ...horaDeAccion(c, recibido, ultimoContacto), recibido: recibido.toISOString() };
    // The audit trail records which desktop the command came from, and when the officer acted there.
    const ctx: Contexto = { ...ctxPeticion, cliente: `sync ${c.clientId}`.slice(0, 200), hechoEn: hora.hechoEn };
    const previo = await guardado(ctx, c.mutationId);
    if (previo) {
      contar('replayed');
      return previo;
    }
    try {
      const r = await aplicar(ctx, c, hora);
      contar('applied');
      return r;
    } catch (fallo) {
      const ganador = await guardado(ctx, c.mutationId);
      if (ganador) {
        contar('replayed');
        return ganador;
      }
      // A constraint refusal anywhere in the command (an id that exists, a reference to nothing) fails the same way on
      // every retry: it is stored as a rejection, so the desk's outbox moves on.
      let e = rechazoDeRestriccion(fallo) ?? fallo;
      if (e instanceof AppError && e.code === 'NO_ENCONTRADO' && !(e instanceof Reintentable))
        e = (await dependeDeRechazado(ctx, c)) ?? e;
      // A version clash detected by the service itself is a race with another writer: the next push settles it.
      const carrera = e instanceof AppError && e.code === 'CONFLICTO_VERSION' && !(e instanceof Conflicto);
      if (e instanceof Reintentable || carrera || !(e instanceof AppError)) {
        if (!(e instanceof AppError))
          logger?.error({ err: e, mutationId: c.mutationId, comando: c.name }, 'comando de sincronización falló');
        contar('retry');
        const { code, message } =
          e instanceof AppError ? e : new AppError('ERROR_INTERNO', 'Error interno del servidor; se reintentará');
        return { mutationId: c.mutationId, status: 'rejected', code, message, reintentable: true };
      }
      if (e instanceof Conflicto) {
        return guardar(
          ctx,
          c,
          { mutationId: c.mutationId, status: 'conflict', code: e.code, message: e.message, serverRow: e.fila },
          hora,
        );
      }
      return guardar(ctx, c, { mutationId: c.mutationId, status: 'rejected', code: e.code, message: e.message }, hora);
    }
  }

  /**
   * An element of the batch whose envelope is not a valid command: a VALIDACION rejection of its own, stored under its
   * mutationId when that id is usable (so the answer never changes); otherwise answered by position and not stored,
   * since nothing could find it again.
   */
  async function sobreInvalido(
    ctx: Contexto,
    crudo: unknown,
    indice: number,
    clientId: string,
    error: z.ZodError,
  ): Promise<ResultadoComando> {
    const o = (typeof crudo === 'object' && crudo !== null && !Array.isArray(crudo) ? crudo : {}) as Record<
      string,
      unknown
    >;
    const message = `Comando n.º ${indice + 1} inválido: ${error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ')}`.slice(0, 2000);
    const id = MutationId.safeParse(o.mutationId);
    contar('rejected');
    if (!id.success) {
      const eco = typeof o.mutationId === 'string' ? o.mutationId.slice(0, 100) : '';
      return { mutationId: eco, indice, status: 'rejected', code: 'VALIDACION', message };
    }
    const previo = await guardado(ctx, id.data);
    if (previo) return previo;
    const texto = (v: unknown, max: number, defecto: string) =>
      typeof v === 'string' && v.length > 0 ? v.slice(0, max) : defecto;
    const c: Comando = {
      mutationId: id.data,
      clientId: texto(o.clientId, 64, clientId),
      name: texto(o.name, 60, '?'),
      args: o.args,
    };
    return guardar(ctx, c, { mutationId: id.data, status: 'rejected', code: 'VALIDACION', message });
  }

  return async function push(ctx: Contexto, solicitud: PushSolicitud): Promise<PushRespuesta> {
    const epoca = await epocaActual(db);
    // A desk from another history must first re-send what this one lost (docs/sync.md "Restore"): applying its newer
    // commands now could refuse them for good (a comment on a case this history lacks), so nothing is applied.
    if (solicitud.epoca !== undefined && solicitud.epoca !== epoca)
      return { resultados: [], epoca, reset: resetPor('EPOCA_CAMBIADA') };
    const resultados: ResultadoComando[] = [];
    const ultimoContacto = await registrarContacto(db, ctx.actor.id, solicitud.clientId, new Date());
    for (const [indice, crudo] of solicitud.comandos.entries()) {
      const sobre = ComandoEnviado.safeParse(crudo);
      const r = sobre.success
        ? await procesar(ctx, sobre.data, ultimoContacto)
        : await sobreInvalido(ctx, crudo, indice, solicitud.clientId, sobre.error);
      resultados.push(r);
      // Later commands may depend on this one (a verification of the document whose bytes are missing): stop here.
      if (r.reintentable) break;
    }
    return { resultados, epoca };
  };
}

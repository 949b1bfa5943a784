/**
 * Pushing the outbox: document bytes first (resumable), then commands in order, in batches bounded by count and by
 * encoded size (the API's body limit). Each outcome is settled in one local transaction: applied commands leave the
 * outbox; refused or conflicting ones go to the officer's list and their rows roll back to the server's copy, with the
 * still-pending commands on those rows replayed on top. Nothing blocks the outbox for good: a command that can never
 * travel, or that the server keeps answering "retry later" for, goes to the list too.
 * A desk killed mid-push simply pushes the same mutationIds again: the server returns the stored outcomes.
 */
import {
  MAX_COMANDOS_POR_PUSH,
  CABECERA_PENDIENTES,
  RUTAS_SYNC,
  type ComandoEnviado,
  type PushRespuesta,
  type PushSolicitud,
  type ResultadoComando,
} from '#shared/sync/protocolo';
import { bytesJson, LIMITE_BYTES_PUSH } from '#shared/sync/tamano';
import type { UsuarioSesion } from '#shared/bridge/tipos';
import { ErrorApi, type ClienteApi } from '../api/cliente.js';
import type { AvisosProgreso } from '../api/progreso.js';
import type { Escritor } from '../comandos/index.js';
import { esNombreComando } from '../comandos/index.js';
import type { CacheDocumentos } from '../documentos/cache.js';
import type { IndiceBusqueda } from '../store/busqueda.js';
import type { Espejo } from '../store/espejo.js';
import { DIAS_DIARIO, type ComandoOutbox, type Outbox } from '../store/outbox.js';
import { esTablaCaso, type TablaExpediente } from '../store/tablas.js';
import type { EstadoPersistente } from './estado.js';
import { anotarDesfase } from './reloj-servidor.js';
import { subirArchivo } from './subida.js';
import { alResponder, anotarReenvio } from './recuperacion.js';

export interface DependenciasPush {
  api: ClienteApi;
  espejo: Espejo;
  outbox: Outbox;
  indice: IndiceBusqueda;
  escritor: Escritor;
  cache: CacheDocumentos;
  reloj: () => Date;
  clientId: string;
  /** Upload progress of document bytes, for the renderer. */
  progreso?: AvisosProgreso;
  /** The server epoch the desk is in step with, and the recovery notice (sync/recuperacion.ts). */
  estado: EstadoPersistente;
}

/** A passing failure the server reported for a command (internal error, bytes not uploaded yet): push again later. */
export class ErrorTransitorio extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ErrorTransitorio';
  }
}

export const shaDeDocumento = (c: ComandoOutbox) =>
  c.nombre === 'ppsh.adjuntarDocumento'
    ? String((c.args.documento as { sha256?: string } | undefined)?.sha256 ?? '')
    : '';

/**
 * Rolls back the rows of a refused command to the server's copy and replays, on top, the pending commands that touched
 * any of those rows (transitively), so the officer's later work on the same case is not lost with it.
 */
export function deshacer(d: DependenciasPush, c: ComandoOutbox, usuario: UsuarioSesion): void {
  const filas = new Map<string, { tabla: TablaExpediente; id: string }>();
  for (const f of d.outbox.filasDe(c.seq)) filas.set(`${f.tabla}:${f.id}`, f);
  const reaplicar = new Map<number, ComandoOutbox>();
  for (let crecio = true; crecio;) {
    crecio = false;
    for (const p of d.outbox.pendientesSobre([...filas.values()], c.seq)) {
      if (reaplicar.has(p.seq)) continue;
      reaplicar.set(p.seq, p);
      for (const f of d.outbox.filasDe(p.seq)) filas.set(`${f.tabla}:${f.id}`, f);
      crecio = true;
    }
  }
  const casos = new Set<string>(c.solicitudId ? [c.solicitudId] : []);
  for (const f of filas.values()) {
    if (esTablaCaso(f.tabla) && !d.espejo.leerServidor(f.tabla, f.id)) {
      const rid = d.espejo.rowidIndice(f.id);
      if (rid !== undefined) d.indice.quitar(rid);
    }
    d.espejo.restaurar(f.tabla, f.id);
  }
  for (const p of [...reaplicar.values()].sort((a, b) => a.seq - b.seq)) {
    if (p.solicitudId) casos.add(p.solicitudId);
    try {
      if (esNombreComando(p.nombre)) d.escritor.aplicar(p.nombre, p.args, usuario, p.mutationId);
    } catch {
      // It no longer applies on the server's row: the server will say so when it is pushed, and it lands in the list.
    }
  }
  d.indice.reindexar(casos);
}

function asentar(
  d: DependenciasPush,
  c: ComandoOutbox,
  r: ResultadoComando,
  usuario: UsuarioSesion,
  epoca: string | null,
): void {
  if (r.status === 'applied') {
    // Kept in the journal with the history it was confirmed in: a restore to an earlier backup sends it again.
    d.outbox.aplicado(c.seq, { epoca, resultado: r.result, cuando: d.reloj().toISOString() });
    anotarReenvio(d.estado, c, r);
    return;
  }
  const estado = r.status === 'conflict' ? 'conflicto' : 'rechazado';
  deshacerYListar(
    d,
    c,
    usuario,
    estado,
    r.code ?? (estado === 'conflicto' ? 'CONFLICTO_VERSION' : 'REGLA_NEGOCIO'),
    r.message ?? 'El servidor rechazó el cambio',
    r.serverRow,
  );
}

/** Out of the queue, into the officer's list, rows rolled back (to the server row sent with a conflict, if any). */
export function deshacerYListar(
  d: DependenciasPush,
  c: ComandoOutbox,
  usuario: UsuarioSesion,
  estado: 'rechazado' | 'conflicto',
  code: string,
  message: string,
  filaServidor?: { tabla: string; id: string; version: number; fila: Record<string, unknown> },
): void {
  deshacer(d, c, usuario);
  d.outbox.fallido(c.seq, estado, code, message, filaServidor?.fila ?? null, d.reloj().toISOString());
  if (filaServidor) {
    d.espejo.aplicarRemota(filaServidor.tabla, filaServidor.id, filaServidor.version, filaServidor.fila);
    if (esTablaCaso(filaServidor.tabla)) d.indice.reindexar([filaServidor.id]);
  }
}

/**
 * How many times the server may answer "retry later" for one command before it goes to the officer's list. Only answers
 * count (a server that is down answers nothing): a lost race settles on the next push, so five is plenty, and a command
 * the server can never apply (a deterministic failure it mistakes for a passing one) stops blocking the ones behind it.
 */
export const MAX_INTENTOS_REINTENTABLES = 5;

/** What every push carries besides its commands: who sends it and the server history it is in step with. */
const cabecera = (d: DependenciasPush) => ({
  clientId: d.clientId,
  ...(d.estado.epoca ? { epoca: d.estado.epoca } : {}),
});

const enviado = (d: DependenciasPush, c: ComandoOutbox): ComandoEnviado => ({
  mutationId: c.mutationId,
  clientId: d.clientId,
  name: c.nombre,
  args: c.args,
  ...(c.baseVersion ? { baseVersion: c.baseVersion } : {}),
  // When the officer acted, by this desk's clock, and how far that clock was from the server's then.
  hechoEn: c.creado,
  ...(c.desfaseMs !== null ? { desfaseMs: c.desfaseMs } : {}),
});

/** Listed with its rows rolled back, in one local transaction. */
const listar = (d: DependenciasPush, c: ComandoOutbox, usuario: UsuarioSesion, code: string, message: string) =>
  d.espejo.db.transaction(() => deshacerYListar(d, c, usuario, 'rechazado', code, message))();

/**
 * The next batch, oldest first: at most MAX_COMANDOS_POR_PUSH commands and under the API's body limit, with their
 * documents' bytes uploaded. A command that can never travel (too big alone, bytes gone from this desk) is listed for the
 * officer on the way, so it never blocks the ones behind it.
 */
async function siguienteLote(
  d: DependenciasPush,
  token: string,
  usuario: UsuarioSesion,
  maximo = MAX_COMANDOS_POR_PUSH,
) {
  const lote: { comandos: ComandoOutbox[]; listados: number } = { comandos: [], listados: 0 };
  let bytes = bytesJson({ ...cabecera(d), comandos: [] });
  for (const c of d.outbox.pendientes(usuario.id, maximo)) {
    const peso = bytesJson(enviado(d, c)) + 1;
    if (bytes + peso > LIMITE_BYTES_PUSH) {
      if (lote.comandos.length) break;
      // Queued by an older desk version, before commands were bounded: it would be refused whole every time.
      listar(
        d,
        c,
        usuario,
        'CUERPO_DEMASIADO_GRANDE',
        `El cambio pesa ${Math.ceil(peso / 1024)} KB y excede lo que el servidor acepta; acorte los textos y vuelva a hacerlo`,
      );
      lote.listados++;
      break;
    }
    const sha = shaDeDocumento(c);
    const documento = c.args.documento as { id?: string; nombre_archivo?: string } | undefined;
    const subida = sha ? await subirArchivo(d, token, sha, documento?.id ?? null) : { estado: 'subido' as const };
    if (subida.estado !== 'subido') {
      // Bytes gone from this desk, or refused by the server for good: the attachment is the officer's to redo.
      if (subida.estado === 'sin_bytes')
        listar(d, c, usuario, 'NO_ENCONTRADO', 'El archivo adjunto ya no está en esta estación; adjúntelo de nuevo');
      else
        listar(
          d,
          c,
          usuario,
          subida.error.code,
          `El servidor rechazó el archivo «${documento?.nombre_archivo ?? sha}»: ${subida.error.message}`,
        );
      await d.cache.desfijar(sha);
      lote.listados++;
      break;
    }
    lote.comandos.push(c);
    bytes += peso;
  }
  return lote;
}

/**
 * The server refused the push as a whole (422 VALIDACION, 413, 400): something in the batch is wrong for good, not the
 * link or the server's health. A server that checks each envelope answers one result per command instead.
 */
const loteRechazadoEntero = (e: unknown): e is ErrorApi =>
  e instanceof ErrorApi && (e.status === 422 || e.status === 413 || e.status === 400);

/** Pushes every pending command of this user. Returns how many were settled. */
export async function empujar(d: DependenciasPush, token: string, usuario: UsuarioSesion): Promise<number> {
  let asentados = 0;
  d.outbox.podarDiario(new Date(d.reloj().getTime() - DIAS_DIARIO * 86_400_000).toISOString());
  // Halved while a server refuses whole batches, until the one command it refuses is alone (loteRechazadoEntero).
  let maximo = MAX_COMANDOS_POR_PUSH;
  for (;;) {
    const { comandos: enviables, listados } = await siguienteLote(d, token, usuario, maximo);
    asentados += listados;
    if (!enviables.length) {
      if (listados) continue;
      return asentados;
    }
    const cuerpo: PushSolicitud = { ...cabecera(d), comandos: enviables.map((c) => enviado(d, c)) };
    const respuesta = await d.api
      .json<PushRespuesta>(RUTAS_SYNC.push, {
        json: cuerpo,
        token,
        // What stays queued behind this batch: 0 after the last one, so the office's figure drops when the desk is done.
        headers: { [CABECERA_PENDIENTES]: String(Math.max(0, d.outbox.contar().pendientes - enviables.length)) },
      })
      .catch((e: unknown) => {
        if (loteRechazadoEntero(e)) return e;
        throw e;
      });
    if (respuesta instanceof ErrorApi) {
      // A server that refuses the whole batch for one bad command (an older one, which checks envelopes as a whole):
      // halve until that command is alone, then it goes to the officer's list with the server's reason.
      if (enviables.length > 1) {
        maximo = Math.ceil(enviables.length / 2);
        continue;
      }
      listar(d, enviables[0]!, usuario, respuesta.code, `El servidor rechazó este cambio: ${respuesta.message}`);
      asentados++;
      maximo = MAX_COMANDOS_POR_PUSH;
      continue;
    }
    const { datos, headers } = respuesta;
    anotarDesfase(d.estado, headers, d.reloj());
    if (datos.reset) {
      // Another server history: nothing was applied. The journal is back in the queue, ahead: send again.
      const antes = d.estado.epoca;
      alResponder(d, datos.epoca, datos.reset);
      if (d.estado.epoca === antes) throw new ErrorTransitorio(datos.reset.motivo, datos.reset.mensaje);
      continue;
    }
    alResponder(d, datos.epoca);
    const porId = new Map(enviables.map((c) => [c.mutationId, c]));
    let transitorio: { c: ComandoOutbox; r: ResultadoComando } | undefined;
    const liberar: string[] = [];
    d.espejo.db.transaction(() => {
      for (const r of datos.resultados) {
        // A command whose mutationId the server could not read is answered by its position in the batch.
        const c = porId.get(r.mutationId) ?? (r.indice !== undefined ? enviables[r.indice] : undefined);
        if (!c) continue;
        if (r.reintentable) {
          transitorio = { c, r };
          break;
        }
        asentar(d, c, r, usuario, datos.epoca ?? null);
        if (shaDeDocumento(c)) liberar.push(shaDeDocumento(c));
        asentados++;
      }
    })();
    for (const sha of liberar) await d.cache.desfijar(sha);
    if (transitorio) {
      const { c, r } = transitorio;
      const code = r.code ?? 'SERVICIO_NO_DISPONIBLE';
      const message = r.message ?? 'El servidor pidió reintentar más tarde';
      const intentos = d.outbox.anotarIntento(c.seq);
      if (intentos < MAX_INTENTOS_REINTENTABLES) throw new ErrorTransitorio(code, message);
      listar(
        d,
        c,
        usuario,
        code,
        `${message} (el servidor no pudo aplicarlo en ${intentos} intentos; revíselo y vuelva a intentarlo)`,
      );
      if (shaDeDocumento(c)) await d.cache.desfijar(shaDeDocumento(c));
      asentados++;
      continue;
    }
    if (datos.resultados.length === 0)
      throw new ErrorTransitorio('SERVICIO_NO_DISPONIBLE', 'El servidor no procesó el envío');
  }
}

/**
 * The officer gives up a command that has not settled yet (typically one stuck at the head of the outbox): its local
 * effects roll back as for a refusal, and the pending commands on the same rows are replayed on the server's copy.
 */
export function descartarPendiente(d: DependenciasPush, c: ComandoOutbox, usuario: UsuarioSesion): void {
  d.espejo.db.transaction(() => {
    deshacer(d, c, usuario);
    d.outbox.descartar(c.seq);
  })();
}

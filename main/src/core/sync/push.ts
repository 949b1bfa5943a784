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
  TAMANO_FRAGMENTO,
  type ComandoEnviado,
  type EstadoSubida,
  type PushRespuesta,
  type PushSolicitud,
  type ResultadoComando,
} from '#shared/sync/protocolo';
import { bytesJson, LIMITE_BYTES_PUSH } from '#shared/sync/tamano';
import type { UsuarioSesion } from '#shared/bridge/tipos';
import type { ClienteApi } from '../api/cliente.js';
import type { AvisosProgreso } from '../api/progreso.js';
import type { Escritor } from '../comandos/index.js';
import { esNombreComando } from '../comandos/index.js';
import type { CacheDocumentos } from '../documentos/cache.js';
import type { IndiceBusqueda } from '../store/busqueda.js';
import type { Espejo } from '../store/espejo.js';
import { DIAS_DIARIO, type ComandoOutbox, type Outbox } from '../store/outbox.js';
import { esTablaCaso, type TablaExpediente } from '../store/tablas.js';
import type { EstadoPersistente } from './estado.js';
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

/** Uploads the bytes the server does not have yet, from where it stopped. */
async function subirArchivo(
  d: DependenciasPush,
  token: string,
  sha256: string,
  documentoId: string | null,
): Promise<boolean> {
  const bytes = await d.cache.leer(sha256);
  if (!bytes) return false;
  const { datos: estado } = await d.api.json<EstadoSubida>(RUTAS_SYNC.estadoArchivo(sha256), { token });
  for (let desde = estado.completo ? bytes.length : estado.recibidos; desde < bytes.length; desde += TAMANO_FRAGMENTO) {
    const trozo = bytes.subarray(desde, Math.min(bytes.length, desde + TAMANO_FRAGMENTO));
    await d.api.pedir(RUTAS_SYNC.archivo(sha256), {
      metodo: 'PUT',
      token,
      bytes: trozo,
      headers: { 'content-range': `bytes ${desde}-${desde + trozo.length - 1}/${bytes.length}` },
      progreso: (n) =>
        d.progreso?.avisar({
          sha256,
          documento_id: documentoId,
          direccion: 'subida',
          cargados: desde + n,
          total: bytes.length,
        }),
    });
  }
  return true;
}

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
});

/** Listed with its rows rolled back, in one local transaction. */
const listar = (d: DependenciasPush, c: ComandoOutbox, usuario: UsuarioSesion, code: string, message: string) =>
  d.espejo.db.transaction(() => deshacerYListar(d, c, usuario, 'rechazado', code, message))();

/**
 * The next batch, oldest first: at most MAX_COMANDOS_POR_PUSH commands and under the API's body limit, with their
 * documents' bytes uploaded. A command that can never travel (too big alone, bytes gone from this desk) is listed for the
 * officer on the way, so it never blocks the ones behind it.
 */
async function siguienteLote(d: DependenciasPush, token: string, usuario: UsuarioSesion) {
  const lote: { comandos: ComandoOutbox[]; listados: number } = { comandos: [], listados: 0 };
  let bytes = bytesJson({ ...cabecera(d), comandos: [] });
  for (const c of d.outbox.pendientes(usuario.id, MAX_COMANDOS_POR_PUSH)) {
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
    if (sha && !(await subirArchivo(d, token, sha, (c.args.documento as { id?: string }).id ?? null))) {
      listar(d, c, usuario, 'NO_ENCONTRADO', 'El archivo adjunto ya no está en esta estación; adjúntelo de nuevo');
      await d.cache.desfijar(sha);
      lote.listados++;
      break;
    }
    lote.comandos.push(c);
    bytes += peso;
  }
  return lote;
}

/** Pushes every pending command of this user. Returns how many were settled. */
export async function empujar(d: DependenciasPush, token: string, usuario: UsuarioSesion): Promise<number> {
  let asentados = 0;
  d.outbox.podarDiario(new Date(d.reloj().getTime() - DIAS_DIARIO * 86_400_000).toISOString());
  for (;;) {
    const { comandos: enviables, listados } = await siguienteLote(d, token, usuario);
    asentados += listados;
    if (!enviables.length) {
      if (listados) continue;
      return asentados;
    }
    const cuerpo: PushSolicitud = { ...cabecera(d), comandos: enviables.map((c) => enviado(d, c)) };
    const { datos } = await d.api.json<PushRespuesta>(RUTAS_SYNC.push, {
      json: cuerpo,
      token,
      // What stays queued behind this batch: 0 after the last one, so the office's figure drops when the desk is done.
      headers: { [CABECERA_PENDIENTES]: String(Math.max(0, d.outbox.contar().pendientes - enviables.length)) },
    });
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
        const c = porId.get(r.mutationId);
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

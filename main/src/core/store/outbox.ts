/**
 * The outbox: commands applied locally and waiting for the server, in the order they were made. A command leaves it
 * when the server applied it, for the journal (`diario`, migration 0007), where it stays for DIAS_DIARIO with the epoch
 * it was confirmed in, to be sent again if the server is restored to an earlier backup; a refused or conflicting one
 * stays, out of the push queue, until the officer resolves it.
 */
import type { Sqlite } from './abrir.js';
import type { TablaExpediente } from './tablas.js';

export interface ComandoOutbox {
  seq: number;
  mutationId: string;
  usuarioId: string;
  nombre: string;
  args: Record<string, unknown>;
  baseVersion: number | null;
  solicitudId: string | null;
  estado: 'pendiente' | 'rechazado' | 'conflicto';
  code: string | null;
  message: string | null;
  filaServidor: Record<string, unknown> | null;
  resueltoEn: string | null;
  /** When the officer acted, by the desk's clock; `desfaseMs`: server − desk then, in ms (null: never measured). */
  creado: string;
  desfaseMs: number | null;
  /** Re-sent from the journal after the server's history changed: what it had been confirmed as. */
  reenvio: Reenvio | null;
}

/** A journaled command sent again: the epoch it had been confirmed in and the case number it had got, if any. */
export interface Reenvio {
  epoca: string | null;
  num_expediente: string | null;
}

/**
 * How long a confirmed command stays in the journal. At least the offline window (7 days); 10 because backups are kept
 * 7 days (deploy/scripts/backup.sh) and a restore of the oldest one a few days later must still find everything this
 * desk confirmed since it was taken.
 */
export const DIAS_DIARIO = 10;

/** The registrations whose number a re-sent command asks back (protocol: `num_expediente_anterior`). */
const CREAN_CASO = new Set(['ppsh.registrar', 'workflow.iniciar']);

interface FilaOutbox {
  seq: number;
  mutation_id: string;
  usuario_id: string;
  nombre: string;
  args: string;
  base_version: number | null;
  solicitud_id: string | null;
  estado: ComandoOutbox['estado'];
  code: string | null;
  message: string | null;
  fila_servidor: string | null;
  resuelto_en: string | null;
  creado: string;
  desfase_ms: number | null;
  reenvio: string | null;
}

const desdeFila = (f: FilaOutbox): ComandoOutbox => ({
  seq: f.seq,
  mutationId: f.mutation_id,
  usuarioId: f.usuario_id,
  nombre: f.nombre,
  args: JSON.parse(f.args) as Record<string, unknown>,
  baseVersion: f.base_version,
  solicitudId: f.solicitud_id,
  estado: f.estado,
  code: f.code,
  message: f.message,
  filaServidor: f.fila_servidor ? (JSON.parse(f.fila_servidor) as Record<string, unknown>) : null,
  resueltoEn: f.resuelto_en,
  creado: f.creado,
  desfaseMs: f.desfase_ms ?? null,
  reenvio: f.reenvio ? (JSON.parse(f.reenvio) as Reenvio) : null,
});

export interface NuevoComando {
  mutationId: string;
  usuarioId: string;
  nombre: string;
  args: Record<string, unknown>;
  baseVersion: number | null;
  solicitudId: string | null;
  filas: { tabla: TablaExpediente; id: string }[];
  creado: string;
  /** The desk's known offset from the server's clock when the officer acted (server − desk, ms). */
  desfaseMs?: number | null;
}

export class Outbox {
  constructor(private readonly db: Sqlite) {}

  /** Call inside the transaction that applied the command locally. */
  encolar(c: NuevoComando): void {
    const { lastInsertRowid } = this.db
      .prepare(
        `insert into outbox (mutation_id, usuario_id, nombre, args, base_version, solicitud_id, creado, desfase_ms)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.mutationId,
        c.usuarioId,
        c.nombre,
        JSON.stringify(c.args),
        c.baseVersion,
        c.solicitudId,
        c.creado,
        c.desfaseMs ?? null,
      );
    const fila = this.db.prepare('insert or ignore into outbox_filas (seq, tabla, fila_id) values (?, ?, ?)');
    for (const f of c.filas) fila.run(lastInsertRowid, f.tabla, f.id);
  }

  /** The next commands to push, oldest first, of this user only (another user's leftovers wait for them). */
  pendientes(usuarioId: string, limite: number): ComandoOutbox[] {
    return (
      this.db
        .prepare(`select * from outbox where estado = 'pendiente' and usuario_id = ? order by seq limit ?`)
        .all(usuarioId, limite) as FilaOutbox[]
    ).map(desdeFila);
  }

  buscar(mutationId: string): ComandoOutbox | undefined {
    const f = this.db.prepare('select * from outbox where mutation_id = ?').get(mutationId) as FilaOutbox | undefined;
    return f ? desdeFila(f) : undefined;
  }

  filasDe(seq: number): { tabla: TablaExpediente; id: string }[] {
    return this.db.prepare('select tabla, fila_id as id from outbox_filas where seq = ?').all(seq) as {
      tabla: TablaExpediente;
      id: string;
    }[];
  }

  /** Pending commands (other than `excepto`) that touched any of these rows, oldest first: to replay after a rollback. */
  pendientesSobre(filas: { tabla: string; id: string }[], excepto: number): ComandoOutbox[] {
    const q = this.db.prepare(
      `select distinct o.* from outbox o join outbox_filas f on f.seq = o.seq
       where o.estado = 'pendiente' and f.tabla = ? and f.fila_id = ? and o.seq <> ?`,
    );
    const porSeq = new Map<number, ComandoOutbox>();
    for (const f of filas)
      for (const c of q.all(f.tabla, f.id, excepto) as FilaOutbox[]) porSeq.set(c.seq, desdeFila(c));
    return [...porSeq.values()].sort((a, b) => a.seq - b.seq);
  }

  /** The server said "retry later" once more for this command: how many times in a row it has now. */
  anotarIntento(seq: number): number {
    const r = this.db.prepare('update outbox set intentos = intentos + 1 where seq = ? returning intentos').get(seq) as
      { intentos: number } | undefined;
    return r?.intentos ?? 0;
  }

  /** Confirmed by the server: out of the queue, into the journal with the epoch and the result it was confirmed with. */
  aplicado(seq: number, confirmado: { epoca: string | null; resultado: unknown; cuando: string }): void {
    this.db
      .prepare(
        `insert or replace into diario
           (seq, mutation_id, usuario_id, nombre, args, base_version, solicitud_id, creado, desfase_ms, epoca, resultado,
            aplicado_en)
         select seq, mutation_id, usuario_id, nombre, args, base_version, solicitud_id, creado, desfase_ms, ?, ?, ?
         from outbox where seq = ?`,
      )
      .run(
        confirmado.epoca,
        confirmado.resultado === undefined || confirmado.resultado === null
          ? null
          : JSON.stringify(confirmado.resultado),
        confirmado.cuando,
        seq,
      );
    this.db.prepare('delete from outbox where seq = ?').run(seq);
  }

  /** Journal entries confirmed before `antesDe` (UTC ISO) are forgotten: no restore reaches back that far. */
  podarDiario(antesDe: string): number {
    return this.db.prepare('delete from diario where aplicado_en < ?').run(antesDe).changes;
  }

  /**
   * The server's history changed: the journaled commands not confirmed in `epoca` (all of them when `epoca` is null: a
   * restore the server could not name) go back into the queue under their original seq, so they leave before anything
   * done since, in the order they were made. A registration asks back the number it had. Returns how many.
   */
  reencolarDiario(epoca: string | null): number {
    const filas = (
      epoca === null
        ? this.db.prepare('select * from diario order by seq').all()
        : this.db.prepare('select * from diario where epoca is null or epoca <> ? order by seq').all(epoca)
    ) as (FilaOutbox & { epoca: string | null; resultado: string | null })[];
    const insertar = this.db.prepare(
      `insert into outbox (seq, mutation_id, usuario_id, nombre, args, base_version, solicitud_id, creado, desfase_ms,
         reenvio)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const borrar = this.db.prepare('delete from diario where seq = ?');
    for (const f of filas) {
      const num = f.resultado
        ? ((JSON.parse(f.resultado) as { num_expediente?: string }).num_expediente ?? null)
        : null;
      const args = JSON.parse(f.args) as Record<string, unknown>;
      if (num && CREAN_CASO.has(f.nombre)) args.num_expediente_anterior = num;
      const reenvio: Reenvio = { epoca: f.epoca, num_expediente: num };
      insertar.run(
        f.seq,
        f.mutation_id,
        f.usuario_id,
        f.nombre,
        JSON.stringify(args),
        f.base_version,
        f.solicitud_id,
        f.creado,
        // A re-sent command still says when she acted and how far this clock was from the server's then.
        f.desfase_ms,
        JSON.stringify(reenvio),
      );
      borrar.run(f.seq);
    }
    return filas.length;
  }

  /** Re-sent commands still waiting for the server, and those it refused that are still in the officer's list. */
  reenvios(): {
    pendientes: number;
    rechazados: { mutationId: string; nombre: string; code: string; message: string }[];
  } {
    const filas = this.db.prepare(`select * from outbox where reenvio is not null order by seq`).all() as FilaOutbox[];
    return {
      pendientes: filas.filter((f) => f.estado === 'pendiente').length,
      rechazados: filas
        .filter((f) => f.estado !== 'pendiente')
        .map((f) => ({ mutationId: f.mutation_id, nombre: f.nombre, code: f.code ?? '', message: f.message ?? '' })),
    };
  }

  /** The officer read the recovery notice: re-sent commands still in her list stay there, as ordinary ones. */
  olvidarReenvios(): void {
    this.db.prepare(`update outbox set reenvio = null where estado <> 'pendiente'`).run();
  }

  /** Out of the push queue, into the officer's list; its rows are no longer protected from pull. */
  fallido(
    seq: number,
    estado: 'rechazado' | 'conflicto',
    code: string,
    message: string,
    filaServidor: unknown,
    cuando: string,
  ): void {
    this.db
      .prepare(`update outbox set estado = ?, code = ?, message = ?, fila_servidor = ?, resuelto_en = ? where seq = ?`)
      .run(estado, code, message, filaServidor ? JSON.stringify(filaServidor) : null, cuando, seq);
    this.db.prepare('delete from outbox_filas where seq = ?').run(seq);
  }

  fallidos(): ComandoOutbox[] {
    return (this.db.prepare(`select * from outbox where estado <> 'pendiente' order by seq`).all() as FilaOutbox[]).map(
      desdeFila,
    );
  }

  descartar(seq: number): void {
    this.db.prepare('delete from outbox where seq = ?').run(seq);
  }

  contar(): { pendientes: number; fallidos: number } {
    const r = this.db
      .prepare(`select sum(estado = 'pendiente') as p, sum(estado <> 'pendiente') as f from outbox`)
      .get() as { p: number | null; f: number | null };
    return { pendientes: r.p ?? 0, fallidos: r.f ?? 0 };
  }
}

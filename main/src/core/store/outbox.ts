/**
 * The outbox: commands applied locally and waiting for the server, in the order they were made. A command leaves it
 * when the server applied it; a refused or conflicting one stays, out of the push queue, until the officer resolves it.
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
  creado: string;
}

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
}

export class Outbox {
  constructor(private readonly db: Sqlite) {}

  /** Call inside the transaction that applied the command locally. */
  encolar(c: NuevoComando): void {
    const { lastInsertRowid } = this.db
      .prepare(
        `insert into outbox (mutation_id, usuario_id, nombre, args, base_version, solicitud_id, creado)
         values (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.mutationId, c.usuarioId, c.nombre, JSON.stringify(c.args), c.baseVersion, c.solicitudId, c.creado);
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

  aplicado(seq: number): void {
    this.db.prepare('delete from outbox where seq = ?').run(seq);
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

/** The sync engine's memory across restarts (cursor, first-sync progress, last success and error), in the local store. */
import type { AvisoRecuperacion } from '#shared/bridge/tipos';
import type { Sqlite } from '../store/abrir.js';

export interface ProgresoPrimeraSync {
  filas: number;
  bytes: number;
  total_estimado: number | null;
}

export interface ErrorSync {
  code: string;
  message: string;
  fecha: string;
}

/** The recovery notice as stored; what is still pending or refused is read from the outbox when shown. */
export type AvisoGuardado = Omit<AvisoRecuperacion, 'pendientes' | 'rechazados'>;

export class EstadoPersistente {
  constructor(private readonly db: Sqlite) {}

  private leer<T>(clave: string): T | null {
    const r = this.db.prepare('select valor from sync_state where clave = ?').get(clave) as
      { valor: string } | undefined;
    return r ? (JSON.parse(r.valor) as T) : null;
  }

  private escribir(clave: string, valor: unknown): void {
    if (valor === null) this.db.prepare('delete from sync_state where clave = ?').run(clave);
    else
      this.db
        .prepare(
          'insert into sync_state (clave, valor) values (?, ?) on conflict (clave) do update set valor = excluded.valor',
        )
        .run(clave, JSON.stringify(valor));
  }

  get cursor(): string | null {
    return this.leer<string>('cursor');
  }
  set cursor(v: string | null) {
    this.escribir('cursor', v);
  }

  get clientId(): string | null {
    return this.leer<string>('client_id');
  }
  set clientId(v: string | null) {
    this.escribir('client_id', v);
  }

  /** Whose caseload the mirror holds: another user on this desk starts from an empty mirror. */
  get usuarioEspejo(): string | null {
    return this.leer<string>('usuario_espejo');
  }
  set usuarioEspejo(v: string | null) {
    this.escribir('usuario_espejo', v);
  }

  get primeraSync(): ProgresoPrimeraSync | null {
    return this.leer<ProgresoPrimeraSync>('primera_sync');
  }
  set primeraSync(v: ProgresoPrimeraSync | null) {
    this.escribir('primera_sync', v);
  }

  get ultimaSincronizacion(): string | null {
    return this.leer<string>('ultima_sincronizacion');
  }
  set ultimaSincronizacion(v: string | null) {
    this.escribir('ultima_sincronizacion', v);
  }

  /** The server epoch the cursor and the journal's latest confirmations belong to (null: none known yet). */
  get epoca(): string | null {
    return this.leer<string>('epoca');
  }
  set epoca(v: string | null) {
    this.escribir('epoca', v);
  }

  /** The recovery notice after the server's history changed, until the officer dismisses it (survives a restart). */
  get recuperacion(): AvisoGuardado | null {
    return this.leer<AvisoGuardado>('recuperacion');
  }
  set recuperacion(v: AvisoGuardado | null) {
    this.escribir('recuperacion', v);
  }

  /**
   * Server clock − desk clock (ms) at the last sync answer, from its Date header; null until measured. Each command
   * carries the value known when the officer acted (docs/sync.md "When the officer acted").
   */
  get desfaseServidorMs(): number | null {
    return this.leer<number>('desfase_servidor_ms');
  }
  set desfaseServidorMs(v: number | null) {
    this.escribir('desfase_servidor_ms', v);
  }

  get ultimoError(): ErrorSync | null {
    return this.leer<ErrorSync>('ultimo_error');
  }
  set ultimoError(v: ErrorSync | null) {
    this.escribir('ultimo_error', v);
  }
}

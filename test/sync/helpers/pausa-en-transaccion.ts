/**
 * Test-only, loaded by the desk child process when PUNTO_DE_CORTE says so: freezes the desk INSIDE the n-th SQLite
 * transaction the pull opens to apply a page (rows written, nothing committed), tells the test on stdout and waits to
 * be killed. It wraps better-sqlite3's `transaction` in this process only, so the desktop core carries no test hook:
 * the pull's transactions are recognised by their caller (`aplicarPagina`, main/src/core/sync/pull.ts). If that name
 * changes the desk never freezes, and the test fails waiting for the event instead of passing blindly.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

type Cuerpo = (...args: unknown[]) => unknown;

export function pausarEnTransaccionDePull(n: number): void {
  const original = Database.prototype.transaction;
  let vistas = 0;
  Database.prototype.transaction = function (this: Database.Database, cuerpo: Cuerpo) {
    if (!new Error().stack?.includes('aplicarPagina')) return original.call(this, cuerpo);
    // An arrow: `this` stays the connection (the pull's bodies are arrows too, so no `this` of theirs is lost).
    return original.call(this, (...args: unknown[]) => {
      const resultado = cuerpo(...args);
      if (++vistas === n) {
        // Synchronous write and wait: the event loop must not run (nor the transaction commit) before the kill.
        fs.writeSync(
          1,
          `${JSON.stringify({ evento: 'punto', punto: 'pull.transaccion', en_transaccion: this.inTransaction })}\n`,
        );
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
      return resultado;
    });
  } as typeof original;
}

/**
 * Long template writes (a new version of a 100-stage template, a whole-graph PUT) are thousands of statements, and
 * SQLite runs each one synchronously: awaited one after another they never let the event loop turn, so every other
 * request (even /health) would wait for the whole save. `crearCeder()` gives a save a function to call between rows
 * that hands the loop back every few milliseconds. Inside a transaction this is safe: the connection stays the
 * save's (Kysely's mutex on SQLite, the pool on SQL Server), so other requests run but never inside the save.
 */
const CADA_MS = 15;

export function crearCeder(cadaMs = CADA_MS): () => Promise<void> {
  let desde = performance.now();
  return async () => {
    if (performance.now() - desde < cadaMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    desde = performance.now();
  };
}

/** Aprobaciones pendientes (entry component; the full screen is being built in this folder). */
export function PantallaAprobacion() {
  return (
    <section aria-busy="true" aria-labelledby="titulo-aprobacion">
      <h1 id="titulo-aprobacion">Aprobaciones pendientes</h1>
      <p role="status">Cargando…</p>
    </section>
  );
}

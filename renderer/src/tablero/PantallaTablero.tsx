/** Tablero de la oficina (entry component; the full screen is being built in this folder). */
export function PantallaTablero() {
  return (
    <section aria-busy="true" aria-labelledby="titulo-tablero">
      <h1 id="titulo-tablero">Tablero de la oficina</h1>
      <p role="status">Cargando…</p>
    </section>
  );
}

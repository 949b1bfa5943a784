/** Nueva solicitud (entry component; the full screen is being built in this folder). */
export function PantallaRegistro() {
  return (
    <section aria-busy="true" aria-labelledby="titulo-registro">
      <h1 id="titulo-registro">Nueva solicitud</h1>
      <p role="status">Cargando…</p>
    </section>
  );
}
